import { SignJWT, jwtVerify, errors as joseErrors } from 'jose';
import { z } from 'zod';
import type { Occasion } from '../store/store.ts';
import { OCCASION } from '../domain/vocabulary.ts';
import { HANDOVER_SECONDS } from '../domain/limits.ts';

const ISSUER = 'enkat';
const STAFF_AUDIENCE = 'enkat:staff';
const PARTICIPANT_AUDIENCE = 'enkat:participant';
const HANDOVER_AUDIENCE = 'enkat:handover';

/** Signs and verifies the app's tokens (HS256, one secret, an audience per purpose). */
export interface TokenService {
  /** version: the account's session version; a later password change or deactivation bumps it. */
  signStaffSession(staffId: string, version?: number): Promise<{ token: string; expiresAt: Date }>;
  verifyStaffSession(token: string): Promise<{ staffId: string; expiresAt: Date; version: number } | null>;
  /**
   * times: the link row's own (created_at, expires_at), so the token of one row is the same on
   * every signing (a short link opened twice resumes the same device drafts). Without: now + TTL.
   */
  signParticipantLink(
    input: ParticipantLinkClaims,
    times?: { issuedAt: Date; expiresAt: Date },
  ): Promise<{ token: string; expiresAt: Date }>;
  verifyParticipantLink(token: string): Promise<ParticipantLinkClaims | null>;
  /** As verifyParticipantLink, saying why a token is refused: it expired, or it is not whole (or not ours). */
  checkParticipantLink(token: string): Promise<ParticipantLinkCheck>;
  /** Hand-over: remembers which coach lent the phone, so only their password brings it back. */
  signHandover(staffId: string, linkId?: string): Promise<{ token: string; expiresAt: Date }>;
  verifyHandover(token: string): Promise<{ staffId: string; linkId: string | null } | null>;
  /** How long a participant link lasts (days); the link's row in the database is given the same. */
  readonly linkTtlDays: number;
}

export interface ParticipantLinkClaims {
  participantId: string;
  projectId: string;
  survey: string;
  occasion: Occasion;
  /** The link's row (participant_links), carried as jti: SQL refuses a revoked link. */
  linkId: string;
}

export type ParticipantLinkCheck = { link: ParticipantLinkClaims } | { refused: 'expired' | 'incomplete' };

const participantPayload = z.object({
  sub: z.uuid(),
  prj: z.uuid(),
  svy: z.string().regex(/^[a-z][a-z0-9-]{1,40}$/),
  occ: z.enum(OCCASION.values),
  jti: z.uuid(),
});
const staffPayload = z.object({ sub: z.uuid(), exp: z.number(), sv: z.number().int().min(0).default(0) });
const handoverPayload = z.object({ sub: z.uuid(), lnk: z.uuid().optional() });

export function createTokenService(options: {
  secret: string;
  staffTtlMinutes: number;
  linkTtlDays: number;
  now?: () => Date;
}): TokenService {
  if (options.secret.length < 32) throw new Error('the token secret must be at least 32 characters');
  // Imported once as a CryptoKey: jose would otherwise import the raw bytes on every call.
  const key = crypto.subtle.importKey(
    'raw',
    new TextEncoder().encode(options.secret),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign', 'verify'],
  );
  const now = options.now ?? (() => new Date());
  const seconds = (d: Date) => Math.floor(d.getTime() / 1000);

  async function sign(
    payload: Record<string, unknown>,
    subject: string,
    audience: string,
    ttlSeconds: number,
    times?: { issuedAt: Date; expiresAt: Date },
  ) {
    const issued = times?.issuedAt ?? now();
    const expiresAt = times?.expiresAt ?? new Date(issued.getTime() + ttlSeconds * 1000);
    const token = await new SignJWT(payload)
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setIssuer(ISSUER)
      .setAudience(audience)
      .setSubject(subject)
      .setIssuedAt(seconds(issued))
      .setExpirationTime(seconds(expiresAt))
      .sign(await key);
    return { token, expiresAt };
  }

  async function verify(token: string, audience: string) {
    return (await verifyWhy(token, audience)).payload ?? null;
  }

  async function verifyWhy(token: string, audience: string) {
    try {
      const { payload } = await jwtVerify(token, await key, {
        issuer: ISSUER,
        audience,
        algorithms: ['HS256'],
        currentDate: now(),
      });
      return { payload };
    } catch (error) {
      // jose checks the signature before the times: an expired token here is an authentic one.
      if (error instanceof joseErrors.JWTExpired) return { refused: 'expired' as const };
      if (error instanceof joseErrors.JOSEError || error instanceof TypeError)
        return { refused: 'incomplete' as const };
      throw error;
    }
  }

  async function checkParticipantLink(token: string): Promise<ParticipantLinkCheck> {
    const result = await verifyWhy(token, PARTICIPANT_AUDIENCE);
    if (!result.payload) return { refused: result.refused };
    const parsed = participantPayload.safeParse(result.payload);
    if (!parsed.success) return { refused: 'incomplete' };
    const p = parsed.data;
    return { link: { participantId: p.sub, projectId: p.prj, survey: p.svy, occasion: p.occ, linkId: p.jti } };
  }

  return {
    linkTtlDays: options.linkTtlDays,
    signStaffSession: (staffId, version = 0) =>
      sign({ sv: version }, staffId, STAFF_AUDIENCE, options.staffTtlMinutes * 60),
    async verifyStaffSession(token) {
      const parsed = staffPayload.safeParse(await verify(token, STAFF_AUDIENCE));
      return parsed.success
        ? { staffId: parsed.data.sub, expiresAt: new Date(parsed.data.exp * 1000), version: parsed.data.sv }
        : null;
    },
    signParticipantLink: (c, times) =>
      sign(
        { prj: c.projectId, svy: c.survey, occ: c.occasion, jti: c.linkId },
        c.participantId,
        PARTICIPANT_AUDIENCE,
        options.linkTtlDays * 86400,
        times,
      ),
    signHandover: (staffId, linkId) =>
      sign(linkId ? { lnk: linkId } : {}, staffId, HANDOVER_AUDIENCE, HANDOVER_SECONDS),
    async verifyHandover(token) {
      const parsed = handoverPayload.safeParse(await verify(token, HANDOVER_AUDIENCE));
      return parsed.success ? { staffId: parsed.data.sub, linkId: parsed.data.lnk ?? null } : null;
    },
    checkParticipantLink,
    async verifyParticipantLink(token) {
      const checked = await checkParticipantLink(token);
      return 'link' in checked ? checked.link : null;
    },
  };
}
