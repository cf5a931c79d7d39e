import { Hono } from 'hono';
import type { Context } from 'hono';
import { z } from 'zod';
import { startHandover } from '../auth/handover.ts';
import { AppError } from '../errors.ts';
import { originOf, type AppEnv } from '../http/env.ts';
import { parseWith, readForm } from '../http/validate.ts';
import type { Occasion, StoredDefinition } from '../store/store.ts';
import { isParticipantLocale, PARTICIPANT_LOCALES, type ParticipantLocale } from '../client/i18n/locales.ts';
import { offeredLanguages } from '../surveys/offered-languages.ts';
import { ShortCodePage, StartPage } from './views/handout.tsx';
import { inLang } from '../views/lang.tsx';
import { generateCode } from '../domain/pseudonym-code.ts';
import { OCCASION } from '../domain/vocabulary.ts';
import { SHORT_CODE_MINUTES } from '../domain/limits.ts';
import { sha256Hex } from '../auth/link-tokens.ts';
import { generateShortId } from '../domain/short-link-id.ts';

export const linkInput = z.object({
  survey: z.string().regex(/^[a-z][a-z0-9-]{1,40}$/),
  occasion: z.enum(OCCASION.values),
});
/**
 * Forms send the survey and occasion as one "survey:occasion" value, and the language the
 * participant's link opens in (`sprak`, one of the participant languages; Swedish when left out).
 * ?lang= is taken: it is the staff page's own language.
 */
const targetInput = z
  .object({
    target: z
      .string()
      .regex(/^[a-z][a-z0-9-]{1,40}:[a-z]+$/)
      .default('pagaende:pagaende'),
    sprak: z.string().refine(isParticipantLocale, { message: 'unknown participant language' }).default('sv'),
  })
  .transform(({ target, sprak }, ctx) => {
    const [survey, occasion] = target.split(':');
    const parsed = linkInput.safeParse({ survey, occasion });
    if (!parsed.success) {
      ctx.addIssue({ code: 'custom', message: 'unknown survey or occasion', path: ['target'] });
      return z.NEVER;
    }
    return { ...parsed.data, target, language: sprak as ParticipantLocale };
  });

/**
 * The languages a participant may be sent the survey in: Swedish, and those approved for both the
 * consent form and the survey (the consent form comes first). A language not offered is refused.
 */
async function offeredFor(
  c: Context<AppEnv>,
  survey: StoredDefinition,
  projectId: string,
): Promise<ParticipantLocale[]> {
  const consent = await c
    .get('services')
    .store.publishedDefinition(c.get('principal'), 'samtycke-forskning', projectId);
  const both = new Set(consent ? offeredLanguages(consent) : ['sv']);
  return PARTICIPANT_LOCALES.filter((l) => l === 'sv' || (offeredLanguages(survey).includes(l) && both.has(l)));
}

function checkOffered(language: ParticipantLocale, offered: ParticipantLocale[]) {
  if (!offered.includes(language))
    throw new AppError('VALIDATION_FAILED', {
      issues: [
        {
          path: 'sprak',
          message: 'Språket är inte godkänt för enkäten. / The language is not approved for the survey.',
        },
      ],
    });
}
const idParam = z.uuid();

/** The published survey of the project's organisation, if it is answered at this occasion. */
async function surveyFor(c: Context<AppEnv>, survey: string, occasion: Occasion, projectId: string) {
  const definition = await c.get('services').store.publishedDefinition(c.get('principal'), survey, projectId);
  if (!definition || definition.kind !== 'survey') throw new AppError('DEFINITION_NOT_FOUND');
  if (!definition.meta.occasions.includes(occasion)) {
    throw new AppError('VALIDATION_FAILED', {
      issues: [{ path: 'occasion', message: `${survey} is not answered at ${occasion}` }],
    });
  }
  return definition;
}

/**
 * A link for one participant and one survey occasion. The database mints it first (its row names
 * the staff member, is audited and revokes the earlier links for the questionnaire), then the
 * token is signed with the row's id and times. A link to send or show as a QR code is the short
 * link /l/<id> (only the id's hash is stored); a hand-over carries the token itself.
 */
