import { Hono } from 'hono';
import type { Context } from 'hono';
import { getCookie } from 'hono/cookie';
import { HANDOVER_COOKIE, publicRoute } from '../auth/guards.ts';
import { sha256Hex } from '../auth/link-tokens.ts';
import { readShortId } from '../domain/short-link-id.ts';
import type { ErrorCode } from '../errors.ts';
import { errorStatus } from '../http/errors.ts';
import type { AppEnv } from '../http/env.ts';
import type { Attempt } from '../http/rate-limits.ts';
import { participantPage } from './routes.tsx';
import { LinkProblemPage } from './views/link-problem.tsx';

const REASON: Record<'unknown' | 'expired' | 'revoked', ErrorCode> = {
  unknown: 'LINK_UNKNOWN',
  expired: 'LINK_EXPIRED',
  revoked: 'LINK_INVALID',
};

const problem = (c: Context<AppEnv>, code: ErrorCode) =>
  c.html(<LinkProblemPage code={code} locale={c.get('plocale')} />, errorStatus(code), { 'Cache-Control': 'no-store' });

/**
 * Short links (mounted at /l): /l/<id> opens the participant page of the link row the id stands
 * for, with that row's signed token in the page (never in the address or history), as a hand-over
 * does. Public; failures are limited per address and, for well-formed ids, for the installation.
 */
export function shortLinkRoutes() {
  const app = new Hono<AppEnv>();

  // A link cut off at /l (an empty id after /l/ is read as cut off below).
  app.get('/', publicRoute, (c) => problem(c, 'LINK_INCOMPLETE'));

  app.get('/:id{[^/]*}', publicRoute, async function openShortLink(c) {
    const { store, tokens, limits, clientIp } = c.get('services');
    const read = readShortId(c.req.param('id').slice(0, 40));
    const attempts: Attempt[] = [{ budget: 'shortLinkAddress', key: clientIp(c) }];
    if ('ok' in read) attempts.push({ budget: 'shortLinkAll', key: 'installation' });
    await limits.take(attempts);
    // Cut off or mistyped: the check character says so without asking the database.
    if (!('ok' in read)) return problem(c, 'LINK_INCOMPLETE');
    const found = await store.resolveShortLink(await sha256Hex(read.ok));
    if (found.state !== 'live') return problem(c, REASON[found.state]);
    await limits.forgive(attempts);
    const { token } = await tokens.signParticipantLink(
      {
        participantId: found.participant_id,
        projectId: found.project_id,
        survey: found.survey,
        occasion: found.occasion,
        linkId: found.link_id,
      },
      { issuedAt: new Date(found.created_at), expiresAt: new Date(found.expires_at) },
    );
    return participantPage(c, token, { handover: getCookie(c, HANDOVER_COOKIE) !== undefined, embed: true });
  });

  return app;
}
