import { Hono } from 'hono';
import type { Context } from 'hono';
import { z } from 'zod';
import { AppError, type ErrorCode } from '../errors.ts';
import { errorMessage } from '../http/errors.ts';
import { originOf, type AppEnv } from '../http/env.ts';
import { parseWith, readForm } from '../http/validate.ts';
import type { StaffRole } from '../store/store.ts';
import { LinkIssuedPage, StaffPage } from './views/staff.tsx';
import { adminProjectsOf, requireBrowserOrigin } from '../auth/guards.ts';
import { newLinkToken } from '../auth/link-tokens.ts';
import { STAFF_ROLE } from '../domain/vocabulary.ts';

const idParam = z.uuid();
const role = z.enum(STAFF_ROLE.values);
const rolesField = z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(role).max(3));
const inviteForm = z.object({
  email: z.preprocess((v) => (typeof v === 'string' ? v.trim().toLowerCase() : v), z.email().max(254)),
  project_id: z.uuid(),
  roles: rolesField,
});
const rolesForm = z.object({ project_id: z.uuid(), roles: rolesField });

/** Errors an admin can fix or should be told about, shown on the staff page. */
const SHOWN: ErrorCode[] = [
  'LAST_ADMIN',
  'CANNOT_DEACTIVATE_SELF',
  'STAFF_OUTSIDE_SCOPE',
  'EMAIL_TAKEN',
  'ROLE_CONFLICT',
];

async function staffPage(c: Context<AppEnv>, status: 200 | 400 | 409 = 200, errors?: string[], email?: string) {
  const rows = (await c.get('services').store.adminStaff(c.get('principal'))).staff;
  return c.html(
    <StaffPage
      staff={c.get('staff')}
      rows={rows}
      projects={adminProjectsOf(c.get('staff'))}
      errors={errors}
      email={email}
    />,
    status,
  );
}

/** Runs an admin action; a refusal the admin can act on re-renders the staff page with its message. */
async function orShowRefusal(c: Context<AppEnv>, action: () => Promise<Response>): Promise<Response> {
  try {
    return await action();
  } catch (error) {
    if (error instanceof AppError && SHOWN.includes(error.code))
      return staffPage(c, 409, [errorMessage(error.code, 'sv')]);
    throw error;
  }
}

/** /admin/staff: invite with a one-time link, roles per project, deactivate, password reset. */
export function staffRoutes() {
  const app = new Hono<AppEnv>();
  // Forms that change accounts and settings also need a browser's origin headers.
  app.use('*', requireBrowserOrigin());

  app.get('/', (c) => staffPage(c));

  app.post('/invite', async function invite(c) {
    const form = await readForm(c, { all: true });
    const parsed = inviteForm.safeParse(form);
    if (!parsed.success || parsed.data.roles.length === 0) {
      const email = typeof form.email === 'string' ? form.email : '';
      const message = parsed.success
        ? 'Välj minst en roll.'
        : 'Skriv en giltig e-postadress och välj projekt och minst en roll.';
      return staffPage(c, 400, [message], email);
    }
    const { email, project_id, roles } = parsed.data;
    // Before anything is stored: without a configured origin this refuses (never the Host header).
    const origin = originOf(c);
    const link = await newLinkToken();
    const result = await c.get('services').store.adminInviteStaff(c.get('principal'), {
      email,
      memberships: roles.map((r) => ({ project_id, role: r as StaffRole })),
      token_hash: link.hash,
    });
    const url = result.invite ? `${origin}/invite/${link.token}` : null;
    return c.html(
      <LinkIssuedPage staff={c.get('staff')} email={email} url={url} expiresAt={result.expires_at} purpose="invite" />,
      201,
    );
  });

  app.post('/:id/roles', async function setRoles(c) {
    const staffId = parseWith(idParam, c.req.param('id'));
    const parsed = rolesForm.safeParse(await readForm(c, { all: true }));
    if (!parsed.success) return staffPage(c, 400, ['Välj roller bland administratör, coach och forskare.']);
    return orShowRefusal(c, async () => {
      await c.get('services').store.adminSetMembership(c.get('principal'), { staff_id: staffId, ...parsed.data });
      return c.redirect('/admin/staff', 303);
    });
  });

  for (const [path, active] of [
    ['deactivate', false],
    ['reactivate', true],
  ] as const) {
    app.post(`/:id/${path}`, async function setActive(c) {
      const staffId = parseWith(idParam, c.req.param('id'));
      return orShowRefusal(c, async () => {
        await c.get('services').store.adminSetStaffActive(c.get('principal'), { staff_id: staffId, active });
        return c.redirect('/admin/staff', 303);
      });
    });
  }

  app.post('/:id/reset', async function reset(c) {
    const staffId = parseWith(idParam, c.req.param('id'));
    const { store } = c.get('services');
    const origin = originOf(c);
    return orShowRefusal(c, async () => {
      const row = (await store.adminStaff(c.get('principal'))).staff.find((s) => s.id === staffId);
      if (!row) throw new AppError('ACCOUNT_NOT_FOUND');
      const link = await newLinkToken();
      const { expires_at } = await store.adminIssuePasswordReset(c.get('principal'), {
        staff_id: staffId,
        token_hash: link.hash,
      });
      const url = `${origin}/invite/${link.token}`;
      return c.html(
        <LinkIssuedPage
          staff={c.get('staff')}
          email={row.email}
          url={url}
          expiresAt={expires_at}
          purpose={row.has_password ? 'reset' : 'invite'}
        />,
        201,
      );
    });
  });

  return app;
}
