import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { errors as joseErrors, jwtVerify } from 'jose';
import type { SqlExecutor } from '../../src/store/executor.ts';

/**
 * Test-only stand-in for the one PostgREST endpoint SupabaseStore uses: POST /rest/v1/rpc/<fn>.
 * It follows PostgREST's documented per-request semantics on the real database:
 * verify the JWT (HS256, exp), take the role from its `role` claim, then in ONE transaction
 * `set_config('role', <role>, true)` (= set local role) and `set_config('request.jwt.claims', <payload>, true)`, call the function
 * (read-only for STABLE/IMMUTABLE functions, as PostgREST runs them on POST), and answer with the
 * scalar JSON result. Errors come back as {code, message, details, hint} with PostgREST's statuses.
 * No PostgREST binary exists on the registries here and there is no Docker, hence this.
 */
export interface PostgrestStandin {
  url: string;
  /** Requests served, by function name (lets tests see that calls went over HTTP). */
  calls: Map<string, number>;
  close(): Promise<void>;
}

const ROLES = new Set(['anon', 'authenticated', 'service_role']);
const FN_NAME = /^[a-z_][a-z0-9_]*$/;

type PgError = { code?: string; message?: string; detail?: string; hint?: string };

/** PostgREST's SQLSTATE → HTTP status table (docs: "Errors", HTTP status codes). */
export function statusForSqlState(code: string, role: string): number {
  if (code === '42501') return role === 'anon' ? 401 : 403;
  if (code === '42883' || code === '42P01') return 404;
  if (code === '23503' || code === '23505') return 409;
  if (code === '25006') return 405;
  if (code === 'P0001') return 400;
  if (code === '42P17') return 500;
  if (/^PT\d{3}$/.test(code)) return Number(code.slice(2));
  const cls = code.slice(0, 2);
  if (cls === '08' || cls === '53') return 503;
  if (['0L', '0P', '28'].includes(cls)) return 403;
  if (['09', '25', '2D', '38', '39', '3B', '40', '54', '55', '57', '58', 'F0', 'HV', 'P0', 'XX'].includes(cls))
    return 500;
  return 400;
}

function send(res: ServerResponse, status: number, body: unknown) {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Starts the stand-in on 127.0.0.1 (random port) in front of `db`, a superuser ("authenticator") connection. */
export async function startPostgrestStandin(
  db: SqlExecutor,
  options: { jwtSecret: string; anonKey: string },
): Promise<PostgrestStandin> {
  const key = new TextEncoder().encode(options.jwtSecret);
  const volatility = new Map<string, string | null>();
  const calls = new Map<string, number>();

  async function functionVolatility(fn: string): Promise<string | null> {
    if (!volatility.has(fn)) {
      const rows = await db.query<{ v: string | null }>(
        `select (select provolatile::text from pg_proc where oid = to_regprocedure($1)) as v`,
        [`public.${fn}(jsonb)`],
      );
      volatility.set(fn, rows[0]?.v ?? null);
    }
    return volatility.get(fn)!;
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const match = /^\/rest\/v1\/rpc\/([^/?]+)$/.exec(new URL(req.url ?? '/', 'http://x').pathname);
    if (req.method !== 'POST' || !match)
      return send(res, 404, {
        code: 'PGRST125',
        message: 'Invalid path specified in request URL',
        details: null,
        hint: null,
      });
    // The API gateway (Kong) rejects a missing or wrong apikey before PostgREST sees the request.
    if (req.headers.apikey !== options.anonKey) return send(res, 401, { message: 'Invalid API key' });
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    let claims: Record<string, unknown>;
    try {
      if (!bearer) throw new Error('missing token');
      ({ payload: claims } = await jwtVerify(bearer, key, { algorithms: ['HS256'], requiredClaims: ['exp'] }));
    } catch (error) {
      const message = error instanceof joseErrors.JWTExpired ? 'JWT expired' : 'JWSError JWSInvalidSignature';
      return send(res, 401, { code: 'PGRST301', message, details: null, hint: null });
    }
    const role = typeof claims.role === 'string' ? claims.role : 'anon';
    if (!ROLES.has(role))
      return send(res, 401, { code: 'PGRST301', message: `role "${role}" does not exist`, details: null, hint: null });
    const fn = decodeURIComponent(match[1]!);
    const body = JSON.parse((await readBody(req)) || '{}') as Record<string, unknown>;
    const v = FN_NAME.test(fn) && Object.keys(body).join() === 'p' ? await functionVolatility(fn) : null;
    if (v === null) {
      return send(res, 404, {
        code: 'PGRST202',
        message: `Could not find the function public.${fn} in the schema cache`,
        details: null,
        hint: null,
      });
    }
    calls.set(fn, (calls.get(fn) ?? 0) + 1);
    try {
      const result = await db.transaction(async (tx) => {
        // Like PostgREST: the access mode first, then role and claims in one statement (set_config
        // with is_local = true is SET LOCAL), then the call by argument name (PostgREST: fn(p := …)).
        if (v !== 'v') await tx.exec('set transaction read only');
        await tx.query(`select set_config('role', $1, true), set_config('request.jwt.claims', $2, true)`, [
          role,
          JSON.stringify(claims),
        ]);
        return (
          await tx.query<{ r: unknown }>(`select public.${fn}(p => $1::text::jsonb) as r`, [JSON.stringify(body.p)])
        )[0]!.r;
      });
      return send(res, 200, result ?? null);
    } catch (error) {
      const e = error as PgError;
      const code = e.code ?? 'XX000';
      return send(res, statusForSqlState(code, role), {
        code,
        message: e.message ?? 'error',
        details: e.detail ?? null,
        hint: e.hint ?? null,
      });
    }
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) =>
      send(res, 500, { code: 'XX000', message: String(error), details: null, hint: null }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