export async function createLink(
  c: Context<AppEnv>,
  participantId: string,
  survey: string,
  occasion: Occasion,
  via: 'link' | 'handover' = 'link',
  language: ParticipantLocale = 'sv',
) {
  const { store, tokens } = c.get('services');
  // Before anything is stored: without a configured origin this refuses (never the Host header).
  const origin = originOf(c);
  const { project_id } = await store.participantForLink(c.get('principal'), participantId);
  const definition = await surveyFor(c, survey, occasion, project_id);
  const offered = await offeredFor(c, definition, project_id);
  checkOffered(language, offered);
  const { participant, shortId } = await mintWithShortId(c, { participant_id: participantId, survey, occasion, via });
  const { token, expiresAt } = await tokens.signParticipantLink(
    {
      participantId: participant.id,
      projectId: participant.project_id,
      survey,
      occasion,
      linkId: participant.link_id,
    },
    { issuedAt: new Date(participant.created_at), expiresAt: new Date(participant.expires_at) },
  );
  // The link opens in the language chosen (the participant can still switch).
  const query = language === 'sv' ? '' : `?lang=${language}`;
  const longUrl = `${origin}/d/${token}${query}`;
  const url = shortId ? `${origin}/l/${shortId}${query}` : longUrl;
  return { participant, definition, token, linkId: participant.link_id, url, longUrl, expiresAt, offered, language };
}

/** Mints the link row, with a fresh short id unless it is a hand-over (drawn again on the rare collision). */
async function mintWithShortId(
  c: Context<AppEnv>,
  input: { participant_id: string; survey: string; occasion: Occasion; via: 'link' | 'handover' },
) {
  const { store, tokens } = c.get('services');
  for (let attempt = 0; ; attempt++) {
    const shortId = input.via === 'link' ? generateShortId() : null;
    const short_hash = shortId ? await sha256Hex(shortId.toUpperCase()) : undefined;
    try {
      const participant = await store.mintParticipantLink(c.get('principal'), {
        ...input,
        ttl_days: tokens.linkTtlDays,
        short_hash,
      });
      return { participant, shortId };
    } catch (error) {
      if (!(error instanceof AppError && error.code === 'CODE_TAKEN') || attempt >= 4) throw error;
    }
  }
}

/** The participant's project as the coach's memberships name it. */
function projectName(c: Context<AppEnv>, projectId: string): string {
  return c.get('staff')?.memberships.find((m) => m.project_id === projectId)?.project_name ?? 'ditt IPS-projekt';
}

/** Starting a survey: QR code and link, a short code typed at /k, or handing over the coach's phone. */
export function handoutRoutes() {
  // Mounted inside coachPages() at /coach, whose guard requires a staff session.
  const app = new Hono<AppEnv>();

  app.get('/participants/:id/start', async function startPage(c) {
    const id = parseWith(idParam, c.req.param('id'));
    const { survey, occasion, target, language } = parseWith(targetInput, {
      target: c.req.query('target') || undefined,
      sprak: c.req.query('sprak') || undefined,
    });
    const link = await createLink(c, id, survey, occasion, 'link', language);
    return c.html(
      inLang(
        c.get('lang'),
        <StartPage
          staff={c.get('staff')}
          participantId={id}
          code={link.participant.code}
          target={target}
          language={link.language}
          languages={link.offered}
          url={link.url}
          expiresAt={link.expiresAt}
          surveyTitle={link.definition.meta.title[c.get('lang')]}
          projectName={projectName(c, link.participant.project_id)}
        />,
      ),
    );
  });

  app.post('/participants/:id/short-code', async function shortCode(c) {
    const id = parseWith(idParam, c.req.param('id'));
    const { survey, occasion } = parseWith(targetInput, await readForm(c));
    // Checked as for a link (the survey and occasion here; the participant in SQL); the link
    // itself is minted when the code is typed, so a code not used revokes nothing.
    const { store } = c.get('services');
    const { project_id } = await store.participantForLink(c.get('principal'), id);
    await surveyFor(c, survey, occasion, project_id);
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
          inLang(
            c.get('lang'),
            <ShortCodePage
              staff={c.get('staff')}
              participantId={id}
              shortCode={code}
              expiresAt={new Date(expires_at)}
              origin={originOf(c)}
            />,
          ),
        );
      } catch (error) {
        if (!(error instanceof AppError && error.code === 'CODE_TAKEN') || attempt >= 4) throw error;
      }
    }
  });

  app.post('/participants/:id/handover', async function handover(c) {
    const id = parseWith(idParam, c.req.param('id'));
    const { survey, occasion, language } = parseWith(targetInput, await readForm(c));
    const { token, linkId } = await createLink(c, id, survey, occasion, 'handover', language);
    const staff = c.get('principal') as { kind: 'staff'; staffId: string };
    await startHandover(c, staff.staffId, { id: linkId, token });
    // The page reads the link from the hand-over cookie: the token is never in the phone's history.
    return c.redirect(language === 'sv' ? '/d' : `/d?lang=${language}`, 303);
  });

  return app;
}
