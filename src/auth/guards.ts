import type { Context, MiddlewareHandler } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { AppError } from '../errors.ts';
import { figureProjects } from '../domain/separation-of-duties.ts';
import type { AppEnv } from '../http/env.ts';
import type { Principal, StaffContext, StaffRole } from '../store/store.ts';

export const SESSION_COOKIE = 'enkat_session';
/** Set while a coach's phone is handed over to a participant (see coach/handout-routes). */
export const HANDOVER_COOKIE = 'enkat_handover';

/** The signed-in staff member from the session cookie, or null. */
export async function readStaffSession(
  c: Context<AppEnv>,
): Promise<{ principal: Principal & { kind: 'staff' }; staff: StaffContext } | null> {
  const token = getCookie(c, SESSION_COOKIE);
  const session = token ? await c.get('services').tokens.verifyStaffSession(token) : null;
  if (!session) return null;
  const principal = { kind: 'staff', staffId: session.staffId } as const;
  const staff = await c.get('services').store.staffContext(principal);
  // A password set or reset, or a deactivation, since the session was signed ends it.
  if (!staff || (staff.session_version ?? 0) !== session.version) return null;
  return { principal, staff };
}

/** Where someone signed in with a one-time password chooses their own (auth/password-routes). */
export const PASSWORD_CHANGE_PATH = '/account/password';

/**
 * Requires a valid staff session cookie; sets principal and staff context. Pages get redirected to
 * /login. An account still on a one-time password reaches nothing but the page that replaces it
 * (`passwordChange: true` marks that page): other pages redirect there, APIs answer 403.
 */
export function requireStaff(
  mode: 'page' | 'api',
  options: { passwordChange?: boolean } = {},
): MiddlewareHandler<AppEnv> {
  return async function staffSession(c, next) {
    const signedIn = await readStaffSession(c);
    if (!signedIn) {
      if (mode === 'page') return c.redirect(`/login?next=${encodeURIComponent(new URL(c.req.url).pathname)}`, 303);
      throw new AppError('UNAUTHENTICATED');
    }
    if (signedIn.staff.must_change_password && !options.passwordChange) {
      if (mode === 'page') return c.redirect(PASSWORD_CHANGE_PATH, 303);
      throw new AppError('PASSWORD_CHANGE_REQUIRED');
    }
    c.set('principal', signedIn.principal);
    c.set('staff', signedIn.staff);
    await next();
  };
}

/** Where a staff member starts: coaches (and admins) with their participants, researchers with figures. */
export function homePath(staff: StaffContext): string {
  const roles = new Set(staff.memberships.map((m) => m.role));
  if (roles.has('coach') || roles.has('admin')) return '/coach';
  if (roles.has('researcher')) return '/research';
  return '/login';
}

/** Projects where the signed-in staff member holds one of the roles. */
export function projectsWithRole(
  staff: AppEnv['Variables']['staff'],
  roles: StaffRole[],
): { id: string; name: string }[] {
  const seen = new Map<string, string>();
  for (const m of staff.memberships) if (roles.includes(m.role)) seen.set(m.project_id, m.project_name);
  return [...seen].map(([id, name]) => ({ id, name }));
}

/**
 * Projects whose research figures the staff member sees: researcher or admin there and not its
 * coach (separation of duties; the database applies the same rule in app.sees_figures).
 */
export function projectsWithFigures(staff: AppEnv['Variables']['staff']): { id: string; name: string }[] {
  return projectsWithRole({ ...staff, memberships: figureProjects(staff.memberships) }, ['researcher', 'admin']);
}

/** Requires a participant link token (Authorization: Bearer); sets the participant principal. */
export function requireParticipant(): MiddlewareHandler<AppEnv> {
  return async function participantLink(c, next) {
    const header = c.req.header('authorization') ?? '';
    const token = /^Bearer ([A-Za-z0-9_\-.]{20,2000})$/.exec(header)?.[1];
    // No token at all (a hand-over that has ended): the link no longer works. A cut-off or
    // altered token is "not whole"; an authentic one past its time has expired.
    if (!token) throw new AppError(/^Bearer \S/.test(header) ? 'LINK_INCOMPLETE' : 'LINK_INVALID');
    const checked = await c.get('services').tokens.checkParticipantLink(token);
    if (!('link' in checked)) throw new AppError(checked.refused === 'expired' ? 'LINK_EXPIRED' : 'LINK_INCOMPLETE');
    const link = checked.link;
    c.set('link', link);
    c.set('principal', { kind: 'participant', ...link });
    await next();
  };
}

/** Signs a staff session and sets it as an HttpOnly, Secure, SameSite=Strict cookie. */
export async function startStaffSession(c: Context<AppEnv>, staffId: string, version = 0): Promise<void> {
  const { tokens, secureCookies } = c.get('services');
  const session = await tokens.signStaffSession(staffId, version);
  setCookie(c, SESSION_COOKIE, session.token, {
    httpOnly: true,
    secure: secureCookies,
    sameSite: 'Strict',
    path: '/',
    expires: session.expiresAt,
  });
}

/** Whether the staff member administers at least one project. */
export function isAdmin(staff: StaffContext | undefined): boolean {
  return Boolean(staff?.memberships.some((m) => m.role === 'admin'));
}

/** Projects the signed-in staff member administers. */
export function adminProjectsOf(staff: StaffContext): { id: string; name: string }[] {
  return projectsWithRole(staff, ['admin']);
}

/**
 * Admin pages: a staff session (pages redirect to /login) and an admin role in some project.
 * Anyone else is told the page does not exist. Each SQL function checks the project itself.
 */
export function requireAdmin(mode: 'page' | 'api' = 'page'): MiddlewareHandler<AppEnv> {
  const session = requireStaff(mode);
  return async function adminRole(c, next) {
    return session(c, async () => {
      if (!isAdmin(c.get('staff'))) throw new AppError('NOT_FOUND');
      await next();
    });
  };
}

/**
 * Admin forms change accounts and settings: beyond the app-wide CSRF guard, a state-changing
 * request must carry Sec-Fetch-Site or Origin (every current browser sends one on a form post).
 */
export function requireBrowserOrigin(): MiddlewareHandler<AppEnv> {
  return async function browserOrigin(c, next) {
    const safe = c.req.method === 'GET' || c.req.method === 'HEAD' || c.req.method === 'OPTIONS';
    if (!safe && c.req.header('sec-fetch-site') === undefined && c.req.header('origin') === undefined)
      throw new AppError('CSRF_REJECTED');
    await next();
  };
}

/**
 * Declares a route public: no session or link is needed (the route checks what it is given
 * itself, e.g. a one-time token). tests/http/route-guards.test.ts requires every route to have a
 * guard or this mark, so a route without either fails the build.
 */
export const publicRoute: MiddlewareHandler<AppEnv> = async function publicRoute(_c, next) {
  await next();
};
