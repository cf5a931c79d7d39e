/**
 * Attack: a researcher holding a row-level export grant tries to get gender or age band joined with
 * answers (issue 17: register data is "never shown next to answers"). In a project where every
 * participant has both recorded (the demo data: every category occurs), no figure, aggregate,
 * row-level export, codebook or research page carries them, a filter by them is refused or has no
 * effect, and the participants table stays closed to researchers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoData } from '../../src/setup/demo-data.ts';
import type { SqlExecutor } from '../../src/store/executor.ts';
import type { RpcStore } from '../../src/store/rpc-store.ts';
import { loginCookie, testApp } from '../support/app.ts';
import { sqlAs } from '../support/as-role.ts';
import { openTestDatabase } from '../support/db.ts';
import { createWorld, type World } from '../support/fixtures.ts';

/** What gender and age band look like in any output: column names, codes and labels. */
const MARKERS = [
  /\bgender\b/i,
  /age_band/i,
  /\bkvinna\b/i,
  /vill_inte_ange|vill inte ange/i,
  /16_29|30_49|50_64|65_plus/,
  /16–29|30–49|50–64|65 eller äldre/,
];

const SURVEYS = ['pagaende', 'avslut', 'wai'] as const;

describe('attack: gender and age band joined with answers in research outputs', () => {
  let db: SqlExecutor;
  let store: RpcStore;
  let world: World;
  let app: ReturnType<typeof testApp>['app'];
  let researcher = '';

  beforeAll(async () => {
    ({ db, store } = await openTestDatabase('pglite'));
    world = await createWorld(store);
    await seedDemoData(store, db, world.projectId, { seed: 11 });
    ({ app } = testApp(store));
    await store.grantRowExport(world.admin, {
      project_id: world.projectId,
      staff_id: world.researcher.staffId,
      include_free_text: true,
    });
    researcher = await loginCookie(app, world.emails.researcher);
  }, 180_000);
  afterAll(() => db.close());

  const get = async (path: string) => {
    const res = await app.request(path, { headers: { cookie: researcher } });
    return { status: res.status, text: await res.text() };
  };
  const expectClean = (where: string, text: string) => {
    for (const marker of MARKERS) expect(text, `${where} matches ${marker}`).not.toMatch(marker);
  };

  it('every participant has both recorded, in every category (the attack has something to find)', async () => {
    const rows = await db.query<{ gender: string | null; age_band: string | null }>(
      'select gender, age_band from public.participants where project_id = $1',
      [world.projectId],
    );
    expect(rows.length).toBe(60);
    expect(rows.every((r) => r.gender && r.age_band)).toBe(true);
    expect(new Set(rows.map((r) => r.gender)).size).toBe(4);
    expect(new Set(rows.map((r) => r.age_band)).size).toBe(4);
  });

  it('aggregates, row exports and codebooks (JSON, CSV, JSONL) carry neither', async () => {
    const p = `project=${world.projectId}`;
    for (const survey of SURVEYS) {
      for (const path of [
        `/api/research/aggregates?${p}&survey=${survey}`,
        `/api/research/aggregates.csv?${p}&survey=${survey}`,
        `/api/research/codebook.csv?survey=${survey}`,
        `/api/research/rows.csv?${p}&survey=${survey}`,
        `/api/research/rows.jsonl?${p}&survey=${survey}`,
      ]) {
        const res = await get(path);
        expect(res.status, path).toBe(200);
        expect(res.text.length, path).toBeGreaterThan(100);
        expectClean(path, res.text);
      }
    }
  });

  /**
   * The page without its outcomes sections: those hold the funder's register counts (participants
   * reached by gender, against the target), a table of people, never joined with any answer.
   */
  function withoutRegisterCounts(html: string): string {
    let out = html;
    for (;;) {
      const start = out.indexOf('<section class="outcomes"');
      if (start < 0) return out;
      let depth = 0;
      let i = start;
      for (;;) {
        const open = out.indexOf('<section', i + 1);
        const close = out.indexOf('</section>', i + 1);
        if (open >= 0 && open < close) {
          depth++;
          i = open;
        } else if (depth > 0) {
          depth--;
          i = close;
        } else {
          out = out.slice(0, start) + out.slice(close + '</section>'.length);
          break;
        }
      }
    }
  }

  it('the research pages (figures, report, codebook) carry neither next to answers', async () => {
    for (const survey of SURVEYS) {
      for (const path of [
        `/research?project=${world.projectId}&survey=${survey}`,
        `/research/report?project=${world.projectId}&survey=${survey}`,
        `/research/codebook?survey=${survey}`,
      ]) {
        const res = await get(path);
        expect(res.status, path).toBe(200);
        expectClean(path, withoutRegisterCounts(res.text));
      }
    }
  });

  it('a filter by gender or age band is refused (figures) or has no effect (row export)', async () => {
    for (const extra of ['gender=kvinna', 'age_band=16_29', 'kon=kvinna']) {
      const res = await get(`/api/research/aggregates?project=${world.projectId}&survey=pagaende&${extra}`);
      expect(res.status, extra).toBe(400);
      // Refused as an unknown parameter (the message names it), with no figure in the answer.
      const body = JSON.parse(res.text) as { error: { code: string } };
      expect(Object.keys(body)).toEqual(['error']);
      expect(body.error.code).toBe('VALIDATION_FAILED');
    }
    const all = await get(`/api/research/rows.csv?project=${world.projectId}&survey=pagaende`);
    const filtered = await get(`/api/research/rows.csv?project=${world.projectId}&survey=pagaende&gender=kvinna`);
    const count = (text: string) => text.trimEnd().split('\r\n').length;
    expect(count(filtered.text)).toBe(count(all.text));
    // The SQL functions ignore the field too: the same figures with and without it.
    const plain = await store.itemAggregates(world.researcher, { project_id: world.projectId, survey_key: 'pagaende' });
    const asked = await store.call(world.researcher, 'item_aggregates', {
      project_id: world.projectId,
      survey_key: 'pagaende',
      gender: 'kvinna',
      age_band: '16_29',
    });
    expect(asked).toEqual(plain);
  });

  it('the row export names no such column, and the researcher cannot read the participants table', async () => {
    const begun = await store.beginRowExport(world.researcher, { project_id: world.projectId, survey_key: 'wai' });
    expectClean('begin_row_export', JSON.stringify(begun));
    const page = await store.rowExportPage(world.researcher, { export_id: begun.export_id, limit: 1000 });
    expect(page.rows.length).toBeGreaterThan(10);
    expectClean('row_export_page', JSON.stringify(page));
    expect(await sqlAs(db, world.researcher, 'select gender, age_band from public.participants')).toEqual({
      rows: [],
    });
    expect(
      await sqlAs(db, world.researcher, 'select public.participant_register($1::jsonb)', [
        JSON.stringify({
          participant_id: (
            await db.query<{ id: string }>('select id from public.participants where project_id = $1 limit 1', [
              world.projectId,
            ])
          )[0]!.id,
        }),
      ]),
    ).toEqual({ error: 'EK404' });
  });
});
