import { Hono } from 'hono';
import { requireStaff } from '../auth/guards.ts';
import type { AppEnv } from '../http/env.ts';
import { jsonBody, parseWith } from '../http/validate.ts';
import { createLink, linkInput } from './handout-routes.tsx';
import { enrolInput, enrolWithNewCode, exitInput, idParam, listWithSchedule } from './participants.ts';

/** The coach API (mounted at /api/coach): the same operations as the pages, as JSON. */
export function coachApi() {
  const app = new Hono<AppEnv>();
  app.use('*', requireStaff('api'));

  app.get('/participants', async function listParticipants(c) {
    const projectId = parseWith(idParam, c.req.query('project'));
    return c.json({ participants: await listWithSchedule(c, projectId) });
  });

  app.post('/participants', async function enrol(c) {
    const input = await jsonBody(c, enrolInput);
    return c.json({ participant: await enrolWithNewCode(c.get('services').store, c.get('principal'), input) }, 201);
  });

  app.post('/participants/:id/exit', async function registerExit(c) {
    const id = parseWith(idParam, c.req.param('id'));
    const input = await jsonBody(c, exitInput);
    return c.json({
      participant: await c.get('services').store.registerExit(c.get('principal'), { participant_id: id, ...input }),
    });
  });

  app.post('/participants/:id/links', async function link(c) {
    const id = parseWith(idParam, c.req.param('id'));
    const { survey, occasion } = await jsonBody(c, linkInput);
    const { participant, url, longUrl, expiresAt } = await createLink(c, id, survey, occasion);
    // url: the signed link as before; short_url: the same link as /l/<id>, for an SMS or a QR code.
    return c.json({ code: participant.code, url: longUrl, short_url: url, expires_at: expiresAt.toISOString() }, 201);
  });

  return app;
}
