import { Hono } from 'hono';
import { compress } from 'hono/compress';
import { getCookie } from 'hono/cookie';
import type { Context } from 'hono';
import { deviceHash } from '../auth/device.ts';
import { HANDOVER_COOKIE, publicRoute, requireParticipant } from '../auth/guards.ts';
import { HANDOVER_LINK_COOKIE } from '../auth/handover.ts';
import { participantErrorText } from './i18n/errors.ts';
import { RUNNER_TEXTS } from '../client/i18n/texts.ts';
import type { AppEnv } from '../http/env.ts';
import { answersApi } from './answers-api.ts';
import { consentApi } from './consent-api.ts';
import { firstScreenFor } from './first-screen.ts';
import { sessionApi } from './session-api.ts';
import { ParticipantShell } from './views/shell.tsx';

/**
 * The page a participant link opens (mounted at /d). Public: the token in the path is the
 * credential, checked here; the runner then calls the API with it.
 */
export function participantPages() {
  const app = new Hono<AppEnv>();
  // The page carries its first screen (a few KB of HTML): gzip it for slow phone networks. It
  // reflects nothing a third party chooses, so its size tells nothing about the token it holds.
  app.use('*', compress({ encoding: 'gzip' }));

  // A hand-over: the link comes in an HttpOnly cookie, so it never enters the phone's history;
  // the page hands it to the runner. Once the phone is returned the cookie is gone.
  app.get('/', publicRoute, async function handoverPage(c) {
    const token = getCookie(c, HANDOVER_LINK_COOKIE) ?? '';
    const handover = getCookie(c, HANDOVER_COOKIE) !== undefined;
    return participantPage(c, token, { handover, embed: true });
  });

  app.get('/:token', publicRoute, async function linkPage(c) {
    return participantPage(c, c.req.param('token'), { handover: getCookie(c, HANDOVER_COOKIE) !== undefined });
  });

  return app;
}

/**
 * The participant page for a link token. embed: the token is not in the address (a hand-over, a
 * short link), so the page carries it for the runner.
 */
export async function participantPage(c: Context<AppEnv>, token: string, opts: { handover: boolean; embed?: boolean }) {
  const checked = token ? await c.get('services').tokens.checkParticipantLink(token) : null;
  if (!checked || !('link' in checked)) {
    // The participant page itself, so the message has the language switch like every other. No
    // token: a hand-over that has ended; a token that fails its signature was cut off or altered.
    const code = !checked ? 'LINK_INVALID' : checked.refused === 'expired' ? 'LINK_EXPIRED' : 'LINK_INCOMPLETE';
    const locale = c.get('plocale');
    const notice = { title: RUNNER_TEXTS[locale].linkTitle, message: participantErrorText({ code }, locale) };
    return c.html(<ParticipantShell lang={locale} notice={notice} />, 401, { 'Cache-Control': 'no-store' });
  }
  // The first screen in the HTML, so it paints before the runner has loaded; should the store
  // fail here, the runner still starts (and says so) from the empty shell.
  const first = await firstScreenFor(c, checked.link).catch(() => null);
  // The page carries the person's link token: never keep it in any cache.
  return c.html(
    <ParticipantShell
      lang={c.get('lang')}
      handover={opts.handover}
      linkToken={opts.embed ? token : undefined}
      first={first}
      projectId={checked.link.projectId}
    />,
    200,
    { 'Cache-Control': 'no-store' },
  );
}

/** The participant API (mounted at /api/p): every route needs a valid participant link token. */
export function participantApi() {
  const app = new Hono<AppEnv>();
  app.use('*', requireParticipant());
  // Drafts are read and saved for this browser only (auth/device.ts).
  app.use('*', async function device(c, next) {
    const who = c.get('principal');
    if (who.kind === 'participant') c.set('principal', { ...who, deviceHash: await deviceHash(c) });
    await next();
  });
  app.route('/', sessionApi());
  app.route('/', consentApi());
  app.route('/', answersApi());
  return app;
}
