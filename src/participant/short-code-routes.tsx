import { Hono } from 'hono';
import { publicRoute } from '../auth/guards.ts';
import { sha256Hex } from '../auth/link-tokens.ts';
import { normaliseCode } from '../domain/pseudonym-code.ts';
import { generateShortId } from '../domain/short-link-id.ts';
import { AppError } from '../errors.ts';
import { errorMessage, errorStatus } from '../http/errors.ts';
import type { AppEnv } from '../http/env.ts';
import type { Attempt } from '../http/rate-limits.ts';
import { readForm } from '../http/validate.ts';
import type { Store } from '../store/store.ts';
import { ShortCodeEntryPage } from './views/short-code.tsx';

/** Redeems the code for a link with a fresh short id (drawn again on the rare collision). */
async function redeemWithShortId(store: Store, codeHash: string, ttlDays: number): Promise<string> {
  for (let attempt = 0; ; attempt++) {
    const shortId = generateShortId();
    try {
      await store.redeemShortCode(codeHash, ttlDays, await sha256Hex(shortId.toUpperCase()));
      return shortId;
    } catch (error) {
      if (!(error instanceof AppError && error.code === 'CODE_TAKEN') || attempt >= 4) throw error;
    }
  }
}

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
    // A typo (wrong length, or the check character disagrees) is told apart from a code that was
    // right once: the first is checked here, without asking the database.
    const refuse = (why: 'SHORT_CODE_INVALID' | 'SHORT_CODE_MISTYPED') =>
      c.html(
        <ShortCodeEntryPage error={errorMessage(why, 'sv')} errorEn={errorMessage(why, 'en')} value={typed} />,
        errorStatus(why),
      );
    const invalid = () => refuse('SHORT_CODE_INVALID');
    if (!code) return refuse('SHORT_CODE_MISTYPED');
    try {
      // The database mints the link (revoking earlier ones) in the name of the code's maker, with
      // a short id: the phone then opens /l/<id>, so the token never enters its address bar.
      const shortId = await redeemWithShortId(store, await sha256Hex(code), tokens.linkTtlDays);
      await limits.forgive(attempts);
      return c.redirect(`/l/${shortId}`, 303);
    } catch (error) {
      if (error instanceof AppError && error.code === 'SHORT_CODE_INVALID') return invalid();
      throw error;
    }
  });

  return app;
}
