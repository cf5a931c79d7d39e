import { Hono } from 'hono';
import { requireAdmin } from '../auth/guards.ts';
import type { AppEnv } from '../http/env.ts';
import { auditRoutes } from './audit-routes.tsx';
import { countReportRoutes } from './count-report-routes.tsx';
import { definitionApi } from './definition-api.ts';
import type { PreviewPage } from './definition-preview-routes.tsx';
import { definitionRoutes } from './definition-routes.tsx';
import { exportGrantApi } from './export-grant-api.ts';
import { projectRoutes } from './project-routes.tsx';
import { staffRoutes } from './staff-routes.tsx';
import { AdminHome } from './views/projects.tsx';

/**
 * Administration pages (mounted at /admin): projects, staff, the audit log and survey definitions.
 * Every page needs an admin role in some project; each SQL function checks the project itself.
 * Nothing here returns answers.
 */
/** `previewPage` draws a definition's preview as the participant page (participant/preview-page.tsx). */
export function adminPages(options: { previewPage: PreviewPage }) {
  const app = new Hono<AppEnv>();
  app.use('*', requireAdmin());
  app.get('/', (c) => c.html(<AdminHome staff={c.get('staff')} />));
  app.route('/projects', projectRoutes());
  app.route('/staff', staffRoutes());
  app.route('/', auditRoutes());
  app.route('/', countReportRoutes());
  app.route('/definitions', definitionRoutes(options));
  return app;
}

/** The admin API (mounted at /api/admin): definitions as JSON, and row-level export grants. */
export function adminApi() {
  const app = new Hono<AppEnv>();
  app.use('*', requireAdmin('api'));
  app.route('/definitions', definitionApi());
  app.route('/', exportGrantApi());
  return app;
}
