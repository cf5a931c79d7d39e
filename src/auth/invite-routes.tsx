import { Hono } from 'hono';
import { z } from 'zod';
import { hashPassword, MIN_PASSWORD_LENGTH } from './passwords.ts';
import { AppError } from '../errors.ts';
import { errorMessage } from '../http/errors.ts';
import type { AppEnv } from '../http/env.ts';
import { readForm } from '../http/validate.ts';
import { ErrorPage } from '../views/layout.tsx';
import { SetPasswordPage } from './views/invite.tsx';
import { publicRoute, requireBrowserOrigin } from './guards.ts';
import { hashLinkToken } from './link-tokens.ts';
import { completeSignIn, SIGNED_IN_HOME } from './sign-in.ts';

const tokenParam = z.string().regex(/^[A-Za-z0-9_-]{43}$/);
const passwordForm = z.object({ password: z.string().max(1024), confirm: z.string().max(1024) });

/**
 * The public page behind an invite or password-reset link (mounted at /invite). Rate-limited like
 * login. Choosing the password signs the person in, as the login would; a used, expired or
 * deactivated account's link issues nothing (accept_invite refuses before any session is signed).
 */
export function inviteRoutes() {
  const app = new Hono<AppEnv>();
  app.use('*', requireBrowserOrigin());

  // Tokens carry 256 random bits; the limit bounds the PBKDF2 work a caller can cause.
  app.post('/:token', publicRoute, async function limit(c, next) {
    const { limits, clientIp } = c.get('services');
    await limits.take([{ budget: 'invite', key: clientIp(c) }]);
    await next();
  });

  const invalid = (c: { get: (k: 'requestId') => string }) =>
    ErrorPage({
      title: 'Länken fungerar inte',
      message: errorMessage('INVITE_INVALID', 'sv'),
      status: 404,
      requestId: c.get('requestId'),
    });

  app.get('/:token', publicRoute, async function invitePage(c) {
    const token = tokenParam.safeParse(c.req.param('token'));
    const invite = token.success ? await c.get('services').store.inviteLookup(await hashLinkToken(token.data)) : null;
    if (!invite || !token.success) return c.html(invalid(c), 404);
    return c.html(<SetPasswordPage token={token.data} email={invite.email} />);
  });

  app.post('/:token', publicRoute, async function setPassword(c) {
    const { store, passwordIterations } = c.get('services');
    const token = tokenParam.safeParse(c.req.param('token'));
    const invite = token.success ? await store.inviteLookup(await hashLinkToken(token.data)) : null;
    if (!invite || !token.success) return c.html(invalid(c), 404);
    const form = passwordForm.safeParse(await readForm(c));
    const refuse = (code: 'PASSWORD_TOO_SHORT' | 'PASSWORDS_DIFFER' | 'VALIDATION_FAILED') =>
      c.html(<SetPasswordPage token={token.data} email={invite.email} error={errorMessage(code, 'sv')} />, 400);
    if (!form.success) return refuse('VALIDATION_FAILED');
    if ([...form.data.password].length < MIN_PASSWORD_LENGTH) return refuse('PASSWORD_TOO_SHORT');
    if (form.data.password !== form.data.confirm) return refuse('PASSWORDS_DIFFER');
    let accepted: Awaited<ReturnType<typeof store.acceptInvite>>;
    try {
      accepted = await store.acceptInvite({
        token_hash: await hashLinkToken(token.data),
        password_hash: await hashPassword(form.data.password, passwordIterations),
      });
    } catch (error) {
      if (error instanceof AppError && error.code === 'INVITE_INVALID') return c.html(invalid(c), 404);
      throw error;
    }
    await completeSignIn(
      c,
      { id: accepted.staff_id, session_version: accepted.session_version },
      `${invite.purpose}_link`,
    );
    return c.redirect(SIGNED_IN_HOME, 303);
  });

  return app;
}
