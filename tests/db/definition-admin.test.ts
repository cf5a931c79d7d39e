import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqlExecutor } from '../../src/store/executor.ts';
import type { RpcStore } from '../../src/store/rpc-store.ts';
import type { DefinitionMeta } from '../../src/surveys/definition.ts';
import { sqlAs } from '../support/as-role.ts';
import { engines, openTestDatabase } from '../support/db.ts';
import { shippedDefinition } from '../support/definitions.ts';
import { createWorld, enrolWithConsent, pagaendeAnswers, type World } from '../support/fixtures.ts';

describe.each(engines)('definition admin on %s', (engine) => {
  let db: SqlExecutor;
  let store: RpcStore;
  let world: World;
  // A key of its own (a copy of Pågående): the PostgreSQL test database is shared, and
  // publishing a new Pågående there would change what other test files answer.
  const key = `t-${crypto.randomUUID().slice(0, 8)}`;
  const file = shippedDefinition('pagaende');
  const meta = { ...file.meta, key } as DefinitionMeta;
  let v1: string;

  const auditOf = (id: string) =>
    db.query<{ action: string; actor_kind: string; actor_id: string | null; details: Record<string, unknown> }>(
      'select action, actor_kind, actor_id, details from public.audit_log where target_type = $1 and target_id = $2 order by id',
      ['survey_definition', id],
    );

  beforeAll(async () => {
    ({ db, store } = await openTestDatabase(engine));
    world = await createWorld(store);
    const imported = await store.importDefinition(world.admin, { json: file.survey, meta });
    expect(imported).toMatchObject({ key, version: 1, status: 'draft', base_id: null });
    v1 = imported.id;
    await store.publishDefinition(world.admin, {
      id: v1,
      json: imported.json,
      meta: imported.meta as Record<string, unknown>,
      confirmations: [],
    });
  });
  afterAll(() => db.close());

  it("the organisation's admins see the history of its definitions in the audit log; others do not", async () => {
    const rows = (await store.auditLog(world.admin, { action: 'definition.', limit: 200 })).rows;
    expect(rows.some((r) => r.target_id === v1 && r.action === 'definition.published')).toBe(true);
    // An admin of another organisation sees none of it.
    const other = await createWorld(store);
    const otherRows = (await store.auditLog(other.admin, { action: 'definition.', limit: 1000 })).rows;
    expect(otherRows.some((r) => r.target_id === v1)).toBe(false);
    const coachRows = await store.auditLog(other.coach, { action: 'definition.', limit: 200 }).then(
      (r) => r.rows,
      () => [],
    );
    expect(coachRows.some((r) => r.target_id === v1)).toBe(false);
  });

  it('coaches, researchers, participants and anonymous callers cannot manage definitions', async () => {
    const participant = await enrolWithConsent(store, world);
    for (const who of [world.coach, world.researcher, world.otherResearcher, participant]) {
      await expect(store.definitionList(who)).rejects.toMatchObject({ code: 'NOT_FOUND' });
      await expect(store.definitionGet(who, v1)).rejects.toMatchObject({ code: 'NOT_FOUND' });
      await expect(store.createDefinitionDraft(who, v1)).rejects.toMatchObject({ code: 'NOT_FOUND' });
      await expect(store.retireDefinition(who, v1)).rejects.toMatchObject({ code: 'NOT_FOUND' });
      await expect(
        store.importDefinition(who, { json: file.survey, meta: { ...meta, key: `${key}-x` } }),
      ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    }
    await expect(store.definitionList({ kind: 'anonymous' })).rejects.toMatchObject({ code: '42501' });
  });

  it('draft → save → publish: the new version is what new sessions get; the old one is immutable', async () => {
    const draft = await store.createDefinitionDraft(world.admin, v1);
    expect(draft).toMatchObject({ key, version: 2, status: 'draft', created: true, base_id: v1, meta: { version: 2 } });
    // One draft per key: asking again opens the same draft.
    expect(await store.createDefinitionDraft(world.admin, v1)).toMatchObject({ id: draft.id, created: false });
    const json = { ...draft.json, title: { sv: 'Ny titel', en: 'New title' } };
    const saved = await store.saveDefinitionDraft(world.admin, {
      id: draft.id,
      json,
      meta: { ...draft.meta, version: 99, key: 'hijack' },
    });
    expect(saved.meta).toMatchObject({ key, version: 2 });
    // The editor saves after each pause in typing: the log gets one row per person and half hour.
    for (const n of [1, 2, 3])
      await store.saveDefinitionDraft(world.admin, { id: draft.id, json: { ...json, n }, meta: saved.meta });
    await store.saveDefinitionDraft(world.admin, { id: draft.id, json, meta: saved.meta });
    expect((await auditOf(draft.id)).filter((a) => a.action === 'definition.draft_saved')).toHaveLength(1);
    await expect(
      store.publishDefinition(world.admin, {
        id: draft.id,
        json: draft.json,
        meta: saved.meta as Record<string, unknown>,
        confirmations: [],
      }),
    ).rejects.toMatchObject({ code: 'DRAFT_CHANGED' });
    const published = await store.publishDefinition(world.admin, {
      id: draft.id,
      json,
      meta: saved.meta as Record<string, unknown>,
      confirmations: ['rescaled:x'],
    });
    expect(published).toMatchObject({ status: 'published', version: 2 });
    expect(published.published_at).toBeTruthy();

    const participant = await enrolWithConsent(store, world);
    expect(await store.publishedDefinition(participant, key)).toMatchObject({ id: draft.id, version: 2 });
    await expect(store.saveDefinitionDraft(world.admin, { id: draft.id, json: {}, meta: {} })).rejects.toMatchObject({
      code: 'DEFINITION_IMMUTABLE',
    });
    await expect(
      store.publishDefinition(world.admin, {
        id: draft.id,
        json,
        meta: saved.meta as Record<string, unknown>,
        confirmations: [],
      }),
    ).rejects.toMatchObject({ code: 'DEFINITION_IMMUTABLE' });
    // Even the table owner cannot change or delete a published version.
    await expect(
      db.query(`update public.survey_definitions set json = '{}' where id = $1`, [draft.id]),
    ).rejects.toMatchObject({ message: 'DEFINITION_IMMUTABLE' });
    await expect(db.query('delete from public.survey_definitions where id = $1', [v1])).rejects.toMatchObject({
      message: 'DEFINITION_IMMUTABLE',
    });

    const actions = (await auditOf(draft.id)).map((a) => a.action);
    expect(actions).toEqual(['definition.draft_created', 'definition.draft_saved', 'definition.published']);
    const publishRow = (await auditOf(draft.id))[2]!;
    expect(publishRow).toMatchObject({
      actor_kind: 'staff',
      actor_id: world.admin.staffId,
      details: { key, version: 2, confirmations: ['rescaled:x'] },
    });
    expect((await auditOf(v1)).map((a) => a.action)).toEqual(['definition.imported', 'definition.published']);
  });

  it('a response submitted to v1 stays pinned to v1; the list counts it per version', async () => {
    const who = { ...(await enrolWithConsent(store, world)), survey: key };
    const response = await store.submitResponse(who, {
      id: crypto.randomUUID(),
      definition_id: v1,
      answers: pagaendeAnswers(4),
    });
    expect(response.created).toBe(true);
    const [row] = await db.query<{ definition_id: string }>(
      'select definition_id from public.responses where id = $1',
      [response.id],
    );
    expect(row!.definition_id).toBe(v1);
    const entry = (await store.definitionList(world.admin)).find((e) => e.key === key)!;
    expect(entry.versions.map((v) => [v.version, v.status, v.responses])).toEqual([
      [2, 'published', 0],
      [1, 'published', 1],
    ]);
  });

  it('unlocking wording needs a reason, belongs to one draft and is audited', async () => {
    const draft = await store.createDefinitionDraft(world.admin, v1);
    expect(draft.version).toBe(3);
    await expect(store.unlockDefinitionWording(world.admin, { id: draft.id, reason: ' ' })).rejects.toMatchObject({
      code: 'UNLOCK_REASON_REQUIRED',
    });
    await expect(
      store.unlockDefinitionWording(world.admin, { id: v1, reason: 'Ny licensierad text' }),
    ).rejects.toMatchObject({ code: 'DEFINITION_IMMUTABLE' });
    const unlocked = await store.unlockDefinitionWording(world.admin, {
      id: draft.id,
      reason: 'Ny licensierad text från NNS',
    });
    expect(unlocked.wording_unlock).toMatchObject({ by: world.admin.staffId, reason: 'Ny licensierad text från NNS' });
    const rows = await auditOf(draft.id);
    expect(rows.at(-1)).toMatchObject({
      action: 'definition.unlocked',
      details: { reason: 'Ny licensierad text från NNS', version: 3 },
    });
    // Published as it is, then the next draft starts locked again.
    await store.publishDefinition(world.admin, {
      id: draft.id,
      json: draft.json,
      meta: draft.meta as Record<string, unknown>,
      confirmations: [],
    });
    const next = await store.createDefinitionDraft(world.admin, draft.id);
    expect(next).toMatchObject({ version: 4, wording_unlock: null });
    // Import is refused while the key has a draft.
    await expect(store.importDefinition(world.admin, { json: file.survey, meta })).rejects.toMatchObject({
      code: 'DRAFT_EXISTS',
    });
  });

  it('retiring the newest version makes the previous one current; retiring all leaves none', async () => {
    const participant = { ...(await enrolWithConsent(store, world)), survey: key };
    const versions = (await store.definitionList(world.admin))
      .find((e) => e.key === key)!
      .versions.filter((v) => v.status === 'published');
    expect(versions.map((v) => v.version)).toEqual([3, 2, 1]);
    await store.retireDefinition(world.admin, versions[0]!.id);
    expect((await store.publishedDefinition(participant, key))!.version).toBe(2);
    // The open draft (v4) is now compared with v2, the newest published version, not retired v3.
    const draft = (await store.definitionList(world.admin))
      .find((e) => e.key === key)!
      .versions.find((v) => v.status === 'draft')!;
    expect((await store.definitionGet(world.admin, draft.id)).base_id).toBe(versions[1]!.id);
    await expect(store.retireDefinition(world.admin, versions[0]!.id)).rejects.toMatchObject({
      code: 'DEFINITION_NOT_PUBLISHED',
    });
    for (const v of versions.slice(1)) await store.retireDefinition(world.admin, v.id);
    expect(await store.publishedDefinition(participant, key)).toBeNull();
    // The response given to v1 is still there, pinned to v1.
    expect((await db.query('select 1 from public.responses where definition_id = $1', [v1])).length).toBe(1);
    expect((await auditOf(v1)).at(-1)).toMatchObject({ action: 'definition.retired', actor_kind: 'staff' });
  });

  it('the audit log still refuses UPDATE and DELETE, also for admins', async () => {
    for (const sql of [
      'update public.audit_log set action = $1 where target_id = $2',
      'delete from public.audit_log where action = $1 and target_id = $2',
    ]) {
      const res = await sqlAs(db, world.admin, sql, ['definition.published', v1]);
      expect(res).toEqual({ error: '42501' });
    }
  });
});
