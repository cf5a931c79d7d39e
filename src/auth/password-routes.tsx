import { Hono } from 'hono';
import { z } from 'zod';
import { errorMessage } from '../http/errors.ts';
import type { AppEnv } from '../http/env.ts';
import { readForm } from '../http/validate.ts';
import { homePath, requireBrowserOrigin, requireStaff, startStaffSession } from './guards.ts';
import { hashPassword, MIN_PASSWORD_LENGTH, verifyPassword } from './passwords.ts';
import { ChangePasswordPage } from './views/password.tsx';

const form = z.object({
  current: z.string().max(1024),
  password: z.string().max(1024),
  confirm: z.string().max(1024),
});

/**
 * /account/password: the signed-in staff member replaces their password. The only page an account
 * on a one-time password reaches (requireStaff sends every other request here); the current password
 * is asked again, so a session cookie alone cannot change it.
 */
export function passwordRoutes() {
  const app = new Hono<AppEnv>();
  app.use('*', requireStaff('page', { passwordChange: true }));
  app.use('*', requireBrowserOrigin());

  app.get('/', (c) => {
    const staff = c.get('staff');
    return c.html(<ChangePasswordPage staff={staff} forced={!!staff.must_change_password} />);
  });

  app.post('/', async function changePassword(c) {
    const { store, passwordIterations, limits } = c.get('services');
    const staff = c.get('staff');
    const principal = c.get('principal');
    const refuse = (
      code:
        | 'PASSWORD_TOO_SHORT'
        | 'PASSWORDS_DIFFER'
        | 'VALIDATION_FAILED'
        | 'CURRENT_PASSWORD_WRONG'
        | 'PASSWORD_UNCHANGED',
    ) =>
      c.html(
        <ChangePasswordPage staff={staff} forced={!!staff.must_change_password} error={errorMessage(code, 'sv')} />,
        code === 'CURRENT_PASSWORD_WRONG' ? 401 : 400,
      );
    const parsed = form.safeParse(await readForm(c));
    if (!parsed.success) return refuse('VALIDATION_FAILED');
    const { current, password, confirm } = parsed.data;
    // Guessing the current password here spends the account's sign-in budget, as at the login.
    const attempt = { budget: 'loginAccount', key: staff.email } as const;
    await limits.take([attempt]);
    const account = await store.staffById(staff.id);
    if (!account || !(await verifyPassword(current, account.password_hash))) return refuse('CURRENT_PASSWORD_WRONG');
    await limits.forgive([attempt]);
    if ([...password].length < MIN_PASSWORD_LENGTH) return refuse('PASSWORD_TOO_SHORT');
    if (password !== confirm) return refuse('PASSWORDS_DIFFER');
    if (password === current) return refuse('PASSWORD_UNCHANGED');
    const { session_version } = await store.changeOwnPassword(principal, {
      password_hash: await hashPassword(password, passwordIterations),
    });
    await startStaffSession(c, staff.id, session_version);
    return c.redirect(homePath(staff), 303);
  });

  return app;
}
