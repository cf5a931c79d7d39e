import { Hono } from 'hono';
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { z } from 'zod';
import { HANDOVER_COOKIE, SESSION_COOKIE, startStaffSession } from '../auth/guards.ts';
import { verifyPassword } from '../auth/passwords.ts';
import { AppError } from '../errors.ts';
import { errorMessage } from '../http/errors.ts';
import { originOf, type AppEnv } from '../http/env.ts';
import { parseWith, readForm } from '../http/validate.ts';
import type { Occasion } from '../store/store.ts';
import { HandoverReturnPage, ShortCodeEntryPage, ShortCodePage, StartPage } from './views/handout.tsx';
import { generateCode, normaliseCode } from '../domain/pseudonym-code.ts';
import { OCCASION } from '../domain/vocabulary.ts';
import { SHORT_CODE_MINUTES } from '../domain/limits.ts';

export const linkInput = z.object({ survey: z.string().regex(/^[a-z][a-z0-9-]{1,40}$/), occasion: z.enum(OCCASION.values) });
/** Forms send the survey and occasion as one "survey:occasion" value. */
const targetInput = z.object({ target: z.string().regex(/^[a-z][a-z0-9-]{1,40}:[a-z]+$/).default('pagaende:pagaende') }).transform(({ target }, ctx) => {
  const [survey, occasion] = target.split(':');
  const parsed = linkInput.safeParse({ survey, occasion });
  if (!parsed.success) {
    ctx.addIssue({ code: 'custom', message: 'unknown survey or occasion', path: ['target'] });
    return z.NEVER;
  }
  return { ...parsed.data, target };
});
const idParam = z.uuid();

async function sha256Hex(text: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** A signed link for one participant and one survey occasion, after the database agrees. */
export async function createLink(c: Context<AppEnv>, participantId: string, survey: string, occasion: Occasion) {
  const { store, tokens } = c.get('services');
  const participant = await store.participantForLink(c.get('principal'), participantId);
  const definition = await store.publishedDefinition(c.get('principal'), survey);
  if (!definition || definition.kind !== 'survey') throw new AppError('DEFINITION_NOT_FOUND');
  if (!definition.meta.occasions.includes(occasion)) {
    throw new AppError('VALIDATION_FAILED', { issues: [{ path: 'occasion', message: `${survey} is not answered at ${occasion}` }] });
  }
  const { token, expiresAt } = await tokens.signParticipantLink({ participantId: participant.id, projectId: participant.project_id, survey, occasion });
  return { participant, definition, token, url: `${originOf(c)}/d/${token}`, expiresAt };
}

/** Starting a survey: QR code and link, a short code typed at /k, or handing over the coach's phone. */
export function handoutRoutes() {
  // Mounted inside coachRoutes(), whose middleware requires a staff session on /coach/*.
  const app = new Hono<AppEnv>();

  app.get('/coach/participants/:id/start', async function startPage(c) {
    const id = parseWith(idParam, c.req.param('id'));
    const { survey, occasion, target } = parseWith(targetInput, { target: c.req.query('target') || undefined });
    const link = await createLink(c, id, survey, occasion);
    return c.html(
      <StartPage staff={c.get('staff')} participantId={id} code={link.participant.code} target={target} url={link.url} expiresAt={link.expiresAt} surveyTitle={link.definition.meta.title.sv} />,
    );
  });

  app.post('/coach/participants/:id/short-code', async function shortCode(c) {
    const id = parseWith(idParam, c.req.param('id'));
    const { survey, occasion } = parseWith(targetInput, await readForm(c));
    await createLink(c, id, survey, occasion); // same checks as a link: participant, survey, occasion
    const { store } = c.get('services');
    for (let attempt = 0; ; attempt++) {
      const code = generateCode();
      try {
        const { expires_at } = await store.createShortCode(c.get('principal'), { participant_id: id, survey, occasion, code_hash: await sha256Hex(code), ttl_minutes: SHORT_CODE_MINUTES });
        return c.html(<ShortCodePage staff={c.get('staff')} participantId={id} shortCode={code} expiresAt={new Date(expires_at)} origin={originOf(c)} />);
      } catch (error) {
        if (!(error instanceof AppError && error.code === 'CODE_TAKEN') || attempt >= 4) throw error;
      }
    }
  });

  app.post('/coach/participants/:id/handover', async function handover(c) {
    const id = parseWith(idParam, c.req.param('id'));
    const { survey, occasion } = parseWith(targetInput, await readForm(c));
    const { token } = await createLink(c, id, survey, occasion);
    const { tokens, secureCookies } = c.get('services');
    const staff = c.get('principal') as { kind: 'staff'; staffId: string };
    const handoverToken = await tokens.signHandover(staff.staffId);
    // The coach is signed out: nothing on this phone reaches coach pages until their password is given.
    deleteCookie(c, SESSION_COOKIE, { path: '/', secure: secureCookies });
    setCookie(c, HANDOVER_COOKIE, handoverToken.token, { httpOnly: true, secure: secureCookies, sameSite: 'Strict', path: '/', expires: handoverToken.expiresAt });
    return c.redirect(`/d/${token}`, 303);
  });

  app.get('/handover/return', (c) => c.html(<HandoverReturnPage />));

  app.post('/handover/return', async function handoverReturn(c) {
    const { tokens, store, loginLimiter, clientIp, secureCookies } = c.get('services');
    const cookie = getCookie(c, HANDOVER_COOKIE);
    const handover = cookie ? await tokens.verifyHandover(cookie) : null;
    if (!handover) return c.redirect('/login', 303);
    if (!loginLimiter.hit(`handover:${handover.staffId}`) || !loginLimiter.hit(`ip:${clientIp(c)}`)) throw new AppError('RATE_LIMITED', { retryAfterSeconds: 900 });
    const { password } = parseWith(z.object({ password: z.string().max(1024) }), await readForm(c));
    const account = await store.staffById(handover.staffId);
    const ok = account !== null && account.active && (await verifyPassword(password, account.password_hash));
    await store.recordLogin({ staff_id: handover.staffId, success: ok, reason: ok ? 'handover_return' : 'handover_password' });
    if (!ok) return c.html(<HandoverReturnPage error={errorMessage('INVALID_CREDENTIALS', 'sv')} />, 401);
    deleteCookie(c, HANDOVER_COOKIE, { path: '/', secure: secureCookies });
    await startStaffSession(c, handover.staffId, account?.session_version);
    return c.redirect('/coach', 303);
  });

  app.get('/k', (c) => c.html(<ShortCodeEntryPage />));

  app.post('/k', async function redeem(c) {
    const { store, tokens, shortCodeLimiter, clientIp } = c.get('services');
    if (!shortCodeLimiter.hit(clientIp(c))) throw new AppError('RATE_LIMITED', { retryAfterSeconds: 600 });
    const typed = String((await readForm(c)).code ?? '').slice(0, 40);
    const code = normaliseCode(typed);
    const invalid = () => c.html(<ShortCodeEntryPage error={errorMessage('SHORT_CODE_INVALID', 'sv')} value={typed} />, 404);
    if (!code) return invalid();
    try {
      const found = await store.redeemShortCode(await sha256Hex(code));
      const { token } = await tokens.signParticipantLink({ participantId: found.participant_id, projectId: found.project_id, survey: found.survey, occasion: found.occasion });
      return c.redirect(`/d/${token}`, 303);
    } catch (error) {
      if (error instanceof AppError && error.code === 'SHORT_CODE_INVALID') return invalid();
      throw error;
    }
  });

  return app;
}
