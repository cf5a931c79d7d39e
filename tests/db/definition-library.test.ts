import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqlExecutor } from '../../src/store/executor.ts';
import type { RpcStore } from '../../src/store/rpc-store.ts';
import { engines, openTestDatabase } from '../support/db.ts';
import { createWorld, type World } from '../support/fixtures.ts';

/**
 * The library (definitions without an organisation) and adoption: a new organisation starts with
 * the newest library version of every key; a new key reaches every organisation at once; a newer
 * version of a key an organisation has reaches it only when one of its admins adopts it (a draft,
 * published like any other), audited both times.
 */
describe.each(engines)('definition library on %s', (engine) => {
  let db: SqlExecutor;
  let store: RpcStore;
  let early: World;
  // A key of its own: the PostgreSQL test database is shared by every test file.
  const key = `lib-${crypto.randomUUID().slice(0, 8)}`;
  const seed = (version: number) =>
    store.seedDefinition({
      key,
      version,
      kind: 'survey',
      json: { elements: [{ type: 'text', name: `q${version}` }] },
      meta: {
        key,
        version,
        kind: 'survey',
        title: { sv: `v${version}`, en: `v${version}` },
        occasions: ['pagaende'],
        scored: [],
        freeText: [],
      },
    });

  beforeAll(async () => {
    ({ db, store } = await openTestDatabase(engine));
    early = await createWorld(store);
  });
  afterAll(() => db.close());

  it('a new key reaches existing organisations; a newer version waits for their admins', async () => {
    const lib1 = await seed(1);
    const own1 = (await store.publishedDefinition(early.admin, key))!;
    expect(own1).toMatchObject({ key, version: 1, json: { elements: [{ name: 'q1' }] } });
    expect(own1.id).not.toBe(lib1.id);
    expect(await store.definitionGet(early.admin, own1.id)).toMatchObject({ library_version: 1 });

    await seed(2);
    expect((await store.publishedDefinition(early.admin, key))!.id).toBe(own1.id);
    const entry = (await store.definitionList(early.admin)).find((e) => e.key === key)!;
    expect(entry).toMatchObject({ library_version: 2, versions: [{ version: 1, library_version: 1 }] });

    // A later organisation starts with the newest library version.
    const late = await createWorld(store);
    expect(await store.publishedDefinition(late.admin, key)).toMatchObject({
      version: 1,
      json: { elements: [{ name: 'q2' }] },
    });

    // Only admins adopt; the adoption is a draft of the organisation's own series.
    await expect(store.adoptLibraryDefinition(early.coach, { key })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const draft = await store.adoptLibraryDefinition(early.admin, { key });
    expect(draft).toMatchObject({ key, version: 2, status: 'draft', library_version: 2, base_id: own1.id });
    await expect(store.adoptLibraryDefinition(early.admin, { key })).rejects.toMatchObject({ code: 'DRAFT_EXISTS' });
    await expect(store.adoptLibraryDefinition(early.admin, { key: 'finns-inte' })).rejects.toMatchObject({
      code: 'DEFINITION_NOT_FOUND',
    });
    await store.publishDefinition(early.admin, {
      id: draft.id,
      json: draft.json,
      meta: draft.meta as never,
      confirmations: [],
    });
    expect(await store.publishedDefinition(early.coach, key, early.projectId)).toMatchObject({
      id: draft.id,
      version: 2,
      json: { elements: [{ name: 'q2' }] },
    });
    const audit = await db.query<{ action: string; library_version: number }>(
      `select action, (details ->> 'library_version')::int as library_version from public.audit_log
       where target_type = 'survey_definition' and target_id = $1 order by id`,
      [draft.id],
    );
    expect(audit).toEqual([
      { action: 'definition.adopted', library_version: 2 },
      { action: 'definition.published', library_version: 2 },
    ]);
    expect((await store.libraryDefinitions()).filter((d) => d.key === key).map((d) => d.version)).toEqual([2, 1]);
  });

  it('the library holds published versions only, and a key keeps its kind', async () => {
    await expect(
      db.query(
        `insert into public.survey_definitions (key, version, kind, json, meta) values ($1, 9, 'survey', '{}', '{}')`,
        [key],
      ),
    ).rejects.toMatchObject({ code: '23514' });
    await expect(
      store.seedDefinition({
        key,
        version: 3,
        kind: 'consent',
        json: {},
        meta: {} as never,
      }),
    ).rejects.toMatchObject({ code: 'DEFINITION_INVALID' });
  });
});
