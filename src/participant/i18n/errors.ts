/**
 * The error messages a participant can meet, in every participant language. Swedish and English
 * come from the one catalogue (http/errors.ts); the other languages fill ParticipantErrorTexts in
 * their texts-<lang>.ts. Staff-only codes are never shown to a participant and stay sv/en.
 */
import type { ErrorCode } from '../../errors.ts';
import { errorMessage } from '../../http/errors.ts';
import type { ParticipantLocale } from './locales.ts';
import { errors as svXLl, texts as svXLlTexts } from './texts-sv-x-ll.ts';
import { errors as ar, texts as arTexts } from './texts-ar.ts';
import { errors as so, texts as soTexts } from './texts-so.ts';
import { errors as ti, texts as tiTexts } from './texts-ti.ts';
import { errors as prs, texts as prsTexts } from './texts-prs.ts';
import { errors as fa, texts as faTexts } from './texts-fa.ts';
import { sv as svTexts } from './texts-sv.ts';
import { en as enTexts } from './texts-en.ts';

export const PARTICIPANT_ERROR_CODES = [
  'VALIDATION_FAILED',
  'INVALID_JSON',
  'ANSWERS_INVALID',
  'ANSWER_OUT_OF_RANGE',
  'CONSENT_REQUIRED',
  'CONSENT_RENEWAL_REQUIRED',
  'CONSENT_NOT_GIVEN',
  'SHORT_CODE_INVALID',
  'SHORT_CODE_MISTYPED',
  'LINK_INVALID',
  'LINK_INCOMPLETE',
  'LINK_UNKNOWN',
  'LINK_EXPIRED',
  'NOT_FOUND',
  'DEFINITION_NOT_FOUND',
  'ALREADY_SUBMITTED',
  'RESPONSE_ID_CONFLICT',
  'CONSENT_WITHDRAWN',
  'CONSENT_ALREADY_GIVEN',
  'DECLINED_BY_PARTICIPANT',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'RATE_LIMITED',
  'INTERNAL',
  'DATABASE_UNAVAILABLE',
] as const satisfies readonly ErrorCode[];
export type ParticipantErrorCode = (typeof PARTICIPANT_ERROR_CODES)[number];
export type ParticipantErrorTexts = Record<ParticipantErrorCode, string>;

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
