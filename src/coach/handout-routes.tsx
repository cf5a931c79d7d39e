import { Hono } from 'hono';
import type { Context } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import { z } from 'zod';
import { HANDOVER_COOKIE, SESSION_COOKIE } from '../auth/guards.ts';
import { AppError } from '../errors.ts';
import { originOf, type AppEnv } from '../http/env.ts';
import { parseWith, readForm } from '../http/validate.ts';
import type { Occasion } from '../store/store.ts';
import { ShortCodePage, StartPage } from './views/handout.tsx';
import { generateCode } from '../domain/pseudonym-code.ts';
import { OCCASION } from '../domain/vocabulary.ts';
import { SHORT_CODE_MINUTES } from '../domain/limits.ts';
import { sha256Hex } from '../auth/link-tokens.ts';

export const linkInput = z.object({
  survey: z.string().regex(/^[a-z][a-z0-9-]{1,40}$/),
  occasion: z.enum(OCCASION.values),
});
/** Forms send the survey and occasion as one "survey:occasion" value. */
const targetInput = z
  .object({
    target: z
      .string()
      .regex(/^[a-z][a-z0-9-]{1,40}:[a-z]+$/)
      .default('pagaende:pagaende'),
  })
  .transform(({ target }, ctx) => {
    const [survey, occasion] = target.split(':');
    const parsed = linkInput.safeParse({ survey, occasion });
    if (!parsed.success) {
      ctx.addIssue({ code: 'custom', message: 'unknown survey or occasion', path: ['target'] });
      return z.NEVER;
    }
    return { ...parsed.data, target };
  });
const idParam = z.uuid();

/** A signed link for one participant and one survey occasion, after the database agrees. */
export async function createLink(c: Context<AppEnv>, participantId: string, survey: string, occasion: Occasion) {
  const { store, tokens } = c.get('services');
  const participant = await store.participantForLink(c.get('principal'), participantId);
  const definition = await store.publishedDefinition(c.get('principal'), survey, participant.project_id);
  if (!definition || definition.kind !== 'survey') throw new AppError('DEFINITION_NOT_FOUND');
  if (!definition.meta.occasions.includes(occasion)) {
    throw new AppError('VALIDATION_FAILED', {
      issues: [{ path: 'occasion', message: `${survey} is not answered at ${occasion}` }],
    });
  }
  const { token, expiresAt } = await tokens.signParticipantLink({
    participantId: participant.id,
    projectId: participant.project_id,
    survey,
    occasion,
  });
  return { participant, definition, token, url: `${originOf(c)}/d/${token}`, expiresAt };
}

/** Starting a survey: QR code and link, a short code typed at /k, or handing over the coach's phone. */
export function handoutRoutes() {
  // Mounted inside coachPages() at /coach, whose guard requires a staff session.
  const app = new Hono<AppEnv>();

  app.get('/participants/:id/start', async function startPage(c) {
    const id = parseWith(idParam, c.req.param('id'));
    const { survey, occasion, target } = parseWith(targetInput, { target: c.req.query('target') || undefined });
    const link = await createLink(c, id, survey, occasion);
    return c.html(
      <StartPage
        staff={c.get('staff')}
        participantId={id}
        code={link.participant.code}
        target={target}
        url={link.url}
        expiresAt={link.expiresAt}
        surveyTitle={link.definition.meta.title.sv}
      />,
    );
  });

  app.post('/participants/:id/short-code', async function shortCode(c) {
    const id = parseWith(idParam, c.req.param('id'));
    const { survey, occasion } = parseWith(targetInput, await readForm(c));
    await createLink(c, id, survey, occasion); // same checks as a link: participant, survey, occasion
    const { store } = c.get('services');
    for (let attempt = 0; ; attempt++) {
      const code = generateCode();
      try {
        const { expires_at } = await store.createShortCode(c.get('principal'), {
          participant_id: id,
          survey,
          occasion,
          code_hash: await sha256Hex(code),
          ttl_minutes: SHORT_CODE_MINUTES,
        });
        return c.html(
          <ShortCodePage
            staff={c.get('staff')}
            participantId={id}
            shortCode={code}
            expiresAt={new Date(expires_at)}
            origin={originOf(c)}
          />,
        );
      } catch (error) {
        if (!(error instanceof AppError && error.code === 'CODE_TAKEN') || attempt >= 4) throw error;
      }
    }
  });

  app.post('/participants/:id/handover', async function handover(c) {
    const id = parseWith(idParam, c.req.param('id'));
    const { survey, occasion } = parseWith(targetInput, await readForm(c));
    const { token } = await createLink(c, id, survey, occasion);
    const { tokens, secureCookies } = c.get('services');
    const staff = c.get('principal') as { kind: 'staff'; staffId: string };
    const handoverToken = await tokens.signHandover(staff.staffId);
    // The coach is signed out: nothing on this phone reaches coach pages until their password is given.
    deleteCookie(c, SESSION_COOKIE, { path: '/', secure: secureCookies });
    setCookie(c, HANDOVER_COOKIE, handoverToken.token, {
      httpOnly: true,
      secure: secureCookies,
      sameSite: 'Strict',
      path: '/',
      expires: handoverToken.expiresAt,
    });
    return c.redirect(`/d/${token}`, 303);
  });

  return app;
}
