import { Hono } from 'hono';
import { projectsWithRole, requireStaff } from '../auth/guards.ts';
import { AppError } from '../errors.ts';
import { errorMessage } from '../http/errors.ts';
import type { AppEnv } from '../http/env.ts';
import { parseWith, readForm } from '../http/validate.ts';
import { handoutRoutes } from './handout-routes.tsx';
import { enrolInput, enrolWithNewCode, exitInput, idParam, listWithSchedule } from './participants.ts';
import { CoachPage, ExitPage } from './views/list.tsx';

/**
 * The coach's pages (mounted at /coach): participants with what is due, enrolment, exits, and
 * starting a survey. Every page needs a staff session; the SQL functions check the project.
 */
export function coachPages() {
  const app = new Hono<AppEnv>();
  app.use('*', requireStaff('page'));
  app.route('/', handoutRoutes());

  app.get('/', async function coachHome(c) {
    const projects = projectsWithRole(c.get('staff'), ['coach', 'admin']);
    const project = projects.find((p) => p.id === c.req.query('project')) ?? projects[0];
    if (!project) throw new AppError('PROJECT_NOT_FOUND');
    return c.html(
      <CoachPage
        staff={c.get('staff')}
        projects={projects}
        project={project}
        participants={await listWithSchedule(c, project.id)}
      />,
    );
  });

  app.post('/participants', async function enrolPage(c) {
    const input = parseWith(enrolInput, await readForm(c));
    const participant = await enrolWithNewCode(c.get('services').store, c.get('principal'), input);
    // A new participant starts with consent and the start WAI.
    return c.redirect(`/coach/participants/${participant.id}/start?target=wai:start`, 303);
  });

  app.get('/participants/:id/exit', async function exitForm(c) {
    const participant = await c
      .get('services')
      .store.participantForLink(c.get('principal'), parseWith(idParam, c.req.param('id')));
    return c.html(<ExitPage staff={c.get('staff')} participantId={participant.id} code={participant.code} />);
  });

  app.post('/participants/:id/exit', async function exitPage(c) {
    const id = parseWith(idParam, c.req.param('id'));
    const input = parseWith(exitInput, await readForm(c));
    const { store } = c.get('services');
    try {
      await store.registerExit(c.get('principal'), { participant_id: id, ...input });
    } catch (error) {
      if (!(error instanceof AppError && error.code === 'EXIT_DATE_INVALID')) throw error;
      const participant = await store.participantForLink(c.get('principal'), id);
      return c.html(
        <ExitPage
          staff={c.get('staff')}
          participantId={id}
          code={participant.code}
          error={errorMessage(error.code, 'sv')}
        />,
        422,
      );
    }
    return c.redirect('/coach', 303);
  });

  return app;
}
