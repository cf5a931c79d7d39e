/**
 * Every route of the app either sits under exactly one guard (a staff session, an admin role or a
 * participant link), attached once where its capability is mounted, or is declared public with
 * publicRoute where it is declared. A route with neither, or with both, fails here before any
 * request is made; the authorisation matrix then checks what each caller gets.
 */
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.ts';
import { publicRoute, requireStaff } from '../../src/auth/guards.ts';
import { createTokenService } from '../../src/auth/tokens.ts';
import type { Store } from '../../src/store/store.ts';

const GUARDS = new Set(['staffSession', 'adminRole', 'participantLink']);

interface RouteEntry {
  method: string;
  path: string;
  handler: { name: string };
}

/** Whether a middleware registered at `pattern` runs for `path` (Hono: "/x/*" also matches "/x"). */
function covers(pattern: string, path: string): boolean {
  if (pattern === '*' || pattern === '/*') return true;
  if (pattern.endsWith('/*')) {
    const prefix = pattern.slice(0, -2);
    return path === prefix || path.startsWith(`${prefix}/`);
  }
  return pattern === path;
}

/** Each endpoint (method and path) with the guards that cover it and whether it is marked public. */
function inventory(routes: readonly RouteEntry[]) {
  const middleware = routes.filter((r) => r.method === 'ALL');
  const keys = [...new Set(routes.filter((r) => r.method !== 'ALL').map((r) => `${r.method} ${r.path}`))];
  return keys.map((key) => {
    const [method, path] = key.split(' ') as [string, string];
    const handlers = routes.filter((r) => r.method === method && r.path === path).map((r) => r.handler.name);
    const guards = middleware
      .filter((m) => covers(m.path, path) && GUARDS.has(m.handler.name))
      .map((m) => m.handler.name);
    return { key, guards, isPublic: handlers.includes('publicRoute') };
  });
}

/** Endpoints with neither a guard nor the public mark, or with more than one of them. */
function problems(routes: readonly RouteEntry[]): string[] {
  return inventory(routes)
    .filter((r) => r.guards.length + (r.isPublic ? 1 : 0) !== 1)
    .map((r) => `${r.key}: ${r.guards.length} guard(s)${r.isPublic ? ' and marked public' : ''}`);
}

const app = createApp({
  store: {} as Store, // no request is made
  tokens: createTokenService({
    secret: 'route-guards-test-secret-0123456789abcdef',
    staffTtlMinutes: 60,
    linkTtlDays: 14,
  }),
  passwordIterations: 1000,
  log: () => undefined,
});

describe('route guards', () => {
  it('every route has exactly one guard or is declared public', () => {
    const routes = inventory(app.routes);
    expect(routes.length).toBeGreaterThan(60);
    expect(problems(app.routes)).toEqual([]);
  });

  it('the public routes are exactly the ones meant to be public', () => {
    const publicRoutes = inventory(app.routes)
      .filter((r) => r.isPublic)
      .map((r) => r.key)
      .sort();
    expect(publicRoutes).toEqual(
      [
        'GET /healthz',
        'GET /',
        'GET /login',
        'POST /login',
        'POST /logout',
        'GET /invite/:token',
        'POST /invite/:token',
        'GET /d',
        'GET /d/:token',
        // The participant pages' service worker and its offline page: the same for everyone.
        'GET /sw.js',
        'GET /offline',
        'GET /k',
        'POST /k',
        'GET /l',
        'GET /l/:id{[^/]*}',
        'GET /handover/return',
        'POST /handover/return',
        'GET /tillganglighet',
      ].sort(),
    );
  });

  it('each capability prefix has its own guard', () => {
    const byPrefix = (prefix: string) =>
      new Set(
        inventory(app.routes)
          .filter((r) => r.key.split(' ')[1]!.startsWith(prefix))
          .flatMap((r) => r.guards),
      );
    expect(byPrefix('/coach')).toEqual(new Set(['staffSession']));
    expect(byPrefix('/api/coach')).toEqual(new Set(['staffSession']));
    expect(byPrefix('/research')).toEqual(new Set(['staffSession']));
    expect(byPrefix('/api/research')).toEqual(new Set(['staffSession']));
    expect(byPrefix('/admin')).toEqual(new Set(['adminRole']));
    expect(byPrefix('/api/admin')).toEqual(new Set(['adminRole']));
    expect(byPrefix('/api/p')).toEqual(new Set(['participantLink']));
  });

  it('finds a route added without a guard, and one both guarded and public', () => {
    const sub = new Hono();
    sub.use('*', requireStaff('page') as never);
    sub.get('/fine', (c) => c.text('ok'));
    sub.get('/confused', publicRoute as never, (c) => c.text('?'));
    const other = new Hono();
    other.get('/forgotten', (c) => c.text('open'));
    const probe = new Hono().route('/guarded', sub).route('/other', other);
    expect(problems(probe.routes)).toEqual([
      'GET /guarded/confused: 1 guard(s) and marked public',
      'GET /other/forgotten: 0 guard(s)',
    ]);
  });
});
