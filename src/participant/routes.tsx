import { Hono } from 'hono';
import { getCookie } from 'hono/cookie';
import { HANDOVER_COOKIE, publicRoute, requireParticipant } from '../auth/guards.ts';
import { errorMessage } from '../http/errors.ts';
import type { AppEnv } from '../http/env.ts';
import { answersApi } from './answers-api.ts';
import { consentApi } from './consent-api.ts';
import { sessionApi } from './session-api.ts';
import { ParticipantShell } from './views/shell.tsx';

/**
 * The page a participant link opens (mounted at /d). Public: the token in the path is the
 * credential, checked here; the runner then calls the API with it.
 */
export function participantPages() {
  const app = new Hono<AppEnv>();

  app.get('/:token', publicRoute, async function participantPage(c) {
    const link = await c.get('services').tokens.verifyParticipantLink(c.req.param('token'));
    if (!link) {
      // The participant page itself, so the message has the language switch like every other.
      const lang = c.get('lang');
      const notice = {
        title: lang === 'en' ? 'The link does not work' : 'Länken fungerar inte',
        message: errorMessage('LINK_INVALID', lang),
      };
      return c.html(<ParticipantShell lang={lang} notice={notice} />, 401, { 'Cache-Control': 'no-store' });
    }
    // The address carries the person's link token: never keep this page in any cache.
    const handover = getCookie(c, HANDOVER_COOKIE) !== undefined;
    return c.html(<ParticipantShell lang={c.get('lang')} handover={handover} />, 200, { 'Cache-Control': 'no-store' });
  });

  return app;
}

/** The participant API (mounted at /api/p): every route needs a valid participant link token. */
export function participantApi() {
  const app = new Hono<AppEnv>();
  app.use('*', requireParticipant());
  app.route('/', sessionApi());
  app.route('/', consentApi());
  app.route('/', answersApi());
  return app;
}
