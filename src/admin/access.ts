import type { MiddlewareHandler } from 'hono';
import { projectsWithRole, requireStaff } from '../auth/guards.ts';
import { AppError } from '../errors.ts';
import type { AppEnv } from '../http/env.ts';
import type { StaffContext } from '../store/store.ts';

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
  return async function admin(c, next) {
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
    if (!safe && c.req.header('sec-fetch-site') === undefined && c.req.header('origin') === undefined) throw new AppError('CSRF_REJECTED');
    await next();
  };
}

/** A one-time link token (256 random bits, base64url) and the SHA-256 (hex) that is stored. */
export async function newLinkToken(): Promise<{ token: string; hash: string }> {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  const token = btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  return { token, hash: await hashLinkToken(token) };
}

export async function hashLinkToken(token: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(token)));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}
