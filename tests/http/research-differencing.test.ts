import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqlExecutor } from '../../src/store/executor.ts';
import type { RpcStore } from '../../src/store/rpc-store.ts';
import type { AggregateReport, ItemAggregate } from '../../src/store/store.ts';
import { loginCookie, testApp } from '../support/app.ts';
import { openTestDatabase } from '../support/db.ts';
import { insertRows, planRows, quarterLabel } from '../support/differencing-data.ts';
import { createWorld, type World } from '../support/fixtures.ts';

type App = ReturnType<typeof testApp>['app'];

/**
 * The differencing guarantee over HTTP: no parameter exists beyond those the proof in
 * tests/db/research-differencing.test.ts enumerates (unknown or repeated ones are refused, not
 * ignored), and the JSON, the CSV and the printable report publish the same numbers.
 */
describe('HTTP: research differencing (parameters, JSON = CSV = report)', () => {
  let db: SqlExecutor;
  let store: RpcStore;
  let world: World;
  let app: App;
  let cookie: string;
  const projects: Record<string, string> = {};

  beforeAll(async () => {
    ({ db, store } = await openTestDatabase('pglite'));
    world = await createWorld(store);
    ({ app } = testApp(store));
    projects.A = world.projectId;
    projects.B = world.otherProjectId;
    const [{ organisation_id } = { organisation_id: '' }] = await db.query<{ organisation_id: string }>(
      'select organisation_id from public.projects where id = $1',
      [world.projectId],
    );
    projects.C = (
      await store.createProject({
        organisation_id,
        name: 'Projekt C',
        min_group_size: 4,
      })
    ).project_id;
    await db.query(`update public.projects set min_group_size = 3 where id = $1`, [projects.B]);
    for (const k of ['B', 'C'])
      await db.query(`insert into public.memberships (project_id, staff_id, role) values ($1, $2, 'researcher')`, [
        projects[k],
        world.researcher.staffId,
      ]);
    // The adversarial rows of version 1 at Pågående, into the shipped Pågående survey (items 1–3).
    const [def] = await db.query<{ id: string }>(
      `select d.id from public.survey_definitions d join public.projects pr on pr.organisation_id = d.organisation_id
       where pr.id = $1 and d.key = 'pagaende' and d.status = 'published'`,
      [world.projectId],
    );
    await insertRows(
      db,
      planRows().filter((r) => r.version === 1 && r.occasion === 'pagaende'),
      projects,
      { 1: def!.id },
      'pagaende',
    );
    cookie = await loginCookie(app, world.emails.researcher);
  }, 60_000);
  afterAll(() => db.close());

  const get = (path: string) => app.request(path, { headers: { cookie, 'accept-language': 'sv' } });
  const base = () => `project=${projects.A}&survey=pagaende`;

  it('refuses unknown and repeated parameters on every research route instead of ignoring them', async () => {
    const routes = ['/api/research/aggregates', '/api/research/aggregates.csv', '/research', '/research/report'];
    const extras = [
      'participant=1',
      'item=stod_till_hjalp',
      'min_group_size=1',
      'quarter=2024-Q2',
      `project_id=${projects.B}`,
      'segment=1',
      'from=2024-Q1&from=2024-Q2',
      'to=2025-Q4&to=2024-Q2',
      'survey=avslut',
      'version=1&version=2',
      'occasion=pagaende&occasion=start',
      'sep=comma&sep=semicolon',
      'lang=de',
    ];
    let checked = 0;
    for (const route of routes) {
      for (const extra of extras) {
        const res = await get(`${route}?${base()}&${extra}`);
        expect(res.status, `${route} ${extra}`).toBe(400);
        checked++;
      }
      // The language switch and the known parameters pass.
      const ok = await get(
        `${route}?${base()}&from=2024-Q1&to=2025-Q4&version=1&occasion=pagaende&sep=semicolon&lang=en`,
      );
      expect(ok.status, route).toBe(200);
    }
    for (const route of ['/api/research/outcomes', '/api/research/outcomes.csv']) {
      // The period (from/to) is accepted since issue 17; repeated, it is refused like any other.
      for (const extra of ['from=2024-Q1&from=2024-Q2', 'survey=pagaende', `project=${projects.B}`, 'participant=1']) {
        expect((await get(`${route}?project=${projects.A}&${extra}`)).status, `${route} ${extra}`).toBe(400);
        checked++;
      }
      expect((await get(`${route}?project=${projects.A}&lang=sv`)).status).toBe(200);
    }
    console.info(`[http] ${checked} unknown or repeated parameters refused`);
  });

  const fmt = (n: number | null | undefined, digits = 2) =>
    n === null || n === undefined
      ? '–'
      : n.toLocaleString('sv-SE', { minimumFractionDigits: digits, maximumFractionDigits: digits });
  /** The cells the report's table shows for an item (after its label). */
  const reportCells = (it: ItemAggregate) =>
    it.suppressed
      ? ['För få svar för att visas']
      : it.all_missing
        ? ['0', String(it.missing), 'Alla svarade Vet inte']
        : [
            String(it.n),
            String(it.missing),
            fmt(it.mean),
            fmt(it.sd),
            fmt(it.median, 1),
            `${fmt(it.q1, 1)}–${fmt(it.q3, 1)}`,
            // Every count with its share of n.
            ...['1', '2', '3', '4', '5', '6'].map((v) =>
              it.counts?.[v] === undefined
                ? ''
                : `${it.counts[v]} (${Math.round((100 * it.counts[v]) / it.n!)}\u00a0%)`,
            ),
          ];
  /** One CSV line's fields (quoted fields may hold the separator). */
  function csvFields(line: string): string[] {
    const out: string[] = [];
    let field = '';
    let quoted = false;
    for (let i = 0; i < line.length; i++) {
      const ch = line[i]!;
      if (quoted && ch === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = !quoted;
      else if (ch === ',' && !quoted) {
        out.push(field);
        field = '';
      } else field += ch;
    }
    return [...out, field];
  }
  const text = (html: string) =>
    html
      .replace(/<[^>]+>/g, '')
      .replace(/&#39;/g, "'")
      .replace(/&amp;/g, '&')
      .trim();

  it('the JSON, the CSV and the report publish the same numbers for every project subset and several periods', async () => {
    const subsets = [['A'], ['B'], ['C'], ['A', 'B'], ['A', 'C'], ['B', 'C'], ['A', 'B', 'C']];
    const periods = [{}, { from: 0, to: 3 }, { from: 2 }, { to: 5 }, { from: 4, to: 4 }, { from: 1, to: 6 }] as {
      from?: number;
      to?: number;
    }[];
    let compared = 0;
    for (const subset of subsets) {
      for (const p of periods) {
        const q = [
          ...subset.map((k) => `project=${projects[k]}`),
          'survey=pagaende',
          ...(p.from !== undefined ? [`from=${quarterLabel(p.from)}`] : []),
          ...(p.to !== undefined ? [`to=${quarterLabel(p.to)}`] : []),
        ].join('&');
        const json = (await (await get(`/api/research/aggregates?${q}`)).json()) as AggregateReport;
        const g = json.versions.find((v) => v.occasion === 'pagaende')!;
        const csv = (await (await get(`/api/research/aggregates.csv?${q}`)).text())
          .replace(/^\uFEFF/, '')
          .trim()
          .split('\r\n')
          .map(csvFields);
        const header = csv[0]!;
        const col = (row: string[], name: string) => row[header.indexOf(name)]!;
        const html = await (await get(`/research/report?${q}`)).text();
        const section = html.slice(html.indexOf('data-survey="pagaende"'), html.indexOf('data-survey="avslut"'));
        const where = `${subset.join('+')} ${JSON.stringify(p)}`;
        if (g.suppressed) {
          expect(
            csv.slice(1).map((r) => col(r, 'suppressed')),
            where,
          ).toEqual(['1']);
          expect(section, where).toContain('data-testid="suppressed"');
          continue;
        }
        const rows = [...section.matchAll(/<tr[^>]*><th scope="row">[^<]*<\/th>(.*?)<\/tr>/g)].map((m) =>
          [...m[1]!.matchAll(/<td[^>]*>(.*?)<\/td>/g)].map((c) => text(c[1]!)),
        );
        expect(rows.length, where).toBe(g.items.length);
        g.items.forEach((it, i) => {
          const row = csv.find((r) => col(r, 'item') === it.item)!;
          // A suppressed figure is -997 in the CSV, one that cannot be computed (an item everyone
          // answered "Vet inte") -999 (missing-codes.ts).
          const none = it.suppressed ? '-997' : '-999';
          const num = (x: number | null | undefined) => (x === null || x === undefined ? none : String(x));
          // The JSON carries exact means and SDs; the CSV rounds them once, to 4 decimals.
          const four = (x: number | null | undefined) =>
            x === null || x === undefined ? none : String(Number(x.toFixed(4)));
          expect(
            [
              col(row, 'suppressed'),
              col(row, 'n'),
              col(row, 'missing'),
              col(row, 'mean'),
              col(row, 'sd'),
              col(row, 'median'),
              col(row, 'q1'),
              col(row, 'q3'),
            ],
            `${where} ${it.item}`,
          ).toEqual([
            it.suppressed ? '1' : '0',
            num(it.n),
            num(it.missing),
            four(it.mean),
            four(it.sd),
            num(it.median),
            num(it.q1),
            num(it.q3),
          ]);
          expect(
            ['1', '2', '3', '4', '5', '6'].map((v) => col(row, `count_${v}`)),
            `${where} ${it.item}`,
          ).toEqual(['1', '2', '3', '4', '5', '6'].map((v) => (it.suppressed ? '-997' : String(it.counts?.[v] ?? 0))));
          expect(rows[i], `${where} ${it.item}`).toEqual(reportCells(it));
          compared++;
        });
      }
    }
    console.info(`[http] ${compared} item rows equal in JSON, CSV and report`);
    expect(compared).toBeGreaterThan(50);
  });
});
