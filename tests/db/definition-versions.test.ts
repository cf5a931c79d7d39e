import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqlExecutor } from '../../src/store/executor.ts';
import type { RpcStore } from '../../src/store/rpc-store.ts';
import { engines, openTestDatabase } from '../support/db.ts';
import { publishNextVersion } from '../support/definitions.ts';
import { createWorld, enrol, type World } from '../support/fixtures.ts';

describe.each(engines)('definition_versions on %s', (engine) => {
  let db: SqlExecutor;
  let store: RpcStore;
  let world: World;
  // A key of its own: the PostgreSQL test database is shared by every test file.
  const key = `x-${crypto.randomUUID().slice(0, 8)}`;

  beforeAll(async () => {
    ({ db, store } = await openTestDatabase(engine));
    world = await createWorld(store);
    const meta = (version: number) => ({
      key,
      version,
      kind: 'survey' as const,
      title: { sv: `v${version}`, en: `v${version}` },
      occasions: ['pagaende' as const],
      scored: [],
      freeText: [],
    });
    // Version 1 from the library (the organisation adopts a new key at once); 2 and 3 are the
    // organisation's own.
    const v1 = await store.seedDefinition({
      key,
      version: 1,
      kind: 'survey',
      json: { elements: [{ type: 'text', name: 'q1' }] },
      meta: meta(1),
    });
    const [own] = await db.query<{ id: string }>(
      'select d.id from public.survey_definitions d join public.projects pr on pr.organisation_id = d.organisation_id where pr.id = $1 and d.adopted_from = $2',
      [world.projectId, v1.id],
    );
    let from = own!.id;
    for (const version of [2, 3]) {
      from = await publishNextVersion(store, world.admin, from, () => ({
        elements: [{ type: 'text', name: `q${version}` }],
      }));
    }
    // Version 3 retired; a draft version 4 is never listed.
    await db.query(`update public.survey_definitions set status = 'retired' where id = $1`, [from]);
    await db.query(
      `insert into public.survey_definitions (organisation_id, key, version, kind, json, meta)
       select organisation_id, $1, 4, 'survey', '{}', '{}' from public.projects where id = $2`,
      [key, world.projectId],
    );
  });
  afterAll(() => db.close());

  it('lists published and retired versions, newest first, for researchers and admins', async () => {
    const versions = await store.definitionVersions(world.researcher, key);
    expect(versions.map((v) => [v.version, v.status])).toEqual([
      [3, 'retired'],
      [2, 'published'],
      [1, 'published'],
    ]);
    expect(versions[1]).toMatchObject({
      key,
      kind: 'survey',
      json: { elements: [{ name: 'q2' }] },
      meta: { version: 2 },
    });
    // The organisation's definitions: a researcher of another project of it sees the same list.
    expect((await store.definitionVersions(world.otherResearcher, key)).map((v) => v.version)).toEqual([3, 2, 1]);
    expect((await store.definitionVersions(world.admin, key)).length).toBe(3);
    // A researcher of another organisation sees only that organisation's series (the library's version 1).
    const stranger = await createWorld(store);
    const theirs = await store.definitionVersions(stranger.researcher, key);
    expect(theirs.map((v) => [v.version, v.json])).toEqual([[1, { elements: [{ type: 'text', name: 'q1' }] }]]);
  });

  it('is "not found" for coaches and participants; anonymous callers may not call it at all', async () => {
    for (const who of [world.coach, world.otherCoach, await enrol(store, world)]) {
      await expect(store.definitionVersions(who, key)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    }
    await expect(store.definitionVersions({ kind: 'anonymous' }, key)).rejects.toMatchObject({ code: '42501' });
  });
});
