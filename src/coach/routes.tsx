import { Hono } from 'hono';
import { projectsWithRole, requireStaff } from '../auth/guards.ts';
import { AppError } from '../errors.ts';
import { errorMessage } from '../http/errors.ts';
import type { AppEnv } from '../http/env.ts';
import { inLang } from '../views/lang.tsx';
import { parseWith, readForm } from '../http/validate.ts';
import { handoutRoutes } from './handout-routes.tsx';
import { declineRoutes } from './decline-routes.tsx';
import { enrolInput, enrolWithNewCode, exitInput, idParam, worklistPage, worklistQuery } from './participants.ts';
import { registerRoutes } from './register-routes.tsx';
import { ExitPage, ExitSavedPage } from './views/list.tsx';
import { CoachPage } from './views/todo.tsx';
import { coachTexts } from './texts.ts';
import type { EnrolValues } from './views/register.tsx';

const text = (v: unknown) => (typeof v === 'string' && v !== '' ? v : null);

/**
 * The coach's pages (mounted at /coach): participants with what is due, enrolment, exits, and
 * starting a survey. Every page needs a staff session; the SQL functions check the project.
 */
export function coachPages() {
  const app = new Hono<AppEnv>();
  app.use('*', requireStaff('page'));
  app.route('/', handoutRoutes());
  app.route('/', registerRoutes());
  app.route('/', declineRoutes());

  app.get('/', async function coachHome(c) {
    const projects = projectsWithRole(c.get('staff'), ['coach', 'admin']);
    const project = projects.find((p) => p.id === c.req.query('project')) ?? projects[0];
    if (!project) throw new AppError('PROJECT_NOT_FOUND');
    const query = parseWith(worklistQuery, c.req.query());
    return c.html(
      inLang(
        c.get('lang'),
        <CoachPage
          staff={c.get('staff')}
          projects={projects}
          project={project}
          query={query}
          list={await worklistPage(c, project.id, query)}
        />,
      ),
    );
  });

  app.post('/participants', async function enrolPage(c) {
    const form = await readForm(c);
    const parsed = enrolInput.safeParse(form);
    if (!parsed.success) {
      // A form without gender or age band is shown again with what was chosen; nothing is stored.
      const projects = projectsWithRole(c.get('staff'), ['coach', 'admin']);
      const project = projects.find((p) => p.id === form.project_id);
      // Someone outside the project learns nothing from the form's errors: 404 first.
      if (!project) throw new AppError('PROJECT_NOT_FOUND');
      const onlyRegister = parsed.error.issues.every((i) => i.path[0] === 'gender' || i.path[0] === 'age_band');
      if (!onlyRegister) parseWith(enrolInput, form);
      const values: EnrolValues = {
        gender: text(form.gender),
        age_band: text(form.age_band),
        started_on: text(form.started_on),
        referral: text(form.referral),
        occupation_start: text(form.occupation_start),
      };
      const query = parseWith(worklistQuery, {});
      return c.html(
        inLang(
          c.get('lang'),
          <CoachPage
            staff={c.get('staff')}
            projects={projects}
            project={project}
            query={query}
            list={await worklistPage(c, project.id, query)}
            enrolError={errorMessage('REGISTER_DATA_INVALID', c.get('lang'))}
            enrolValues={values}
          />,
        ),
        400,
      );
    }
    const participant = await enrolWithNewCode(c.get('services').store, c.get('principal'), parsed.data);
    // A new participant starts with consent and the start WAI.
    return c.redirect(`/coach/participants/${participant.id}/start?target=wai:start`, 303);
  });

  app.get('/participants/:id/exit', async function exitForm(c) {
    const participant = await c
      .get('services')
      .store.participantForLink(c.get('principal'), parseWith(idParam, c.req.param('id')));
    const correcting = !!participant.exited_on;
    return c.html(
      inLang(
        c.get('lang'),
        <ExitPage
          staff={c.get('staff')}
          participantId={participant.id}
          code={participant.code}
          correcting={correcting}
          values={
            correcting
              ? {
                  exited_on: participant.exited_on,
                  reason: participant.exit_reason,
                  occupation: participant.occupation_exit,
                }
              : undefined
          }
        />,
      ),
    );
  });

  app.post('/participants/:id/exit', async function exitPage(c) {
    const id = parseWith(idParam, c.req.param('id'));
    const form = await readForm(c);
    const { store } = c.get('services');
    const participant = await store.participantForLink(c.get('principal'), id);
    const correcting = !!participant.exited_on;
    const again = (status: 400 | 422, error: string) =>
      c.html(
        inLang(
          c.get('lang'),
          <ExitPage
            staff={c.get('staff')}
            participantId={id}
            code={participant.code}
            correcting={correcting}
            error={error}
            values={{
              exited_on: typeof form.exited_on === 'string' ? form.exited_on : null,
              reason: typeof form.reason === 'string' ? form.reason : null,
              occupation: typeof form.occupation === 'string' ? form.occupation : null,
            }}
          />,
        ),
        status,
      );
    const parsed = exitInput.safeParse(form);
    if (!parsed.success) return again(400, coachTexts[c.get('lang')].exitMissing);
    try {
      await store.registerExit(c.get('principal'), { participant_id: id, ...parsed.data });
    } catch (error) {
      if (!(error instanceof AppError && error.code === 'EXIT_DATE_INVALID')) throw error;
      return again(422, errorMessage(error.code, c.get('lang')));
    }
    return c.html(
      inLang(
        c.get('lang'),
        <ExitSavedPage
          staff={c.get('staff')}
          participantId={id}
          code={participant.code}
          values={parsed.data}
          corrected={correcting}
        />,
      ),
    );
  });

  return app;
}
