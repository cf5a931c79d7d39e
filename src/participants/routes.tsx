import { Hono } from 'hono';
import { z } from 'zod';
import { projectsWithRole, requireStaff } from '../auth/middleware.ts';
import { AppError } from '../http/errors.ts';
import { originOf, type AppEnv } from '../http/env.ts';
import { jsonBody, parseWith } from '../http/validate.ts';
import type { Context } from 'hono';
import type { Occasion, ParticipantRecord, Principal, Store } from '../store/store.ts';
import { CoachPage, LinkPage } from '../views/coach.tsx';
import { generateCode } from './code.ts';

const enrolInput = z.object({ project_id: z.uuid() });
const linkInput = z.object({ survey: z.string().regex(/^[a-z][a-z0-9-]{1,40}$/), occasion: z.enum(['start', 'pagaende', 'avslut']) });
/** The coach page's select sends "survey:occasion". */
const linkForm = z.object({ target: z.string().regex(/^[a-z][a-z0-9-]{1,40}:[a-z]+$/) }).transform(({ target }, ctx) => {
  const [survey, occasion] = target.split(':');
  const parsed = linkInput.safeParse({ survey, occasion });
  if (!parsed.success) {
    ctx.addIssue({ code: 'custom', message: 'unknown survey or occasion', path: ['target'] });
    return z.NEVER;
  }
  return parsed.data;
});
const idParam = z.uuid();

/** Enrols with a fresh random code; a collision (about 1 in 34 billion per pair) is retried. */
export async function enrolWithNewCode(store: Store, who: Principal, projectId: string): Promise<ParticipantRecord> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await store.enrolParticipant(who, { project_id: projectId, code: generateCode() });
    } catch (error) {
      if (!(error instanceof AppError && error.code === 'CODE_TAKEN') || attempt >= 4) throw error;
    }
  }
}

async function createLink(c: Context<AppEnv>, participantId: string, survey: string, occasion: Occasion) {
  const { store, tokens } = c.get('services');
  const participant = await store.participantForLink(c.get('principal'), participantId);
  const definition = await store.publishedDefinition(c.get('principal'), survey);
  if (!definition || definition.kind !== 'survey') throw new AppError('DEFINITION_NOT_FOUND');
  if (!definition.meta.occasions.includes(occasion)) {
    throw new AppError('VALIDATION_FAILED', { issues: [{ path: 'occasion', message: `${survey} is not answered at ${occasion}` }] });
  }
  const { token, expiresAt } = await tokens.signParticipantLink({ participantId: participant.id, projectId: participant.project_id, survey, occasion });
  return { participant, definition, url: `${originOf(c)}/d/${token}`, expiresAt };
}

/** Coach pages and API: list participants, enrol, hand out survey links. Never any answers. */
export function coachRoutes() {
  const app = new Hono<AppEnv>();

  app.use('/coach', requireStaff('page'));
  app.use('/coach/*', requireStaff('page'));
  app.use('/api/coach/*', requireStaff('api'));

  app.get('/coach', async function coachHome(c) {
    const projects = projectsWithRole(c.get('staff'), ['coach', 'admin']);
    const project = projects.find((p) => p.id === c.req.query('project')) ?? projects[0];
    if (!project) throw new AppError('PROJECT_NOT_FOUND');
    const participants = await c.get('services').store.coachParticipants(c.get('principal'), project.id);
    return c.html(<CoachPage staff={c.get('staff')} projects={projects} project={project} participants={participants} />);
  });

  app.post('/coach/participants', async function enrolPage(c) {
    const { project_id } = parseWith(enrolInput, await c.req.parseBody());
    const participant = await enrolWithNewCode(c.get('services').store, c.get('principal'), project_id);
    const link = await createLink(c, participant.id, 'pagaende', 'pagaende');
    return c.html(<LinkPage staff={c.get('staff')} code={participant.code} url={link.url} expiresAt={link.expiresAt} surveyTitle={link.definition.meta.title.sv} />);
  });

  app.post('/coach/participants/:id/link', async function linkPage(c) {
    const id = parseWith(idParam, c.req.param('id'));
    const { survey, occasion } = parseWith(linkForm, await c.req.parseBody());
    const link = await createLink(c, id, survey, occasion);
    return c.html(<LinkPage staff={c.get('staff')} code={link.participant.code} url={link.url} expiresAt={link.expiresAt} surveyTitle={link.definition.meta.title.sv} />);
  });

  app.get('/api/coach/participants', async function listParticipants(c) {
    const projectId = parseWith(idParam, c.req.query('project'));
    return c.json({ participants: await c.get('services').store.coachParticipants(c.get('principal'), projectId) });
  });

  app.post('/api/coach/participants', async function enrol(c) {
    const { project_id } = await jsonBody(c, enrolInput);
    const participant = await enrolWithNewCode(c.get('services').store, c.get('principal'), project_id);
    return c.json({ participant }, 201);
  });

  app.post('/api/coach/participants/:id/links', async function link(c) {
    const id = parseWith(idParam, c.req.param('id'));
    const { survey, occasion } = await jsonBody(c, linkInput);
    const { participant, url, expiresAt } = await createLink(c, id, survey, occasion);
    return c.json({ code: participant.code, url, expires_at: expiresAt.toISOString() }, 201);
  });

  return app;
}
