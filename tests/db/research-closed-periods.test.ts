/**
 * Differencing over time (docs/disclosure-control.md, rules 2 and 3): figures include closed
 * quarters only, in segments that never change once formed, so two results asked for at any two
 * moments, under any two period filters, differ by no respondents or by at least the minimum.
 * Moments are simulated by moving the quarter cut-off the figure functions take (p_before); the
 * API passes the first day of the current quarter. Also: answers in the open quarter change
 * nothing, and the reporting minimum never changes a figure.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCode } from '../../src/domain/pseudonym-code.ts';
import type { SqlExecutor } from '../../src/store/executor.ts';
import type { RpcStore } from '../../src/store/rpc-store.ts';
import type { ItemAggregate } from '../../src/store/store.ts';
import { engines, openTestDatabase } from '../support/db.ts';
import { createWorld, enrolWithConsent, pagaendeAnswers, type World } from '../support/fixtures.ts';

const MIN = 5;
const QUARTERS = 10; // 2024-Q1 … 2026-Q2
const quarterDay = (q: number) => `${2024 + Math.floor(q / 4)}-${String((q % 4) * 3 + 1).padStart(2, '0')}-01`;
const midQuarter = (q: number) =>
  `${2024 + Math.floor(q / 4)}-${String((q % 4) * 3 + 2).padStart(2, '0')}-15T12:00:00Z`;

function prng(seed: number) {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
}

interface Result {
  before: number;
  from: number | null;
  to: number | null;
  responses: number;
  items: ItemAggregate[];
}

describe.each(engines)('research figures over time on %s', (engine) => {
  let db: SqlExecutor;
  let store: RpcStore;
  let world: World;
  let definition: string;
  let items: number;

  beforeAll(async () => {
    ({ db, store } = await openTestDatabase(engine));
    world = await createWorld(store, { minGroupSize: MIN });
    const [def] = await db.query<{ id: string; items: number }>(
      `select d.id, jsonb_array_length(d.meta -> 'scored') as items
       from public.survey_definitions d join public.projects pr on pr.organisation_id = d.organisation_id
       where pr.id = $1 and d.key = 'pagaende' and d.status = 'published'`,
      [world.projectId],
    );
    definition = def!.id;
    items = Number(def!.items);
    // 0–4 answers per quarter (often fewer than the minimum), some items left as "Vet inte".
    const rnd = prng(7);
    const data: { id: string; participant: string; code: string; scores: (number | null)[]; at: string }[] = [];
    for (let q = 0; q < QUARTERS; q++) {
      const count = Math.floor(rnd() * 5);
      for (let i = 0; i < count; i++)
        data.push({
          id: crypto.randomUUID(),
          participant: crypto.randomUUID(),
          code: generateCode(),
          scores: Array.from({ length: items }, () => (rnd() < 0.15 ? null : 1 + Math.floor(rnd() * 6))),
          at: midQuarter(q),
        });
    }
    await db.query(
      `insert into public.participants (id, project_id, code)
       select x.participant, $2, x.code from jsonb_to_recordset($1::text::jsonb) as x(participant uuid, code text)`,
      [JSON.stringify(data), world.projectId],
    );
    await db.query(
      `insert into public.responses (id, participant_id, project_id, definition_id, survey_key, occasion, answers, scores, submitted_at)
       select x.id, x.participant, $2, $3, 'pagaende', 'pagaende', '{}'::jsonb, x.scores, x.at
       from jsonb_to_recordset($1::text::jsonb) as x(id uuid, participant uuid, scores smallint[], at timestamptz)`,
      [JSON.stringify(data), world.projectId, definition],
    );
  }, 60_000);
  afterAll(() => db.close());

  /** The figures of one filter as they would be at the start of quarter `before` (superuser: internal functions). */
  async function at(before: number, from: number | null, to: number | null): Promise<Result> {
    const [row] = await db.query<{ sel: { responses: number }; items: ItemAggregate[] }>(
      `select app.selection_responses(array[$1::uuid], $2::uuid, 'pagaende', $3::date, $4::date, $5::date) as sel,
              app.selection_item_stats(array[$1::uuid], $2::uuid, 'pagaende', $3::date, $4::date, $6, $5::date) as items`,
      [
        world.projectId,
        definition,
        from === null ? null : quarterDay(from),
        to === null ? null : quarterDay(to),
        quarterDay(before),
        MIN,
      ],
    );
    return { before, from, to, responses: Number(row!.sel.responses), items: row!.items };
  }

  it('no two results at any two moments, under any two filters, differ by 1…min−1 respondents', async () => {
    const ends = [null, ...Array.from({ length: QUARTERS }, (_, q) => q)];
    const asks: [number, number | null, number | null][] = [];
    for (let before = 1; before <= QUARTERS + 1; before++)
      for (const from of ends)
        for (const to of ends) if (from === null || to === null || from <= to) asks.push([before, from, to]);
    const results: Result[] = [];
    for (let i = 0; i < asks.length; i += 8)
      results.push(...(await Promise.all(asks.slice(i, i + 8).map(([b, f, t]) => at(b, f, t)))));
    const problems: string[] = [];
    const published = (n: number) => (n >= MIN ? n : 0);
    const inside = (a: Result, b: Result) =>
      a.before <= b.before &&
      (b.from === null || (a.from ?? -1) >= b.from) &&
      (b.to === null || (a.to ?? QUARTERS) <= b.to);
    let pairs = 0;
    for (const a of results)
      for (const b of results) {
        if (a === b || !inside(a, b)) continue;
        pairs++;
        const where = `(${a.before},${a.from},${a.to}) ⊂ (${b.before},${b.from},${b.to})`;
        const d = published(b.responses) - published(a.responses);
        if (d !== 0 && d < MIN) problems.push(`${where}: responses differ by ${d}`);
        b.items.forEach((ib, i) => {
          const ia = a.items[i];
          const na = !ia || ia.suppressed ? 0 : ia.n!;
          const nb = ib.suppressed ? 0 : ib.n!;
          if (nb - na !== 0 && nb - na < MIN && nb > 0) problems.push(`${where} ${ib.item}: n differs by ${nb - na}`);
        });
      }
    expect(problems.slice(0, 10), `${problems.length} differences below the minimum`).toEqual([]);
    // The same filter at a later moment never loses what it had: segments never change once formed.
    for (const a of results)
      for (const b of results)
        if (a.from === b.from && a.to === b.to && a.before < b.before && a.responses > b.responses)
          problems.push(`(${a.from},${a.to}) shrank from ${a.responses} to ${b.responses}`);
    expect(problems).toEqual([]);
    expect(results.some((r) => r.responses >= MIN)).toBe(true);
    console.info(`[${engine}] ${results.length} results (moments × filters), ${pairs} nested pairs`);
  }, 240_000);

  it('answers in the open quarter change nothing, and the page says through which day it counts', async () => {
    const ask = () => store.itemAggregates(world.researcher, { project_id: world.projectId, survey_key: 'pagaende' });
    const before = await ask();
    for (let i = 0; i < MIN + 2; i++) {
      const who = await enrolWithConsent(store, world);
      await store.submitResponse(who, {
        id: crypto.randomUUID(),
        definition_id: definition,
        answers: pagaendeAnswers(6),
      });
    }
    const after = await ask();
    expect(after).toEqual(before);
    const [{ today }] = (await db.query<{ today: string }>(
      `select to_char(date_trunc('quarter', now() at time zone 'Europe/Stockholm') - interval '1 day', 'YYYY-MM-DD') as today`,
    )) as [{ today: string }];
    expect(after.closed_through).toBe(today);
  });

  it('the reporting minimum marks groups and items but never changes a figure', async () => {
    const ask = () => store.itemAggregates(world.researcher, { project_id: world.projectId, survey_key: 'pagaende' });
    const strip = (r: Awaited<ReturnType<typeof ask>>) =>
      JSON.stringify(r, (k, v) => (k === 'reporting_minimum' || k === 'below_reporting_minimum' ? undefined : v));
    const base = await ask();
    const group = base.versions.find((v) => !v.suppressed)!;
    expect(group.reporting_minimum).toBe(MIN);
    for (const rm of [3, MIN, 10, 40, 100]) {
      await db.query(
        `update public.projects set settings = settings || jsonb_build_object('reporting_minimums', jsonb_build_object('pagaende:pagaende', $2::int)) where id = $1`,
        [world.projectId, rm],
      );
      const r = await ask();
      expect(strip(r)).toBe(strip(base));
      const g = r.versions.find((v) => v.version === group.version)!;
      // Never below the privacy minimum.
      expect(g.reporting_minimum).toBe(Math.max(rm, MIN));
      expect(g.below_reporting_minimum).toBe(g.responses! < Math.max(rm, MIN));
      for (const it of g.items)
        if (!it.suppressed && !it.all_missing) expect(it.below_reporting_minimum).toBe(it.n! < Math.max(rm, MIN));
    }
  });
});
