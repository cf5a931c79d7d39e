import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqlExecutor } from '../../src/store/executor.ts';
import type { RpcStore } from '../../src/store/rpc-store.ts';
import type { Principal } from '../../src/store/store.ts';
import { sqlAs } from '../support/as-role.ts';
import { engines, openTestDatabase } from '../support/db.ts';
import {
  createWorld,
  enrolWithConsent,
  pagaendeAnswers,
  type ParticipantPrincipal,
  type World,
} from '../support/fixtures.ts';

const DENIED = '42501'; // insufficient_privilege

describe.each(engines)('row-level security and grants on %s', (engine) => {
  let db: SqlExecutor;
  let store: RpcStore;
  let world: World;
  let participant: ParticipantPrincipal;
  const anonymous: Principal = { kind: 'anonymous' };

  beforeAll(async () => {
    ({ db, store } = await openTestDatabase(engine));
    world = await createWorld(store);
    participant = await enrolWithConsent(store, world);
    const def = await store.publishedDefinition(participant, 'pagaende');
    await store.submitResponse(participant, {
      id: crypto.randomUUID(),
      definition_id: def!.id,
      answers: pagaendeAnswers(5),
    });
  });
  afterAll(() => db.close());

  const everyone = (): [string, Principal][] => [
    ['anonymous', anonymous],
    ['participant', participant],
    ['coach', world.coach],
    ['researcher', world.researcher],
    ['admin', world.admin],
    ['coach of another project', world.otherCoach],
  ];

  it('nobody reads response rows directly: not coach, researcher, admin, participant or anonymous', async () => {
    for (const [label, who] of everyone()) {
      expect(await sqlAs(db, who, 'select * from public.responses'), label).toEqual({ error: DENIED });
      expect(await sqlAs(db, who, 'select count(*) from public.responses'), label).toEqual({ error: DENIED });
    }
  });

  it('nobody writes response rows directly, bypassing submit_response', async () => {
    for (const [label, who] of everyone()) {
      const r = await sqlAs(
        db,
        who,
        `insert into public.responses (id, participant_id, project_id, definition_id, survey_key, occasion, answers)
        select gen_random_uuid(), id, project_id, (select id from public.survey_definitions limit 1), 'pagaende', 'start', '{}' from public.participants limit 1`,
      );
      expect(r, label).toEqual({ error: DENIED });
    }
  });

  it('an anonymous caller can do nothing: no tables, no functions', async () => {
    for (const table of [
      'participants',
      'consents',
      'projects',
      'staff',
      'memberships',
      'survey_definitions',
      'audit_log',
      'organisations',
      'short_codes',
    ]) {
      expect(await sqlAs(db, anonymous, `select * from public.${table}`), table).toEqual({ error: DENIED });
    }
    for (const fn of [
      'enrol_participant',
      'submit_response',
      'give_consent',
      'item_aggregates',
      'coach_participants',
      'staff_login_lookup',
      'create_staff',
      'published_definition',
      'register_exit',
      'create_short_code',
      'redeem_short_code',
      'resolve_short_link',
      'project_settings',
    ]) {
      expect(await sqlAs(db, anonymous, `select public.${fn}('{}'::jsonb)`), fn).toEqual({ error: DENIED });
    }
  });

  it('staff cannot call the system-only functions (login lookup, account creation)', async () => {
    for (const fn of [
      'staff_login_lookup',
      'staff_by_id',
      'create_staff',
      'create_project',
      'seed_definition',
      'record_login',
      'redeem_short_code',
      'resolve_short_link',
    ]) {
      expect(await sqlAs(db, world.admin, `select public.${fn}('{}'::jsonb)`), fn).toEqual({ error: DENIED });
    }
  });

  it('a coach sees participants of their own project only; a researcher sees no participant rows', async () => {
    const own = await sqlAs(db, world.coach, 'select id, project_id from public.participants');
    expect('rows' in own && own.rows.length).toBeGreaterThan(0);
    if ('rows' in own) for (const row of own.rows) expect(row.project_id).toBe(world.projectId);
    const other = await sqlAs(db, world.otherCoach, 'select id from public.participants where project_id = $1', [
      world.projectId,
    ]);
    expect(other).toEqual({ rows: [] });
    expect(await sqlAs(db, world.researcher, 'select id from public.participants')).toEqual({ rows: [] });
  });

  it('nobody but coaches and admins of the project registers an exit or makes a short code', async () => {
    const args = JSON.stringify({
      participant_id: participant.participantId,
      exited_on: new Date().toISOString().slice(0, 10),
      reason: 'annat',
    });
    for (const who of [world.researcher, world.otherCoach, participant]) {
      const r = await sqlAs(db, who, 'select public.register_exit($1::jsonb)', [args]);
      expect(r).toEqual({ error: 'EK404' });
    }
    const code = JSON.stringify({
      participant_id: participant.participantId,
      survey: 'pagaende',
      occasion: 'pagaende',
      code_hash: 'a'.repeat(64),
    });
    expect(await sqlAs(db, world.otherCoach, 'select public.create_short_code($1::jsonb)', [code])).toEqual({
      error: 'EK404',
    });
  });

  it('a participant sees only their own record and consent', async () => {
    const rows = await sqlAs(db, participant, 'select id from public.participants');
    expect(rows).toEqual({ rows: [{ id: participant.participantId }] });
    const consents = await sqlAs(db, participant, 'select participant_id from public.consents');
    expect(consents).toEqual({ rows: [{ participant_id: participant.participantId }] });
  });

  it('the audit log cannot be changed or deleted, not even by the service role', async () => {
    for (const who of [world.admin, { kind: 'system' } as Principal]) {
      expect(await sqlAs(db, who, `update public.audit_log set action = 'x.y.z'`)).toEqual({ error: DENIED });
      expect(await sqlAs(db, who, 'delete from public.audit_log')).toEqual({ error: DENIED });
    }
  });

  it('an admin reads the audit log of their project, a coach does not', async () => {
    const admin = await sqlAs(db, world.admin, 'select action from public.audit_log where project_id = $1', [
      world.projectId,
    ]);
    expect('rows' in admin && admin.rows.length).toBeGreaterThan(0);
    expect(
      await sqlAs(db, world.coach, 'select action from public.audit_log where project_id = $1', [world.projectId]),
    ).toEqual({ rows: [] });
  });

  it('a published definition cannot be changed', async () => {
    await expect(
      db.query(`update public.survey_definitions set json = '{}'::jsonb where key = 'pagaende' and version = 1`),
    ).rejects.toMatchObject({ code: 'EK409' });
    // Nor moved to another organisation (or out of the library).
    await expect(
      db.query(
        `update public.survey_definitions set organisation_id = null where key = 'pagaende' and organisation_id is not null`,
      ),
    ).rejects.toMatchObject({ code: 'EK409' });
  });
});
