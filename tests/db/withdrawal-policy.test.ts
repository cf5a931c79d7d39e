import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../src/errors.ts';
import { principalClaims } from '../../src/store/claims.ts';
import type { SqlExecutor } from '../../src/store/executor.ts';
import type { RpcStore } from '../../src/store/rpc-store.ts';
import type { RowExportPage } from '../../src/store/store.ts';
import { concurrentEngine, engines, openTestDatabase } from '../support/db.ts';
import {
  createWorld,
  enrolWithConsent,
  PAGAENDE_ITEMS,
  pagaendeAnswers,
  type ParticipantPrincipal,
  type World,
} from '../support/fixtures.ts';

/**
 * Consent withdrawal under the project's policy (projects.settings.withdrawalPolicy): 'erase'
 * (the default) deletes every answer-bearing row of the participant in the withdrawal's
 * transaction; 'keep' leaves sent answers. Either way nothing more is collected.
 */

const code = (p: Promise<unknown>) =>
  p.then(
    () => 'ok',
    (e: unknown) => (e instanceof AppError ? e.code : String((e as { code?: string }).code ?? e)),
  );
const settledWithin = async (p: Promise<unknown>, ms: number) =>
  Promise.race([
    p.then(
      () => true,
      () => true,
    ),
    new Promise<boolean>((r) => setTimeout(() => r(false), ms)),
  ]);

/** Tables that may keep rows of a withdrawn participant: the minimal trace (no answers). */
// participant_links: who handed out which link, and when (no answers); the audit log holds the same.
const TRACE_TABLES = ['public.consents', 'public.participant_links'];

