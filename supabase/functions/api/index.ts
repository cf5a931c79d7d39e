// Supabase Edge Function entry (Deno). Everything else is in app.bundle.js, built from src/ by
// `npm run build:function` (see src/edge/build-function.node.ts): the Supabase CLI uploads only
// supabase/functions/, and nothing is fetched at run time.
import { createHandler } from './app.bundle.js';

const handler = createHandler(Deno.env.toObject());
const port = Number(Deno.env.get('PORT') ?? '8000');

Deno.serve(
  {
    port,
    onListen: ({ port }) => console.log(JSON.stringify({ at: new Date().toISOString(), msg: 'listening', port })),
  },
  handler.fetch,
);
