import { Hono } from 'hono';
import { publicRoute } from '../auth/guards.ts';
import { sha256Hex } from '../auth/link-tokens.ts';
import { normaliseCode } from '../domain/pseudonym-code.ts';
import { AppError } from '../errors.ts';
import { errorMessage } from '../http/errors.ts';
import type { AppEnv } from '../http/env.ts';
import type { Attempt } from '../http/rate-limits.ts';
import { readForm } from '../http/validate.ts';
import { ShortCodeEntryPage } from './views/short-code.tsx';

/**
 * Typing a short code on the participant's own phone (mounted at /k). Public; failures are limited
 * per address and for the whole installation. A valid code becomes a participant link.
 */
export function shortCodeRoutes() {
  const app = new Hono<AppEnv>();

  app.get('/', publicRoute, (c) => c.html(<ShortCodeEntryPage />));

  app.post('/', publicRoute, async function redeem(c) {
    const { store, tokens, limits, clientIp } = c.get('services');
    const typed = String((await readForm(c)).code ?? '').slice(0, 40);
    const code = normaliseCode(typed);
    // Every attempt counts for the address; a well-formed code also counts against the
    // installation's budget, which bounds guessing from many addresses. A code that works gives
    // its attempts back, so only failures use them up.
    const attempts: Attempt[] = [{ budget: 'shortCodeAddress', key: clientIp(c) }];
    if (code) attempts.push({ budget: 'shortCodeAll', key: 'installation' });
    await limits.take(attempts);
    const invalid = () =>
      c.html(<ShortCodeEntryPage error={errorMessage('SHORT_CODE_INVALID', 'sv')} value={typed} />, 404);
    if (!code) return invalid();
    try {
      // The database mints the link (revoking earlier ones) in the name of the code's maker.
      const found = await store.redeemShortCode(await sha256Hex(code), tokens.linkTtlDays);
      await limits.forgive(attempts);
      const { token } = await tokens.signParticipantLink({
        participantId: found.participant_id,
        projectId: found.project_id,
        survey: found.survey,
        occasion: found.occasion,
        linkId: found.link_id,
      });
      return c.redirect(`/d/${token}`, 303);
    } catch (error) {
      if (error instanceof AppError && error.code === 'SHORT_CODE_INVALID') return invalid();
      throw error;
    }
  });

  return app;
}
