import { Hono } from 'hono';
import type { Context } from 'hono';
import { z } from 'zod';
import { AppError } from '../errors.ts';
import type { AppEnv } from '../http/env.ts';
import { parseWith, readForm } from '../http/validate.ts';
import type { AdminProject } from '../store/store.ts';
import { ProjectFormPage, ProjectListPage } from './views/projects.tsx';
import { parseProjectForm, projectFormValues, type ProjectFormValues } from './project-settings.ts';
import { requireBrowserOrigin } from '../auth/guards.ts';

const idParam = z.uuid();

async function myProjects(c: Context<AppEnv>): Promise<AdminProject[]> {
  return (await c.get('services').store.adminProjects(c.get('principal'))).projects;
}

function organisationsOf(projects: AdminProject[]): { id: string; name: string }[] {
  return [...new Map(projects.map((p) => [p.organisation_id, p.organisation_name]))].map(([id, name]) => ({
    id,
    name,
  }));
}

/** The posted form as strings, to show it again after an error. */
function echo(form: Record<string, unknown>): ProjectFormValues {
  const values = projectFormValues();
  for (const k of Object.keys(values) as (keyof ProjectFormValues)[])
    values[k] = typeof form[k] === 'string' ? (form[k] as string) : '';
  return values;
}

/** /admin/projects: the projects the admin administers, a new project, and the settings form. */
export function projectRoutes() {
  const app = new Hono<AppEnv>();
  // Forms that change accounts and settings also need a browser's origin headers.
  app.use('*', requireBrowserOrigin());

  app.get('/', async function projectList(c) {
    const projects = await myProjects(c);
    return c.html(
      <ProjectListPage staff={c.get('staff')} projects={projects} organisations={organisationsOf(projects)} />,
    );
  });

  app.get('/new', async function newProjectForm(c) {
    const organisations = organisationsOf(await myProjects(c));
    return c.html(
      <ProjectFormPage
        staff={c.get('staff')}
        title="Nytt projekt"
        action="/admin/projects"
        values={projectFormValues()}
        organisations={organisations}
      />,
    );
  });

  app.post('/', async function createProject(c) {
    const form = await readForm(c);
    const organisations = organisationsOf(await myProjects(c));
    const organisation = organisations.find((o) => o.id === form.organisation_id);
    const parsed = parseProjectForm(form);
    if (!organisation || !parsed.ok) {
      const errors = parsed.ok ? ['Välj en organisation.'] : parsed.errors;
      return c.html(
        <ProjectFormPage
          staff={c.get('staff')}
          title="Nytt projekt"
          action="/admin/projects"
          values={echo(form)}
          organisations={organisations}
          errors={errors}
        />,
        400,
      );
    }
    const { project_id } = await c
      .get('services')
      .store.adminCreateProject(c.get('principal'), { organisation_id: organisation.id, ...parsed.value });
    return c.redirect(`/admin/projects/${project_id}?saved=1`, 303);
  });

  app.get('/:id', async function projectForm(c) {
    const id = parseWith(idParam, c.req.param('id'));
    const project = (await myProjects(c)).find((p) => p.id === id);
    if (!project) throw new AppError('PROJECT_NOT_FOUND');
    return c.html(
      <ProjectFormPage
        staff={c.get('staff')}
        title={project.name}
        action={`/admin/projects/${id}`}
        values={projectFormValues(project)}
        saved={c.req.query('saved') === '1'}
        projectId={id}
      />,
    );
  });

  app.post('/:id', async function updateProject(c) {
    const id = parseWith(idParam, c.req.param('id'));
    const form = await readForm(c);
    const parsed = parseProjectForm(form);
    if (!parsed.ok) {
      const project = (await myProjects(c)).find((p) => p.id === id);
      if (!project) throw new AppError('PROJECT_NOT_FOUND');
      return c.html(
        <ProjectFormPage
          staff={c.get('staff')}
          title={project.name}
          action={`/admin/projects/${id}`}
          values={echo(form)}
          errors={parsed.errors}
          projectId={id}
        />,
        400,
      );
    }
    await c.get('services').store.adminUpdateProject(c.get('principal'), { project_id: id, ...parsed.value });
    return c.redirect(`/admin/projects/${id}?saved=1`, 303);
  });

  return app;
}