describe.each(engines)('withdrawal policy on %s', (engine) => {
  let db: SqlExecutor;
  let store: RpcStore;
  let pagaendeId: string;
  let waiId: string;
  /** Every table holding rows of a participant or a response: by column name or by foreign key. */
  let participantTables: { table: string; column: string }[];

  beforeAll(async () => {
    ({ db, store } = await openTestDatabase(engine));
    const world = await createWorld(store);
    pagaendeId = (await store.publishedDefinition(world.coach, 'pagaende'))!.id;
    waiId = (await store.publishedDefinition(world.coach, 'wai'))!.id;
    participantTables = await db.query<{ table: string; column: string }>(`
      select distinct t.table_schema || '.' || t.table_name as table, c.column_name as column
      from information_schema.tables t
      join information_schema.columns c on c.table_schema = t.table_schema and c.table_name = t.table_name
      where t.table_type = 'BASE TABLE' and t.table_schema not in ('pg_catalog', 'information_schema')
        and c.column_name in ('participant_id', 'response_id')
      union
      select distinct cl.relnamespace::regnamespace::text || '.' || cl.relname, a.attname
      from pg_constraint k
      join pg_class cl on cl.oid = k.conrelid
      join pg_attribute a on a.attrelid = k.conrelid and a.attnum = any (k.conkey)
      where k.contype = 'f' and k.confrelid in ('public.participants'::regclass, 'public.responses'::regclass)
      order by 1, 2`);
  });
  afterAll(() => db.close());

  async function worldWithPolicy(policy?: 'keep' | 'erase'): Promise<World> {
    const world = await createWorld(store);
    // Definitions are the organisation's own: each world answers its organisation's versions.
    pagaendeId = (await store.publishedDefinition(world.coach, 'pagaende'))!.id;
    waiId = (await store.publishedDefinition(world.coach, 'wai'))!.id;
    if (policy) {
      const { changed } = await store.adminUpdateProject(world.admin, {
        project_id: world.projectId,
        settings: { withdrawalPolicy: policy },
      });
      expect(changed).toEqual(['settings.withdrawalPolicy']);
    }
    return world;
  }

  /** A consented participant with a submitted Pågående, a WAI draft and a short code. */
  async function participantWithAnswers(world: World): Promise<{ who: ParticipantPrincipal; responseId: string }> {
    const who = await enrolWithConsent(store, world);
    const responseId = crypto.randomUUID();
    await store.submitResponse(who, {
      id: responseId,
      definition_id: pagaendeId,
      answers: pagaendeAnswers(4, { mer_redo: 2 }),
    });
    await store.saveDraft(
      { ...who, survey: 'wai', occasion: 'start' },
      { definition_id: waiId, answers: { wai_1: 7 }, page: 1 },
    );
    await store.createShortCode(world.coach, {
      participant_id: who.participantId,
      survey: 'wai',
      occasion: 'start',
      code_hash: crypto.randomUUID().replaceAll('-', '').padEnd(64, '0'),
      ttl_minutes: 30,
    });
    return { who, responseId };
  }

  /** Rows per table that refer to the participant (or to one of their responses). */
  async function rowsOf(participantId: string, responseIds: string[]): Promise<Record<string, number>> {
    const out: Record<string, number> = {};
    for (const { table, column } of participantTables) {
      const ids = column === 'response_id' ? responseIds : [participantId];
      const [{ n } = { n: 0 }] = await db.query<{ n: number }>(
        `select count(*)::int as n from ${table} where ${column}::text = any ($1::text[])`,
        [ids],
      );
      out[`${table}.${column}`] = (out[`${table}.${column}`] ?? 0) + n;
    }
    return out;
  }

  /** The counters of a project against a recount from the raw responses (as app.rebuild_response_counts() would build them). */
  async function countersMatchRecount(projectId: string): Promise<void> {
    const counted = await db.query(
      `
      select definition_id::text, occasion, quarter::text, sum(c)::int as c from app.response_counts
      where project_id = $1 group by 1, 2, 3 having sum(c) <> 0 order by 1, 2, 3`,
      [projectId],
    );
    const recount = await db.query(
      `
      select definition_id::text, occasion, app.quarter_of(submitted_at)::text as quarter, count(*)::int as c from public.responses
      where project_id = $1 group by 1, 2, 3 order by 1, 2, 3`,
      [projectId],
    );
    expect(counted).toEqual(recount);
    const values = await db.query(
      `
      select definition_id::text, occasion, quarter::text, ord::int, value::int, sum(c)::int as c from app.response_value_counts
      where project_id = $1 group by 1, 2, 3, 4, 5 having sum(c) <> 0 order by 1, 2, 3, 4, 5`,
      [projectId],
    );
    const revalues = await db.query(
      `
      select r.definition_id::text, r.occasion, app.quarter_of(r.submitted_at)::text as quarter, u.ord::int, u.value::int, count(*)::int as c
      from public.responses r cross join lateral unnest(r.scores) with ordinality u(value, ord)
      where r.project_id = $1 and u.value is not null group by 1, 2, 3, 4, 5 order by 1, 2, 3, 4, 5`,
      [projectId],
    );
    expect(values).toEqual(revalues);
  }

  const withdrawAudit = (participantId: string) =>
    db.query<{ details: Record<string, unknown>; actor_kind: string }>(
      `select details, actor_kind from public.audit_log where action = 'consent.withdraw' and target_id = $1 order by id`,
      [participantId],
    );

  it('finds the tables to check: responses, drafts, short codes and the consent trace', () => {
    const tables = participantTables.map((t) => t.table);
    for (const t of ['public.responses', 'public.drafts', 'public.short_codes', 'public.consents'])
      expect(tables).toContain(t);
  });

  it('erase (the default): no row of the participant is left outside the trace, counters stay exact, the audit row has no answers', async () => {
    const world = await worldWithPolicy();
    const { who, responseId } = await participantWithAnswers(world);
    const other = await participantWithAnswers(world);
    const before = await rowsOf(who.participantId, [responseId]);
    expect(before['public.responses.participant_id']).toBe(1);
    expect(before['public.drafts.participant_id']).toBe(1);
    await countersMatchRecount(world.projectId);

    expect(await store.withdrawConsent(who)).toEqual({ withdrawn: true, created: true, policy: 'erase', erased: 1 });

    const after = await rowsOf(who.participantId, [responseId]);
    for (const [key, n] of Object.entries(after)) {
      if (TRACE_TABLES.some((t) => key.startsWith(`${t}.`))) continue;
      expect(n, key).toBe(0);
    }
    // The trace: the participant row, withdrawn, and the consent with withdrawn_at.
    expect(await db.query('select status from public.participants where id = $1', [who.participantId])).toEqual([
      { status: 'withdrawn' },
    ]);
    expect(
      await db.query('select withdrawn_at is not null as withdrawn from public.consents where participant_id = $1', [
        who.participantId,
      ]),
    ).toEqual([{ withdrawn: true }]);
    const audit = await withdrawAudit(who.participantId);
    expect(audit).toEqual([
      {
        actor_kind: 'participant',
        details: {
          policy: 'erase',
          erased_responses: 1,
          discarded_drafts: 1,
          // Who minted the link used (tests/security/coach-withdraws.test.ts).
          link_id: who.linkId,
          link_minted_by: world.coach.staffId,
          link_via: 'link',
        },
      },
    ]);
    // Nothing of the answers anywhere in the audit log for this participant.
    const logged = JSON.stringify(
      await db.query('select details from public.audit_log where target_id = $1', [who.participantId]),
    );
    for (const item of [...PAGAENDE_ITEMS, 'wai_1']) expect(logged).not.toContain(item);

    // The other participant keeps everything; the counters equal a recount from the raw rows.
    expect((await rowsOf(other.who.participantId, [other.responseId]))['public.responses.participant_id']).toBe(1);
    await countersMatchRecount(world.projectId);
    expect((await store.participantState(who))!).toMatchObject({ consent: 'withdrawn', submitted: [] });
  });

  it('erase: a retry with the old client uuid, or a submission still queued on the phone, stores nothing again', async () => {
    const world = await worldWithPolicy('erase');
    const { who, responseId } = await participantWithAnswers(world);
    await store.withdrawConsent(who);
    expect(
      await code(
        store.submitResponse(who, {
          id: responseId,
          definition_id: pagaendeId,
          answers: pagaendeAnswers(4, { mer_redo: 2 }),
        }),
      ),
    ).toBe('CONSENT_WITHDRAWN');
    expect(
      await code(
        store.submitResponse(
          { ...who, survey: 'wai', occasion: 'start' },
          { id: crypto.randomUUID(), definition_id: waiId, answers: {} },
        ),
      ),
    ).toBe('CONSENT_WITHDRAWN');
    expect(
      await db.query('select 1 from public.responses where participant_id = $1 or id = $2', [
        who.participantId,
        responseId,
      ]),
    ).toEqual([]);
    await countersMatchRecount(world.projectId);
  });

  it('erase: an export under way does not return erased rows on its later pages', async () => {
    const world = await worldWithPolicy('erase');
    const people = [];
    for (let i = 0; i < 4; i++) people.push(await participantWithAnswers(world));
    await store.grantRowExport(world.admin, { project_id: world.projectId, staff_id: world.researcher.staffId });
    const start = await store.beginRowExport(world.researcher, { project_id: world.projectId, survey_key: 'pagaende' });
    const first: RowExportPage = await store.rowExportPage(world.researcher, {
      export_id: start.export_id,
      after: null,
      limit: 1,
    });
    expect(first.rows).toHaveLength(1);
    // Everyone after the first page withdraws but one.
    const later = people.filter((p) => p.responseId !== first.rows[0]!.response_id);
    for (const p of later.slice(1)) await store.withdrawConsent(p.who);
    const rest: RowExportPage = await store.rowExportPage(world.researcher, {
      export_id: start.export_id,
      after: first.next,
      limit: 100,
    });
    expect(rest.rows.map((r) => r.response_id)).toEqual([later[0]!.responseId]);
  });

  it('keep: answers stay and count, nothing more is collected, and every way back in is refused', async () => {
    const world = await worldWithPolicy('keep');
    const { who, responseId } = await participantWithAnswers(world);
    expect(await store.withdrawConsent(who)).toEqual({ withdrawn: true, created: true, policy: 'keep', erased: 0 });
    const rows = await rowsOf(who.participantId, [responseId]);
    expect(rows['public.responses.participant_id']).toBe(1);
    // Answers not yet sent are never kept; the short code has nothing left to open.
    expect(rows['public.drafts.participant_id']).toBe(0);
    expect(rows['public.short_codes.participant_id']).toBe(0);
    expect((await withdrawAudit(who.participantId))[0]!.details).toEqual({
      policy: 'keep',
      erased_responses: 0,
      discarded_drafts: 1,
      link_id: who.linkId,
      link_minted_by: world.coach.staffId,
      link_via: 'link',
    });
    await countersMatchRecount(world.projectId);

    // The session shows the withdrawal, with no draft.
    expect(await store.participantSession(who)).toMatchObject({
      consent: 'withdrawn',
      status: 'withdrawn',
      draft: null,
      project: { withdrawal_policy: 'keep' },
    });
    const wai = { ...who, survey: 'wai', occasion: 'start' as const };
    expect(await code(store.saveDraft(wai, { definition_id: waiId, answers: {}, page: 0 }))).toBe('CONSENT_WITHDRAWN');
    expect(await code(store.submitResponse(wai, { id: crypto.randomUUID(), definition_id: waiId, answers: {} }))).toBe(
      'CONSENT_WITHDRAWN',
    );
    // A retry with the client uuid of the kept response is refused too, and changes nothing.
    expect(
      await code(
        store.submitResponse(who, {
          id: responseId,
          definition_id: pagaendeId,
          answers: pagaendeAnswers(4, { mer_redo: 2 }),
        }),
      ),
    ).toBe('CONSENT_WITHDRAWN');
    const consentDef = (await store.publishedDefinition(who, 'samtycke-forskning'))!.id;
    expect(
      await code(store.giveConsent(who, { definition_id: consentDef, answers: { samtycker: true }, method: 'self' })),
    ).toBe('CONSENT_WITHDRAWN');
    expect(await code(store.participantForLink(world.coach, who.participantId))).toBe('CONSENT_WITHDRAWN');
    expect(
      await code(
        store.createShortCode(world.coach, {
          participant_id: who.participantId,
          survey: 'wai',
          occasion: 'start',
          code_hash: 'a'.repeat(64),
          ttl_minutes: 30,
        }),
      ),
    ).toBe('CONSENT_WITHDRAWN');
    // Withdrawing again changes nothing and is not logged twice.
    expect(await store.withdrawConsent(who)).toEqual({ withdrawn: true, created: false, policy: 'keep', erased: 0 });
    expect(await withdrawAudit(who.participantId)).toHaveLength(1);
    expect(
      await db.query('select count(*)::int as n from public.responses where participant_id = $1', [who.participantId]),
    ).toEqual([{ n: 1 }]);
    expect(
      await db.query('select count(*)::int as n from public.drafts where participant_id = $1', [who.participantId]),
    ).toEqual([{ n: 0 }]);
  });

  it('the policy is applied as it stands at the withdrawal, and only keep or erase can be stored', async () => {
    const world = await worldWithPolicy('keep');
    const kept = await participantWithAnswers(world);
    await store.withdrawConsent(kept.who);
    await store.adminUpdateProject(world.admin, {
      project_id: world.projectId,
      settings: { withdrawalPolicy: 'erase' },
    });
    const erased = await participantWithAnswers(world);
    await store.withdrawConsent(erased.who);
    expect(
      await db.query('select participant_id::text from public.responses where participant_id = any ($1::uuid[])', [
        [kept.who.participantId, erased.who.participantId],
      ]),
    ).toEqual([{ participant_id: kept.who.participantId }]);
    const changes = await db.query<{ details: unknown }>(
      `select details from public.audit_log where action = 'project.updated' and project_id = $1 order by id`,
      [world.projectId],
    );
    expect(changes.map((c) => c.details)).toEqual([
      { fields: ['settings.withdrawalPolicy'] },
      { fields: ['settings.withdrawalPolicy'] },
    ]);
    expect(
      await code(
        db.query(`update public.projects set settings = settings || '{"withdrawalPolicy": "forget"}' where id = $1`, [
          world.projectId,
        ]),
      ),
    ).toBe('23514');
  });

  it.runIf(concurrentEngine(engine))(
    'a draft autosave or a submission racing the withdrawal waits for it and is refused; nothing outlives it',
    async () => {
      const world = await worldWithPolicy('erase');
      const { who } = await participantWithAnswers(world);
      const { role, claims } = principalClaims(who);
      const wai = { ...who, survey: 'wai', occasion: 'start' as const };
      let save!: Promise<string>;
      let submit!: Promise<string>;
      await db.transaction(async (tx) => {
        await tx.query('select app.call_as($1, $2, $3, $4::text::jsonb)', [
          JSON.stringify(claims),
          role,
          'withdraw_consent',
          '{}',
        ]);
        save = code(store.saveDraft(wai, { definition_id: waiId, answers: { wai_1: 3 }, page: 0 }));
        submit = code(store.submitResponse(wai, { id: crypto.randomUUID(), definition_id: waiId, answers: {} }));
        expect(await settledWithin(save, 300)).toBe(false); // blocked on the participant row
        expect(await settledWithin(submit, 300)).toBe(false);
      });
      expect(await save).toBe('CONSENT_WITHDRAWN');
      expect(await submit).toBe('CONSENT_WITHDRAWN');
      for (const [key, n] of Object.entries(await rowsOf(who.participantId, []))) {
        if (!TRACE_TABLES.some((t) => key.startsWith(`${t}.`))) expect(n, key).toBe(0);
      }
      await countersMatchRecount(world.projectId);
    },
  );

  it.runIf(concurrentEngine(engine))(
    'a withdrawal racing a submission waits for it and then erases it too',
    async () => {
      const world = await worldWithPolicy('erase');
      const who = await enrolWithConsent(store, world);
      const { role, claims } = principalClaims(who);
      const id = crypto.randomUUID();
      let withdraw!: Promise<unknown>;
      await db.transaction(async (tx) => {
        await tx.query('select app.call_as($1, $2, $3, $4::text::jsonb)', [
          JSON.stringify(claims),
          role,
          'submit_response',
          JSON.stringify({ id, definition_id: pagaendeId, answers: pagaendeAnswers(5) }),
        ]);
        withdraw = store.withdrawConsent(who);
        expect(await settledWithin(withdraw, 300)).toBe(false);
      });
      expect(await withdraw).toMatchObject({ policy: 'erase', erased: 1 });
      expect(await db.query('select 1 from public.responses where id = $1', [id])).toEqual([]);
      await countersMatchRecount(world.projectId);
    },
  );
});
