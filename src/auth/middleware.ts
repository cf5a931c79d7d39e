import type { MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { AppError } from '../http/errors.ts';
import type { AppEnv } from '../http/env.ts';
import type { StaffRole } from '../store/store.ts';

export const SESSION_COOKIE = 'enkat_session';

/** Requires a valid staff session cookie; sets principal and staff context. Pages get redirected to /login. */
export function requireStaff(mode: 'page' | 'api'): MiddlewareHandler<AppEnv> {
  return async function staffSession(c, next) {
    const token = getCookie(c, SESSION_COOKIE);
    const session = token ? await c.var.services.tokens.verifyStaffSession(token) : null;
    const principal = session ? ({ kind: 'staff', staffId: session.staffId } as const) : null;
    const staff = principal ? await c.var.services.store.staffContext(principal) : null;
    if (!principal || !staff) {
      if (mode === 'page') return c.redirect(`/login?next=${encodeURIComponent(new URL(c.req.url).pathname)}`, 303);
      throw new AppError('UNAUTHENTICATED');
    }
    c.set('principal', principal);
    c.set('staff', staff);
    await next();
  };
}

/** Projects where the signed-in staff member holds one of the roles. */
export function projectsWithRole(staff: AppEnv['Variables']['staff'], roles: StaffRole[]): { id: string; name: string }[] {
  const seen = new Map<string, string>();
  for (const m of staff.memberships) if (roles.includes(m.role)) seen.set(m.project_id, m.project_name);
  return [...seen].map(([id, name]) => ({ id, name }));
}

/** Requires a participant link token (Authorization: Bearer); sets the participant principal. */
export function requireParticipant(): MiddlewareHandler<AppEnv> {
  return async function participantLink(c, next) {
    const header = c.req.header('authorization') ?? '';
    const token = /^Bearer ([A-Za-z0-9_\-.]{20,2000})$/.exec(header)?.[1];
    const link = token ? await c.var.services.tokens.verifyParticipantLink(token) : null;
    if (!link) throw new AppError('LINK_INVALID');
    c.set('link', link);
    c.set('principal', { kind: 'participant', ...link });
    await next();
  };
}
