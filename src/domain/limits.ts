/**
 * The numbers that matter, each defined once. Where the database enforces the same number (a
 * column default, a CHECK, an interval), tests/db/vocabulary.test.ts checks that SQL says the same.
 */
import { z } from 'zod';

/** A setting with a default and an inclusive range. */
export interface Bounded {
  readonly default: number;
  readonly min: number;
  readonly max: number;
}

/** An environment variable or form field holding a bounded integer (strings are coerced). */
export function boundedInt(b: Bounded) {
  return z.coerce.number().int().min(b.min).max(b.max).default(b.default);
}

/** Figures rest on at least this many respondents (per project; projects.min_group_size). */
export const MIN_GROUP_SIZE: Bounded = { default: 5, min: 3, max: 100 };

/** A staff session's lifetime in minutes (SESSION_TTL_MINUTES). */
export const STAFF_SESSION_MINUTES: Bounded = { default: 120, min: 5, max: 24 * 60 };

/** A participant link's lifetime in days (LINK_TTL_DAYS). */
export const PARTICIPANT_LINK_DAYS: Bounded = { default: 14, min: 1, max: 90 };

/**
 * A browser keeps its participant device id (the cookie drafts are bound to) this long after it
 * last opened a questionnaire: as long as the longest link can last.
 */
export const DEVICE_COOKIE_DAYS = PARTICIPANT_LINK_DAYS.max;

/** A coach's phone may stay with a participant this long before the coach must sign in anew. */
export const HANDOVER_SECONDS = 4 * 3600;

/** A short code (typed on the participant's own phone) works this long. */
export const SHORT_CODE_MINUTES = 30;

/** The longest a short code may be issued for (SQL: short_codes' CHECK). */
export const SHORT_CODE_MAX_DAYS = 1;

/** A staff invite or password-reset link works once, for this many days (SQL: staff_invites). */
export const INVITE_LINK_DAYS = 7;

/** A budget of attempts per fixed window. */
export interface Budget {
  readonly max: number;
  readonly windowSeconds: number;
}

/**
 * Budgets kept in the database (public.rate_limits), so every instance and edge isolate shares
 * them. Sign-in and short codes count failures only: a success gives its attempt back.
 */
export const RATE_LIMITS = {
  /** Failed sign-ins per account and address: a person is stopped by their own mistakes only. */
  loginAccountAddress: { max: 10, windowSeconds: 15 * 60 },
  /** Failed sign-ins per address over all accounts: an office behind one NAT address shares it. */
  loginAddress: { max: 100, windowSeconds: 15 * 60 },
  /** Failed sign-ins per account over all addresses: guessing one password from many addresses. */
  loginAccount: { max: 50, windowSeconds: 15 * 60 },
  /** Failed hand-over returns per coach (only the holder of that coach's hand-over cookie gets here). */
  handover: { max: 10, windowSeconds: 15 * 60 },
  /** Password-setting attempts per address on invite links (each costs a PBKDF2 hash). */
  invite: { max: 10, windowSeconds: 15 * 60 },
  /** Failed short codes per address. Codes carry 35 random bits. */
  shortCodeAddress: { max: 10, windowSeconds: 10 * 60 },
  /**
   * Failed short codes on the whole installation: guessing from many addresses stays bounded
   * (with 100 live codes, a day of 100 guesses per 10 minutes finds one with odds of 1 in 24,000).
   * Spending it refuses short codes for everyone until the window ends; links and QR codes still work.
   */
  shortCodeAll: { max: 100, windowSeconds: 10 * 60 },
  /** Short links (/l/<id>) that do not open, per address; a link that opens gives its attempt back. */
  shortLinkAddress: { max: 20, windowSeconds: 10 * 60 },
  /**
   * Well-formed short ids that open nothing, on the whole installation. Ids carry 60 random bits:
   * with 10,000 live links, a year of guessing at this pace finds one with odds of about 1 in
   * 2 million. Spending it refuses short links until the window ends (short codes and /d/ links
   * still work), so it is set high enough that doing so takes a steady stream of requests.
   */
  shortLinkAll: { max: 1000, windowSeconds: 10 * 60 },
} as const satisfies Record<string, Budget>;

export type RateLimitName = keyof typeof RATE_LIMITS;

/** Submissions per participant link and minute, per process (a load limit; the link is the credential). */
export const SUBMIT_LIMIT = { max: 30, windowMs: 60_000 } as const;
