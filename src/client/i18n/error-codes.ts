/**
 * The error codes a participant can meet (the server's catalogue has them all: src/errors.ts;
 * src/participant/i18n/errors.ts checks this list against it). Every participant language gives
 * each a message in its texts-<lang>.ts.
 */
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
] as const;
export type ParticipantErrorCode = (typeof PARTICIPANT_ERROR_CODES)[number];
export type ParticipantErrorTexts = Record<ParticipantErrorCode, string>;
