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
import { participantErrorText } from './i18n/errors.ts';
import { participantLocaleOf } from '../client/i18n/locales.ts';
import { secondLanguage } from './views/own-language.tsx';
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

  app.get('/', publicRoute, (c) =>
    c.html(<ShortCodeEntryPage locale={c.get('plocale')} chosen={participantLocaleOf(c.req.query('lang')) !== null} />),
  );

  app.post('/', publicRoute, async function redeem(c) {
    const { store, tokens, limits, clientIp } = c.get('services');
    const form = await readForm(c);
    const typed = String(form.code ?? '').slice(0, 40);
    // A language chosen on the page goes on to the questionnaire; anything else is ignored.
    const chosen = participantLocaleOf(typeof form.lang === 'string' ? form.lang : null);
    const locale = chosen ?? c.get('plocale');
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
        <ShortCodeEntryPage
          locale={locale}
          chosen={chosen !== null}
          error={{ sv: errorMessage(why, 'sv'), own: participantErrorText({ code: why }, secondLanguage(locale)) }}
          value={typed}
        />,
        errorStatus(why),
      );
    const invalid = () => refuse('SHORT_CODE_INVALID');
    if (!code) return refuse('SHORT_CODE_MISTYPED');
    try {
      // The database mints the link (revoking earlier ones) in the name of the code's maker, with
      // a short id: the phone then opens /l/<id>, so the token never enters its address bar.
      const shortId = await redeemWithShortId(store, await sha256Hex(code), tokens.linkTtlDays);
      await limits.forgive(attempts);
      return c.redirect(`/l/${shortId}${chosen ? `?lang=${chosen}` : ''}`, 303);
    } catch (error) {
      if (error instanceof AppError && error.code === 'SHORT_CODE_INVALID') return invalid();
      throw error;
    }
  });

  return app;
}
