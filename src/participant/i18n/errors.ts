/**
 * The error messages a participant can meet, in every participant language. Swedish and English
 * come from the one catalogue (http/errors.ts); the other languages fill ParticipantErrorTexts in
 * their texts-<lang>.ts. Staff-only codes are never shown to a participant and stay sv/en.
 */
import type { ErrorCode } from '../../errors.ts';
import { errorMessage } from '../../http/errors.ts';
import type { ParticipantLocale } from '../../client/i18n/locales.ts';
import {
  PARTICIPANT_ERROR_CODES,
  type ParticipantErrorCode,
  type ParticipantErrorTexts,
} from '../../client/i18n/error-codes.ts';
import { errors as svXLl, texts as svXLlTexts } from '../../client/i18n/texts-sv-x-ll.ts';
import { errors as ar, texts as arTexts } from '../../client/i18n/texts-ar.ts';
import { errors as so, texts as soTexts } from '../../client/i18n/texts-so.ts';
import { errors as ti, texts as tiTexts } from '../../client/i18n/texts-ti.ts';
import { errors as prs, texts as prsTexts } from '../../client/i18n/texts-prs.ts';
import { errors as fa, texts as faTexts } from '../../client/i18n/texts-fa.ts';
import { sv as svTexts } from '../../client/i18n/texts-sv.ts';
import { en as enTexts } from '../../client/i18n/texts-en.ts';

// The list is the browser-safe client/i18n/error-codes.ts; here it is checked against the catalogue.
PARTICIPANT_ERROR_CODES satisfies readonly ErrorCode[];

const TRANSLATED: Record<Exclude<ParticipantLocale, 'sv' | 'en'>, ParticipantErrorTexts> = {
  'sv-x-ll': svXLl,
  ar,
  so,
  ti,
  prs,
  fa,
};

const RATE_LIMITED_TEXT = {
  sv: svTexts.rateLimited,
  en: enTexts.rateLimited,
  'sv-x-ll': svXLlTexts.rateLimited,
  ar: arTexts.rateLimited,
  so: soTexts.rateLimited,
  ti: tiTexts.rateLimited,
  prs: prsTexts.rateLimited,
  fa: faTexts.rateLimited,
} satisfies Record<ParticipantLocale, (minutes: number) => string>;

function isParticipantCode(code: ErrorCode): code is ParticipantErrorCode {
  return (PARTICIPANT_ERROR_CODES as readonly string[]).includes(code);
}

/** An error's message for a participant page: in the participant's language where it is one of theirs. */
export function participantErrorText(
  error: { code: ErrorCode; retryAfterSeconds?: number },
  locale: ParticipantLocale,
): string {
  if (error.code === 'RATE_LIMITED' && error.retryAfterSeconds !== undefined)
    return RATE_LIMITED_TEXT[locale](Math.max(1, Math.ceil(error.retryAfterSeconds / 60)));
  if (locale === 'sv' || locale === 'en' || !isParticipantCode(error.code))
    return errorMessage(error.code, locale === 'en' ? 'en' : 'sv');
  return TRANSLATED[locale][error.code];
}
