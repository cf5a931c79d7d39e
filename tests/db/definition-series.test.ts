/**
 * The series rule of the publish page (src/surveys/definition-series.ts) against the research SQL
 * it restates: the identity expression is read from the migration itself
 * (app.selection_series_stats) and evaluated by the database for the same versions, so a change to
 * either side that makes them disagree fails here.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqlExecutor } from '../../src/store/executor.ts';
import { itemSeries, jsonEqual } from '../../src/surveys/definition-series.ts';
import { engines, openTestDatabase } from '../support/db.ts';
import { questionIn, shippedDefinition, type DefinitionFileJson } from '../support/definitions.ts';

const migration = readFileSync(
  new URL('../../supabase/migrations/20261122001400_research_aggregates.sql', import.meta.url),
  'utf8',
);
/** The SQL's identity of an item, and the lookup of its question, exactly as the migration writes them. */
const identity = /(jsonb_build_object\('name', x\.s ->> 'name'[\s\S]*?\)) as identity/.exec(migration)![1]!;
const lookup = /(left join lateral \(select jsonb_path_query_first[\s\S]*?\) e on true)/.exec(migration)![1]!;

/** Scored item -> whether the database finds an identical item in `earlier`. */
async function sqlContinues(db: SqlExecutor, draft: DefinitionFileJson, earlier: DefinitionFileJson) {
  const rows = await db.query<{ item: string; continues: boolean }>(
    `with defs(side, json, meta) as (values ('draft', $1::text::jsonb, $2::text::jsonb), ('earlier', $3::text::jsonb, $4::text::jsonb)),
     items as (
       select d.side, x.s ->> 'name' as item, ${identity} as identity
       from defs d cross join lateral jsonb_array_elements(d.meta -> 'scored') with ordinality x(s, ord)
       ${lookup}
     )
     select a.item, exists (select 1 from items b where b.side = 'earlier' and b.identity = a.identity) as continues
     from items a where a.side = 'draft' order by a.item`,
    [draft.survey, draft.meta, earlier.survey, earlier.meta].map((v) => JSON.stringify(v)),
  );
  return Object.fromEntries(rows.map((r) => [r.item, r.continues]));
}

function tsContinues(draft: DefinitionFileJson, earlier: DefinitionFileJson) {
  const side = (f: DefinitionFileJson) => ({ version: 1, json: f.survey, meta: f.meta as Record<string, unknown> });
  return Object.fromEntries(itemSeries(side(draft), [side(earlier)]).map((s) => [s.name, s.continues.length > 0]));
}

/** Drafts of Pågående changed in ways that do and do not break a series. */
const CHANGES: [string, (f: DefinitionFileJson) => void][] = [
  ['nothing', () => undefined],
  ['an English title', (f) => void (questionIn(f, 'stod_till_hjalp').title.en = 'My coach helped me.')],
  ['a choice text', (f) => void (questionIn(f, 'paverka_plan').choices[0]!.text.sv = '1 – Aldrig')],
  ['the scale', (f) => void (f.meta.scored.find((s) => s.name === 'mer_redo')!.max = 7)],
  [
    'a description and required',
    (f) => Object.assign(questionIn(f, 'tid_som_behovs'), { description: 'Ny', isRequired: false }),
  ],
  [
    'key order of a title and of choices',
    (f) => {
      const q = questionIn(f, 'stod_kontakter');
      q.title = { en: q.title.en!, sv: q.title.sv! };
      q.choices = q.choices.map((c) => ({ text: c.text, value: c.value }));
    },
  ],
  ['choices in another order', (f) => void questionIn(f, 'erfarenhet_tillvara').choices.reverse()],
  ['a rateValues property added', (f) => Object.assign(questionIn(f, 'hantera_situation'), { rateValues: [] })],
];

describe.each(engines.filter((e) => e !== 'supabase'))('series rule = the research SQL on %s', (engine) => {
  let db: SqlExecutor;
  beforeAll(async () => {
    ({ db } = await openTestDatabase(engine));
  });
  afterAll(() => db.close());

  it.each(CHANGES)('a draft changing %s: the same items continue in TypeScript and in SQL', async (_name, change) => {
    const earlier = shippedDefinition('pagaende');
    const draft = shippedDefinition('pagaende');
    change(draft);
    expect(tsContinues(draft, earlier)).toEqual(await sqlContinues(db, draft, earlier));
  });

  it('jsonEqual is jsonb equality', async () => {
    const pairs: [unknown, unknown][] = [
      [
        { a: 1, b: 2 },
        { b: 2, a: 1 },
      ],
      [
        [1, 2],
        [2, 1],
      ],
      [1, 1.0],
      [{ a: null }, {}],
      [{ a: [1, { b: 'x' }] }, { a: [1, { b: 'x' }] }],
      ['1', 1],
      [{ sv: 'å' }, { sv: 'a\u030a' }],
    ];
    for (const [a, b] of pairs) {
      const [row] = await db.query<{ eq: boolean }>('select $1::text::jsonb = $2::text::jsonb as eq', [
        JSON.stringify(a),
        JSON.stringify(b),
      ]);
      expect(jsonEqual(a, b), `${JSON.stringify(a)} vs ${JSON.stringify(b)}`).toBe(row!.eq);
    }
  });
});
