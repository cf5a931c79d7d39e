import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../src/errors.ts';
import type { SqlExecutor } from '../../src/store/executor.ts';
import type { RpcStore } from '../../src/store/rpc-store.ts';
import type { Principal, RowExportPage } from '../../src/store/store.ts';
import { sqlAs } from '../support/as-role.ts';
import { engines, openTestDatabase } from '../support/db.ts';
import { createWorld, enrol, type ParticipantPrincipal, type World } from '../support/fixtures.ts';

const AVSLUT_ITEMS = [
  'stod_till_hjalp',
  'paverka_plan',
  'tid_som_behovs',
  'hantera_situation',
  'stod_kontakter',
  'erfarenhet_tillvara',
  'mer_redo',
  'plan_finns',
  'plan_rimlig',
  'plan_start',
];

describe.each(engines)('row-level export on %s', (engine) => {
  let db: SqlExecutor;
  let store: RpcStore;

  beforeAll(async () => ({ db, store } = await openTestDatabase(engine)));
  afterAll(() => db.close());

  /** Enrols with consent and submits Avslut with a free-text answer that names the participant. */
  async function answered(world: World, value: number): Promise<ParticipantPrincipal> {
    const who = await enrol(store, world, 'avslut', 'avslut');
    const consent = await store.publishedDefinition(who, 'samtycke-forskning');
    await store.giveConsent(who, {
      definition_id: consent!.id,
      answers: { samtycker: true, svarar_med: 'self' },
      method: 'self',
    });
    const def = await store.publishedDefinition(who, 'avslut');
    const answers = {
      ...Object.fromEntries(AVSLUT_ITEMS.map((i) => [i, value])),
      ovrigt: `Jag heter Anna ${value}`,
      'plan_start-Comment': 'ring mig',
    };
    await store.submitResponse(who, { id: crypto.randomUUID(), definition_id: def!.id, answers });
    return who;
  }

  async function worldWith(n: number): Promise<{ world: World; people: ParticipantPrincipal[] }> {
    const world = await createWorld(store);
    const people = [];
    for (let i = 0; i < n; i++) people.push(await answered(world, 1 + (i % 6)));
    return { world, people };
  }

  async function allRows(
    who: Principal,
    exportId: string,
    limit: number,
  ): Promise<{ rows: RowExportPage['rows']; pages: number }> {
    const rows: RowExportPage['rows'] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const page: RowExportPage = await store.rowExportPage(who, { export_id: exportId, after, limit });
      rows.push(...page.rows);
      after = page.next;
      pages++;
    } while (after !== null);
    return { rows, pages };
  }

  const code = (p: Promise<unknown>) =>
    p.then(
      () => 'ok',
      (e: unknown) => (e instanceof AppError ? e.code : String(e)),
    );

  it("without a grant nobody exports rows: researcher, admin, coach, another project's researcher", async () => {
    const { world } = await worldWith(1);
    for (const who of [world.researcher, world.admin, world.coach, world.otherResearcher]) {
      expect(await code(store.beginRowExport(who, { project_id: world.projectId, survey_key: 'avslut' }))).toBe(
        'ROW_EXPORT_NOT_FOUND',
      );
    }
    expect(await store.rowExportGrant(world.researcher, world.projectId)).toEqual({
      granted: false,
      include_free_text: false,
    });
  });

  it('only an admin of the project grants, and only to its researchers and admins', async () => {
    const { world } = await worldWith(0);
    for (const who of [world.researcher, world.coach, world.otherResearcher]) {
      expect(
        await code(store.grantRowExport(who, { project_id: world.projectId, staff_id: world.researcher.staffId })),
      ).toBe('PROJECT_NOT_FOUND');
      expect(await code(store.rowExportGrants(who, world.projectId))).toBe('PROJECT_NOT_FOUND');
    }
    // A coach, or a researcher of another project, cannot be given a grant here.
    expect(
      await code(store.grantRowExport(world.admin, { project_id: world.projectId, staff_id: world.coach.staffId })),
    ).toBe('STAFF_NOT_FOUND');
    expect(
      await code(
        store.grantRowExport(world.admin, { project_id: world.projectId, staff_id: world.otherResearcher.staffId }),
      ),
    ).toBe('STAFF_NOT_FOUND');
    const g = await store.grantRowExport(world.admin, {
      project_id: world.projectId,
      staff_email: world.emails.researcher.toUpperCase(),
    });
    expect(g).toMatchObject({ staff_id: world.researcher.staffId, include_free_text: false, created: true });
    expect(
      (await store.grantRowExport(world.admin, { project_id: world.projectId, staff_id: world.researcher.staffId }))
        .created,
    ).toBe(false);
    const list = await store.rowExportGrants(world.admin, world.projectId);
    expect(list.grants).toEqual([
      expect.objectContaining({
        staff_id: world.researcher.staffId,
        email: world.emails.researcher,
        include_free_text: false,
      }),
    ]);
    // The tables are out of reach of every signed-in role.
    for (const table of ['export_grants', 'row_exports']) {
      expect(await sqlAs(db, world.admin, `select * from public.${table}`), table).toEqual({ error: '42501' });
    }
  });

  it('a granted export covers every response exactly once over several pages, without withdrawn participants', async () => {
    const { world, people } = await worldWith(7);
    await store.grantRowExport(world.admin, { project_id: world.projectId, staff_id: world.researcher.staffId });
    await store.withdrawConsent(people[6]!);
    const start = await store.beginRowExport(world.researcher, { project_id: world.projectId, survey_key: 'avslut' });
    expect(start.columns).toEqual(AVSLUT_ITEMS);
    expect(start.include_free_text).toBe(false);
    const { rows, pages } = await allRows(world.researcher, start.export_id, 2);
    expect(pages).toBe(3);
    expect(rows).toHaveLength(6);
    expect(new Set(rows.map((r) => r.response_id)).size).toBe(6);
    expect(rows.map((r) => r.response_id)).toEqual(rows.map((r) => r.response_id).sort());
    expect(new Set(rows.map((r) => r.participant_id))).toEqual(new Set(people.slice(0, 6).map((p) => p.participantId)));
    const today = (await db.query<{ d: string }>(`select (now() at time zone 'Europe/Stockholm')::date::text as d`))[0]!
      .d;
    for (const r of rows) {
      expect(r).toMatchObject({ version: 1, occasion: 'avslut', submitted_on: today });
      // Free text is dropped in SQL: the named comment and the "-Comment" key.
      expect(Object.keys(r.answers).sort()).toEqual([...AVSLUT_ITEMS].sort());
    }
    // Another holder of a grant in the project cannot read this export's pages (the admin's grant
    // comes from the system: nobody grants themselves one).
    await store.grantRowExport({ kind: 'system' }, { project_id: world.projectId, staff_id: world.admin.staffId });
    expect(await code(store.rowExportPage(world.admin, { export_id: start.export_id, limit: 10 }))).toBe(
      'ROW_EXPORT_NOT_FOUND',
    );
    expect(await code(store.rowExportPage(world.researcher, { export_id: start.export_id, limit: 5001 }))).toBe(
      'VALIDATION_FAILED',
    );
  });

  it('free text is included only when the admin’s grant includes it, and may be left out on request', async () => {
    const { world } = await worldWith(2);
    await store.grantRowExport(world.admin, {
      project_id: world.projectId,
      staff_id: world.researcher.staffId,
      include_free_text: true,
    });
    const start = await store.beginRowExport(world.researcher, {
      project_id: world.projectId,
      survey_key: 'avslut',
      version: 1,
    });
    expect(start.include_free_text).toBe(true);
    expect(start.columns).toEqual([...AVSLUT_ITEMS, 'ovrigt']);
    const { rows } = await allRows(world.researcher, start.export_id, 100);
    expect(rows.map((r) => r.answers.ovrigt).sort()).toEqual(['Jag heter Anna 1', 'Jag heter Anna 2']);
    const optedOut = await store.beginRowExport(world.researcher, {
      project_id: world.projectId,
      survey_key: 'avslut',
      include_free_text: false,
    });
    expect(optedOut.columns).toEqual(AVSLUT_ITEMS);
    expect((await allRows(world.researcher, optedOut.export_id, 100)).rows[0]!.answers).not.toHaveProperty('ovrigt');
    expect(
      await code(
        store.beginRowExport(world.researcher, { project_id: world.projectId, survey_key: 'avslut', version: 99 }),
      ),
    ).toBe('DEFINITION_NOT_FOUND');
  });

  it('an expired export and an export under a revoked grant are refused', async () => {
    const { world } = await worldWith(1);
    await store.grantRowExport(world.admin, { project_id: world.projectId, staff_id: world.researcher.staffId });
    const expired = await store.beginRowExport(world.researcher, { project_id: world.projectId, survey_key: 'avslut' });
    await db.query(
      `update public.row_exports set created_at = created_at - interval '2 hours', expires_at = expires_at - interval '2 hours' where id = $1`,
      [expired.export_id],
    );
    expect(await code(store.rowExportPage(world.researcher, { export_id: expired.export_id, limit: 10 }))).toBe(
      'ROW_EXPORT_EXPIRED',
    );

    const running = await store.beginRowExport(world.researcher, { project_id: world.projectId, survey_key: 'avslut' });
    expect(
      await code(
        store.revokeRowExport(world.researcher, { project_id: world.projectId, staff_id: world.researcher.staffId }),
      ),
    ).toBe('PROJECT_NOT_FOUND');
    await store.revokeRowExport(world.admin, { project_id: world.projectId, staff_id: world.researcher.staffId });
    expect(await code(store.rowExportPage(world.researcher, { export_id: running.export_id, limit: 10 }))).toBe(
      'ROW_EXPORT_NOT_FOUND',
    );
    expect(
      await code(store.beginRowExport(world.researcher, { project_id: world.projectId, survey_key: 'avslut' })),
    ).toBe('ROW_EXPORT_NOT_FOUND');
    expect(
      await code(
        store.revokeRowExport(world.admin, { project_id: world.projectId, staff_id: world.researcher.staffId }),
      ),
    ).toBe('EXPORT_GRANT_NOT_FOUND');
    expect((await store.rowExportGrants(world.admin, world.projectId)).grants).toEqual([]);
  });

  it('grants, revocations and every export are in the audit log, without personal data', async () => {
    const { world } = await worldWith(1);
    await store.grantRowExport(world.admin, {
      project_id: world.projectId,
      staff_id: world.researcher.staffId,
      include_free_text: true,
    });
    const start = await store.beginRowExport(world.researcher, {
      project_id: world.projectId,
      survey_key: 'avslut',
      version: 1,
    });
    await store.revokeRowExport(world.admin, { project_id: world.projectId, staff_email: world.emails.researcher });
    const rows = await db.query<{
      action: string;
      actor_id: string;
      target_id: string;
      details: Record<string, unknown>;
    }>(
      `select action, actor_id::text, target_id, details from public.audit_log
       where project_id = $1 and action in ('export_grant.created', 'export_grant.revoked', 'research.row_export') order by id`,
      [world.projectId],
    );
    expect(rows).toEqual([
      {
        action: 'export_grant.created',
        actor_id: world.admin.staffId,
        target_id: world.researcher.staffId,
        details: { include_free_text: true, replaces: null },
      },
      {
        action: 'research.row_export',
        actor_id: world.researcher.staffId,
        target_id: 'avslut',
        details: { survey_key: 'avslut', version: 1, include_free_text: true, export_id: start.export_id },
      },
      {
        action: 'export_grant.revoked',
        actor_id: world.admin.staffId,
        target_id: world.researcher.staffId,
        details: {},
      },
    ]);
  });
});
