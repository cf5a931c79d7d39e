import { Hono } from 'hono';
import type { AppEnv } from '../http/env.ts';
import { AdminHome } from './views/projects.tsx';
import { requireAdmin, requireBrowserOrigin } from './access.ts';
import { auditRoutes } from './audit-routes.tsx';
import { inviteRoutes } from '../auth/invite-routes.tsx';
import { projectRoutes } from './project-routes.tsx';
import { staffRoutes } from './staff-routes.tsx';

/**
 * Administration: projects, staff and the audit log (survey definitions live under
 * /admin/definitions, mounted separately). Nothing here returns answers.
 */
export function adminRoutes() {
  const app = new Hono<AppEnv>();
  app.use('/admin', requireAdmin());
  // "/x/*" also matches "/x" in Hono.
  app.use('/admin/projects/*', requireAdmin(), requireBrowserOrigin());
  app.use('/admin/staff/*', requireAdmin(), requireBrowserOrigin());
  app.use('/admin/audit', requireAdmin());
  app.use('/admin/audit.csv', requireAdmin());
  app.get('/admin', (c) => c.html(<AdminHome staff={c.get('staff')} />));
  app.route('/', projectRoutes());
  app.route('/', staffRoutes());
  app.route('/', auditRoutes());
  app.route('/', inviteRoutes());
  return app;
}
