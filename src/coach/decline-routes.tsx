import type { Context } from 'hono';
import { Hono } from 'hono';
import { z } from 'zod';
import { AppError } from '../errors.ts';
import { errorMessage } from '../http/errors.ts';
import type { AppEnv } from '../http/env.ts';
import { inLang } from '../views/lang.tsx';
import { parseWith, readForm } from '../http/validate.ts';
import { idParam } from './participants.ts';
import { DeclinePage } from './views/decline.tsx';

const declineForm = z.object({ declined: z.enum(['0', '1']).transform((v) => v === '1') });
const REFUSED = ['CONSENT_ALREADY_GIVEN', 'DECLINED_BY_PARTICIPANT', 'CONSENT_WITHDRAWN'];

/** The participant as the list shows them, found within the caller's projects (404 otherwise). */
async function participantRow(c: Context<AppEnv>, id: string) {
  const { store } = c.get('services');
  // 404 outside the caller's projects; 409 once consent is withdrawn (nothing left to record).
  const record = await store.participantForLink(c.get('principal'), id);
  const list = await store.coachWorklist(c.get('principal'), {
    project_id: record.project_id,
    q: record.code,
    group: 'all',
  });
  const row = list.rows.find((r) => r.id === id);
  if (!row) throw new AppError('PARTICIPANT_NOT_FOUND');
  return row;
}

/**
 * /coach/participants/:id/decline: a coach records that a participant does not want to take part
 * (after a confirmation), or takes their own record back. The SQL function checks the project,
 * refuses once consent is given and writes the audit entry.
 */
export function declineRoutes() {
  const app = new Hono<AppEnv>();

  app.get('/participants/:id/decline', async function declineConfirm(c) {
    const row = await participantRow(c, parseWith(idParam, c.req.param('id')));
    return c.html(inLang(c.get('lang'), <DeclinePage staff={c.get('staff')} participant={row} />));
  });

  app.post('/participants/:id/decline', async function declineSave(c) {
    const id = parseWith(idParam, c.req.param('id'));
    // Looked up first, so a caller outside the project gets 404 whatever the form holds.
    const row = await participantRow(c, id);
    const { declined } = parseWith(declineForm, await readForm(c));
    try {
      await c.get('services').store.recordDecline(c.get('principal'), { participant_id: id, declined });
    } catch (error) {
      if (!(error instanceof AppError && REFUSED.includes(error.code))) throw error;
      return c.html(
        inLang(
          c.get('lang'),
          <DeclinePage staff={c.get('staff')} participant={row} error={errorMessage(error.code, c.get('lang'))} />,
        ),
        409,
      );
    }
    return c.redirect(`/coach?q=${row.code}&group=all`, 303);
  });

  return app;
}
