import { Hono } from 'hono';
import type { Context } from 'hono';
import { z } from 'zod';
import { projectsWithRole, requireStaff } from '../auth/guards.ts';
import { AppError } from '../errors.ts';
import { errorMessage } from '../http/errors.ts';
import type { AppEnv } from '../http/env.ts';
import { jsonBody, parseWith, readForm } from '../http/validate.ts';
import type { ParticipantRecord, Principal, Store } from '../store/store.ts';
import { CoachPage, ExitPage, type CoachListRow } from './views/list.tsx';
import { EXIT_REASON, OCCUPATION, REFERRAL } from '../domain/vocabulary.ts';
import { generateCode } from '../domain/pseudonym-code.ts';
import { createLink, handoutRoutes, linkInput } from './handout-routes.tsx';
import { dueSurveys, scheduleSettingsSchema, sortByUrgency } from './schedule.ts';

const optional = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === '' ? undefined : v), schema.optional());

const enrolInput = z.object({
  project_id: z.uuid(),
  started_on: optional(z.iso.date()),
  referral: optional(z.enum(REFERRAL.values)),
  occupation_start: optional(z.enum(OCCUPATION.values)),
});
const exitInput = z.object({
  exited_on: z.iso.date(),
  reason: z.enum(EXIT_REASON.values),
  occupation: optional(z.enum(OCCUPATION.values)),
});
const idParam = z.uuid();

/** Enrols with a fresh random code; a collision (about 1 in 34 billion per pair) is retried. */
export async function enrolWithNewCode(store: Store, who: Principal, input: z.infer<typeof enrolInput>): Promise<ParticipantRecord> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await store.enrolParticipant(who, { ...input, code: generateCode() });
    } catch (error) {
      if (!(error instanceof AppError && error.code === 'CODE_TAKEN') || attempt >= 4) throw error;
    }
  }
}

/** The coach's participants with their schedule, most urgent first. Never any answer content. */
async function listWithSchedule(c: Context<AppEnv>, projectId: string, now = new Date()): Promise<CoachListRow[]> {
  const { store } = c.get('services');
  const [rows, project] = await Promise.all([store.coachParticipants(c.get('principal'), projectId), store.projectSettings(c.get('principal'), projectId)]);
  const settings = scheduleSettingsSchema.parse(project?.settings ?? {});
  const withSchedule = rows.map((row) => ({
    ...row,
    schedule: dueSurveys({ enrolledAt: new Date(row.enrolled_at!), exitedAt: row.exited_at ? new Date(row.exited_at) : null, consent: row.consent }, settings, row.submitted, now),
  }));
  // A participant is as urgent as their most urgent open survey.
  const top = withSchedule.map((row) => ({ row, ...(sortByUrgency(row.schedule)[0] ?? { status: 'done' as const, survey: 'wai' as const, occasion: 'start' as const, opensAt: now, dueBy: null }) }));
  return sortByUrgency(top).map((t) => t.row);
}

/** Coach pages and API: list participants with what is due, enrol, register exits. */
export function coachRoutes() {
  const app = new Hono<AppEnv>();
  app.use('/coach', requireStaff('page'));
  app.use('/coach/*', requireStaff('page'));
  app.use('/api/coach/*', requireStaff('api'));
  app.route('/', handoutRoutes());

  app.get('/coach', async function coachHome(c) {
    const projects = projectsWithRole(c.get('staff'), ['coach', 'admin']);
    const project = projects.find((p) => p.id === c.req.query('project')) ?? projects[0];
    if (!project) throw new AppError('PROJECT_NOT_FOUND');
    return c.html(<CoachPage staff={c.get('staff')} projects={projects} project={project} participants={await listWithSchedule(c, project.id)} />);
  });

  app.post('/coach/participants', async function enrolPage(c) {
    const input = parseWith(enrolInput, await readForm(c));
    const participant = await enrolWithNewCode(c.get('services').store, c.get('principal'), input);
    // A new participant starts with consent and the start WAI.
    return c.redirect(`/coach/participants/${participant.id}/start?target=wai:start`, 303);
  });

  app.get('/coach/participants/:id/exit', async function exitForm(c) {
    const participant = await c.get('services').store.participantForLink(c.get('principal'), parseWith(idParam, c.req.param('id')));
    return c.html(<ExitPage staff={c.get('staff')} participantId={participant.id} code={participant.code} />);
  });

  app.post('/coach/participants/:id/exit', async function exitPage(c) {
    const id = parseWith(idParam, c.req.param('id'));
    const input = parseWith(exitInput, await readForm(c));
    const { store } = c.get('services');
    try {
      await store.registerExit(c.get('principal'), { participant_id: id, ...input });
    } catch (error) {
      if (!(error instanceof AppError && error.code === 'EXIT_DATE_INVALID')) throw error;
      const participant = await store.participantForLink(c.get('principal'), id);
      return c.html(<ExitPage staff={c.get('staff')} participantId={id} code={participant.code} error={errorMessage(error.code, 'sv')} />, 422);
    }
    return c.redirect('/coach', 303);
  });

  app.get('/api/coach/participants', async function listParticipants(c) {
    const projectId = parseWith(idParam, c.req.query('project'));
    return c.json({ participants: await listWithSchedule(c, projectId) });
  });

  app.post('/api/coach/participants', async function enrol(c) {
    const input = await jsonBody(c, enrolInput);
    return c.json({ participant: await enrolWithNewCode(c.get('services').store, c.get('principal'), input) }, 201);
  });

  app.post('/api/coach/participants/:id/exit', async function registerExit(c) {
    const id = parseWith(idParam, c.req.param('id'));
    const input = await jsonBody(c, exitInput);
    return c.json({ participant: await c.get('services').store.registerExit(c.get('principal'), { participant_id: id, ...input }) });
  });

  app.post('/api/coach/participants/:id/links', async function link(c) {
    const id = parseWith(idParam, c.req.param('id'));
    const { survey, occasion } = await jsonBody(c, linkInput);
    const { participant, url, expiresAt } = await createLink(c, id, survey, occasion);
    return c.json({ code: participant.code, url, expires_at: expiresAt.toISOString() }, 201);
  });

  return app;
}
