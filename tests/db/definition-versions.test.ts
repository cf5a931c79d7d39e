import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqlExecutor } from '../../src/store/executor.ts';
import type { RpcStore } from '../../src/store/rpc-store.ts';
import { engines, openTestDatabase } from '../support/db.ts';
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
    for (const version of [1, 2, 3]) {
      await store.seedDefinition({
        key,
        version,
        kind: 'survey',
        json: { elements: [{ type: 'text', name: `q${version}` }] },
        meta: meta(version),
      });
    }
    // Version 3 retired; a draft version 4 is never listed.
    await db.query(`update public.survey_definitions set status = 'retired' where key = $1 and version = 3`, [key]);
    await db.query(
      `insert into public.survey_definitions (key, version, kind, json, meta) values ($1, 4, 'survey', '{}', '{}')`,
      [key],
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
    // Definitions are shared: a researcher of another project sees the same list.
    expect((await store.definitionVersions(world.otherResearcher, key)).map((v) => v.version)).toEqual([3, 2, 1]);
    expect((await store.definitionVersions(world.admin, key)).length).toBe(3);
  });

  it('is "not found" for coaches and participants; anonymous callers may not call it at all', async () => {
    for (const who of [world.coach, world.otherCoach, await enrol(store, world)]) {
      await expect(store.definitionVersions(who, key)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    }
    await expect(store.definitionVersions({ kind: 'anonymous' }, key)).rejects.toMatchObject({ code: '42501' });
  });
});
