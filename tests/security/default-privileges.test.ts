/**
 * Threat: privileges a role holds only because the platform's defaults gave them (issue 16,
 * finding 11). On Supabase, every table, sequence and function the migrations create in public
 * would be open to anon, authenticated and service_role; the test databases are born with those
 * defaults (tests/support/db.ts). Attacks, as each role the API runs as: reset the audit log's
 * sequence (setval would make every later audited action fail on a duplicate id), write a forged
 * audit row through app.audit or straight into the table, and use the service key's role to read,
 * change or empty tables directly (BYPASSRLS skips policies, not grants). Each must be refused
 * with 42501, and the audit log must be as it was.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqlExecutor } from '../../src/store/executor.ts';
import type { Principal } from '../../src/store/store.ts';
import { sqlAs } from '../support/as-role.ts';
import { engines, openTestDatabase } from '../support/db.ts';
import { createWorld, type World } from '../support/fixtures.ts';

const DENIED = { error: '42501' };

describe.each(engines.filter((e) => e !== 'supabase'))('defaults grant nothing on %s', (engine) => {
  let db: SqlExecutor;
  let world: World;
  let roles: [string, Principal][];
  const forged = `forged.${crypto
    .randomUUID()
    .replace(/[^a-f]/g, '')
    .slice(0, 12)}`;

  beforeAll(async () => {
    let store;
    ({ db, store } = await openTestDatabase(engine));
    world = await createWorld(store);
    // An audited action in the world's project, so there is a row the attacks could disturb.
    await store.adminUpdateProject(world.admin, { project_id: world.projectId, name: 'Omdöpt projekt' });
    roles = [
      ['anon', { kind: 'anonymous' }],
      ['authenticated (staff)', world.admin],
      [
        'authenticated (participant)',
        {
          kind: 'participant',
          participantId: crypto.randomUUID(),
          projectId: world.projectId,
          survey: 'pagaende',
          occasion: 'start',
        },
      ],
      ['service_role', { kind: 'system' }],
    ];
  });
  afterAll(() => db.close());

  const auditOfProject = () =>
    db.query<{ id: string; action: string }>(
      'select id::text, action from public.audit_log where project_id = $1 order by id',
      [world.projectId],
    );
  const lastAuditId = async () =>
    BigInt((await db.query<{ v: string }>('select last_value::text as v from public.audit_log_id_seq'))[0]!.v);

  it('no role can move the audit log sequence: setval and nextval are refused, the sequence is not reset', async () => {
    const before = await lastAuditId();
    for (const [name, who] of roles) {
      expect(await sqlAs(db, who, `select setval('public.audit_log_id_seq', 1)`), name).toEqual(DENIED);
      expect(await sqlAs(db, who, `select nextval('public.audit_log_id_seq')`), name).toEqual(DENIED);
    }
    expect(await lastAuditId()).toBeGreaterThanOrEqual(before);
  });

  it('no role can write a forged audit row, through app.audit or into the table', async () => {
    const rows = await auditOfProject();
    expect(rows.length).toBeGreaterThan(0);
    for (const [name, who] of roles) {
      const call = `select app.audit('${forged}', '${world.projectId}'::uuid, 'staff', '${world.admin.staffId}')`;
      expect(await sqlAs(db, who, call), name).toEqual(DENIED);
      const insert = `insert into public.audit_log (actor_kind, action, project_id) values ('system', '${forged}', '${world.projectId}')`;
      expect(await sqlAs(db, who, insert), name).toEqual(DENIED);
    }
    expect(await auditOfProject()).toEqual(rows);
    expect(await db.query('select 1 from public.audit_log where action = $1', [forged])).toEqual([]);
  });

  it("the service key's role reads, changes and empties no table directly", async () => {
    const system: Principal = { kind: 'system' };
    for (const table of ['responses', 'staff', 'participants', 'consents', 'drafts', 'audit_log', 'memberships']) {
      expect(await sqlAs(db, system, `select count(*) from public.${table}`), table).toEqual(DENIED);
      expect(await sqlAs(db, system, `delete from public.${table}`), table).toEqual(DENIED);
      expect(await sqlAs(db, system, `truncate public.${table}`), table).toEqual(DENIED);
    }
    expect(await sqlAs(db, system, `update public.staff set active = false`)).toEqual(DENIED);
    expect(await sqlAs(db, system, `select count(*) from app.response_counts`)).toEqual(DENIED);
    const [admin] = await db.query<{ active: boolean }>('select active from public.staff where id = $1', [
      world.admin.staffId,
    ]);
    expect(admin!.active).toBe(true);
  });
});
