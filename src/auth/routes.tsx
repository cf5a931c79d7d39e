import { Hono } from 'hono';
import { deleteCookie } from 'hono/cookie';
import { z } from 'zod';
import { errorMessage } from '../http/errors.ts';
import type { AppEnv } from '../http/env.ts';
import { readForm } from '../http/validate.ts';
import { LoginPage } from './views/login.tsx';
import { homePath, publicRoute, readStaffSession, SESSION_COOKIE } from './guards.ts';
import { checkStaffLogin } from './passwords.ts';
import { completeSignIn, SIGNED_IN_HOME } from './sign-in.ts';

const loginForm = z.object({
  email: z.string().trim().toLowerCase().max(254),
  password: z.string().max(1024),
  next: z.string().max(300).optional(),
});

/** Only same-site relative paths are accepted as a post-login destination. */
function safeNext(next: string | undefined): string {
  return next && /^\/[a-z][a-z0-9/_-]*$/i.test(next) ? next : SIGNED_IN_HOME;
}

/** Login and logout for staff, and the start page (mounted at /; all public). */
export function authRoutes() {
  const app = new Hono<AppEnv>();

  app.get('/', publicRoute, async function home(c) {
    const signedIn = await readStaffSession(c);
    return c.redirect(signedIn ? homePath(signedIn.staff) : '/login', 303);
  });

  app.get('/login', publicRoute, (c) => c.html(<LoginPage next={c.req.query('next')} />));

  app.post('/login', publicRoute, async function login(c) {
    const { store, limits, clientIp } = c.get('services');
    const parsed = loginForm.safeParse(await readForm(c));
    if (!parsed.success) return c.html(<LoginPage error="Fyll i e-postadress och lösenord." />, 400);
    const { email, password, next } = parsed.data;
    const ip = clientIp(c);
    // Each attempt is counted before the password is checked (parallel guesses cannot outrun the
    // count); a success gives it back, so only failures use up a budget.
    const attempts = [
      { budget: 'loginAccountAddress', key: `${email}\n${ip}` },
      { budget: 'loginAddress', key: ip },
      { budget: 'loginAccount', key: email },
    ] as const;
    await limits.take([...attempts]);
    const { account, ok } = await checkStaffLogin(
      await store.staffLoginLookup(email),
      password,
      c.get('services').passwordIterations,
    );
    if (!ok || !account) {
      await store.recordLogin({
        staff_id: account?.id,
        success: false,
        reason: account ? 'password_or_inactive' : 'unknown_account',
      });
      return c.html(<LoginPage error={errorMessage('INVALID_CREDENTIALS', 'sv')} email={email} next={next} />, 401);
    }
    // This account's failures from this address are forgotten; the shared budgets get the attempt back.
    await limits.forgive(attempts.map((a) => ({ ...a, clear: a.budget === 'loginAccountAddress' })));
    await completeSignIn(c, account);
    return c.redirect(safeNext(next), 303);
  });

  app.post('/logout', publicRoute, async function logout(c) {
    // Public, so a stale or missing session still signs out; a valid one is ended for good.
    const signedIn = await readStaffSession(c);
    if (signedIn) await c.get('services').store.endStaffSessions(signedIn.principal);
    deleteCookie(c, SESSION_COOKIE, { path: '/', secure: c.get('services').secureCookies });
    return c.redirect('/login', 303);
  });

  return app;
}
