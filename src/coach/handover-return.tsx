import { Hono } from 'hono';
import { z } from 'zod';
import { publicRoute, startStaffSession } from '../auth/guards.ts';
import { endHandoverHere, handoverOf } from '../auth/handover.ts';
import { verifyPassword } from '../auth/passwords.ts';
import { errorMessage } from '../http/errors.ts';
import type { AppEnv } from '../http/env.ts';
import { inLang } from '../views/lang.tsx';
import { parseWith, readForm } from '../http/validate.ts';
import { HandoverReturnPage } from './views/handout.tsx';

/**
 * Getting the phone back after a hand-over (mounted at /handover). Public: the coach is signed
 * out while the participant holds the phone; the handover cookie and the coach's password are
 * checked here.
 */
export function handoverReturnRoutes() {
  const app = new Hono<AppEnv>();

  app.get('/return', publicRoute, (c) => c.html(inLang(c.get('lang'), <HandoverReturnPage />)));

  app.post('/return', publicRoute, async function handoverReturn(c) {
    const { store, limits } = c.get('services');
    const handover = await handoverOf(c);
    if (!handover) return c.redirect('/login', 303);
    // Per coach only: the signed hand-over cookie is needed to get here, so sign-in failures of
    // others at the same address never keep a coach from getting the phone back.
    const attempt = { budget: 'handover', key: handover.staffId } as const;
    await limits.take([attempt]);
    const { password } = parseWith(z.object({ password: z.string().max(1024) }), await readForm(c));
    const account = await store.staffById(handover.staffId);
    const ok = account !== null && account.active && (await verifyPassword(password, account.password_hash));
    await store.recordLogin({
      staff_id: handover.staffId,
      success: ok,
      reason: ok ? 'handover_return' : 'handover_password',
    });
    if (!ok)
      return c.html(
        inLang(c.get('lang'), <HandoverReturnPage error={errorMessage('HANDOVER_PASSWORD_WRONG', c.get('lang'))} />),
        401,
      );
    await limits.forgive([{ ...attempt, clear: true }]);
    // The link stops working, drafts typed on the phone are deleted, its storage is cleared.
    await endHandoverHere(c);
    await startStaffSession(c, handover.staffId, account?.session_version);
    return c.redirect('/coach', 303);
  });

  return app;
}
