/**
 * Attack: an admin of organisation B uses the audit log to learn about organisation A (issue 19,
 * the audit log resolves staff ids to e-mail addresses). B's admin lists every sign-in, filters by
 * the e-mail of A's coach and by an unknown address, and reads every resolved name: none of A's
 * sign-ins, e-mail addresses, project names or definition titles comes back, and a known address
 * of A answers exactly like an address nobody has.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqlExecutor } from '../../src/store/executor.ts';
import type { RpcStore } from '../../src/store/rpc-store.ts';
import type { AuditRow } from '../../src/store/store.ts';
import { loginCookie, testApp } from '../support/app.ts';
import { engines, openTestDatabase } from '../support/db.ts';
import { createWorld, enrolWithConsent, type World } from '../support/fixtures.ts';

const words = (r: AuditRow) => [r.actor_email, r.target_label, r.project_name, ...Object.values(r.names ?? {})];

describe.each(engines.filter((e) => e !== 'supabase'))(
  'attack: reading another organisation in the audit log on %s',
  (engine) => {
    let db: SqlExecutor;
    let store: RpcStore;
    let a: World;
    let b: World;

    beforeAll(async () => {
      ({ db, store } = await openTestDatabase(engine));
      [a, b] = [await createWorld(store), await createWorld(store)];
      const { app } = testApp(store);
      for (const email of [a.emails.coach, a.emails.admin, b.emails.coach]) await loginCookie(app, email);
      await store.recordLogin({ staff_id: a.coach.staffId, success: false, reason: 'password_or_inactive' });
      await enrolWithConsent(store, a);
    });
    afterAll(() => db.close());

    it("B's admin sees none of A's sign-ins, addresses or names, whatever the filter", async () => {
      const aWords = new Set<string>([...Object.values(a.emails)]);
      const [aProject] = await db.query<{ name: string }>('select name from public.projects where id = $1', [
        a.projectId,
      ]);
      aWords.add(aProject!.name);
      const aIds = new Set([a.admin.staffId, a.coach.staffId, a.researcher.staffId, a.projectId, a.otherProjectId]);
      for (const filter of [{}, { action: 'login.' }, { action: 'staff.' }, { action: 'definition.' }]) {
        const rows = (await store.auditLog(b.admin, { ...filter, limit: 1000 })).rows;
        expect(rows.length, JSON.stringify(filter)).toBeGreaterThan(0);
        for (const r of rows) {
          expect(words(r).filter((w) => w && aWords.has(w))).toEqual([]);
          expect(aIds.has(r.target_id ?? '') || aIds.has(r.project_id ?? '')).toBe(false);
        }
      }
      // B's own coach's sign-in is there, under the coach's e-mail: the test would see a leak.
      const logins = (await store.auditLog(b.admin, { action: 'login.', limit: 1000 })).rows;
      expect(logins.some((r) => r.action === 'login.success' && r.actor_email === b.emails.coach)).toBe(true);
    });

    it("filtering by the address of A's coach answers like an address nobody has", async () => {
      const known = await store.auditLog(b.admin, { actor_email: a.emails.coach, limit: 1000 });
      const unknown = await store.auditLog(b.admin, {
        actor_email: `nobody-${crypto.randomUUID()}@test.local`,
        limit: 1000,
      });
      expect(known).toEqual({ rows: [], next: null });
      expect(unknown).toEqual(known);
      // A's own admin does find the coach's sign-ins by that address.
      const own = await store.auditLog(a.admin, { actor_email: a.emails.coach, action: 'login.', limit: 100 });
      expect(own.rows.some((r) => r.actor_email === a.emails.coach)).toBe(true);
    });
  },
);
