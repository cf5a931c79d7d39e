/**
 * Every error the application can end a request with, as a machine code. Transport-neutral: the
 * store and the pure modules throw these; src/http/errors.ts maps each code to an HTTP status and
 * plain words in Swedish and English.
 */
export const ERROR_CODES = [
  'VALIDATION_FAILED',
  'INVALID_JSON',
  'ANSWERS_INVALID',
  'ANSWER_OUT_OF_RANGE',
  'CONSENT_REQUIRED',
  'CONSENT_RENEWAL_REQUIRED',
  'CONSENT_NOT_GIVEN',
  'PERIOD_INVALID',
  'EXIT_DATE_INVALID',
  'REGISTER_DATA_INVALID',
  'REPORT_PERIOD_INVALID',
  'SHORT_CODE_INVALID',
  'SHORT_CODE_MISTYPED',
  'HANDOVER_INVALID',
  'HANDOVER_PASSWORD_WRONG',
  'UNAUTHENTICATED',
  'INVALID_CREDENTIALS',
  'LINK_INVALID',
  'LINK_INCOMPLETE',
  'LINK_UNKNOWN',
  'LINK_EXPIRED',
  'CSRF_REJECTED',
  'NOT_FOUND',
  'PROJECT_NOT_FOUND',
  'PARTICIPANT_NOT_FOUND',
  'DEFINITION_NOT_FOUND',
  'STAFF_NOT_FOUND',
  'PASSWORD_TOO_SHORT',
  'PASSWORDS_DIFFER',
  'PASSWORD_CHANGE_REQUIRED',
  'PASSWORD_UNCHANGED',
  'CURRENT_PASSWORD_WRONG',
  'EXPORT_GRANT_NOT_FOUND',
  'ROW_EXPORT_NOT_FOUND',
  'ROW_EXPORT_EXPIRED',
  'ALREADY_SUBMITTED',
  'RESPONSE_ID_CONFLICT',
  'CONSENT_WITHDRAWN',
  'CONSENT_ALREADY_GIVEN',
  'DECLINED_BY_PARTICIPANT',
  'CODE_TAKEN',
  'EMAIL_TAKEN',
  'DEFINITION_INVALID',
  'CONFIRMATION_REQUIRED',
  'WORDING_LOCKED',
  'UNLOCK_REASON_REQUIRED',
  'DEFINITION_NOT_PUBLISHED',
  'DRAFT_EXISTS',
  'DRAFT_CHANGED',
  'TRANSLATION_FILE_INVALID',
  'TRANSLATION_OUTDATED',
  'DEFINITION_IMMUTABLE',
  'ACCOUNT_NOT_FOUND',
  'INVITE_INVALID',
  'STAFF_OUTSIDE_SCOPE',
  'LAST_ADMIN',
  'ROLE_CONFLICT',
  'EXPORT_GRANT_SELF',
  'CANNOT_DEACTIVATE_SELF',
  'AUDIT_APPEND_ONLY',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'RATE_LIMITED',
  'INTERNAL',
  'DATABASE_UNAVAILABLE',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ErrorIssue {
  path: string;
  message: string;
}

const known: ReadonlySet<string> = new Set(ERROR_CODES);

export function isErrorCode(value: string): value is ErrorCode {
  return known.has(value);
}

/** An error with a machine code; its status and wording are the transport's business. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly issues: ErrorIssue[] | undefined;
  /** How long the caller should wait before trying again (rate limits, an unavailable database). */
  readonly retryAfterSeconds: number | undefined;

  constructor(code: ErrorCode, options: { issues?: ErrorIssue[]; cause?: unknown; retryAfterSeconds?: number } = {}) {
    super(code, { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.issues = options.issues;
    this.retryAfterSeconds = options.retryAfterSeconds;
  }
}
