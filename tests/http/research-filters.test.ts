import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqlExecutor } from '../../src/store/executor.ts';
import type { RpcStore } from '../../src/store/rpc-store.ts';
import type { AggregateReport } from '../../src/store/store.ts';
import { quarterOptions } from '../../src/research/filter.ts';
import { loginCookie, testApp } from '../support/app.ts';
import { openTestDatabase } from '../support/db.ts';
import { createWorld, enrolWithConsent, pagaendeAnswers, type World } from '../support/fixtures.ts';

type App = ReturnType<typeof testApp>['app'];

describe('HTTP: research filters (projects, period, version, occasion)', () => {
  let db: SqlExecutor;
  let store: RpcStore;
  let world: World;
  let app: App;
  const cookies: Record<string, string> = {};

  /** Six answers in 2025 Q1 and six in Q2 in the world's project; six in Q1 in the other one. */
  beforeAll(async () => {
    ({ db, store } = await openTestDatabase('pglite'));
    world = await createWorld(store);
    ({ app } = testApp(store));
    const other = { ...world, projectId: world.otherProjectId, coach: world.otherCoach };
    for (const [w, value, on] of [
      [world, 3, '2025-02-10'],
      [world, 5, '2025-05-10'],
      [other, 6, '2025-02-10'],
    ] as const) {
      for (let i = 0; i < 6; i++) {
        const who = await enrolWithConsent(store, w);
        const def = await store.publishedDefinition(who, 'pagaende');
        const id = crypto.randomUUID();
        await store.submitResponse(who, { id, definition_id: def!.id, answers: pagaendeAnswers(value) });
        await db.query('update public.responses set submitted_at = $1::timestamptz where id = $2', [
          `${on}T12:00:00+01:00`,
          id,
        ]);
      }
    }
    await db.query(`insert into public.memberships (project_id, staff_id, role) values ($1, $2, 'researcher')`, [
      world.otherProjectId,
      world.researcher.staffId,
    ]);
    cookies.researcher = await loginCookie(app, world.emails.researcher);
    cookies.otherResearcher = await loginCookie(app, world.emails.otherResearcher);
  });
  afterAll(() => db.close());

  const get = (path: string, who = 'researcher') =>
    app.request(path, { headers: { cookie: cookies[who]!, 'accept-language': 'sv' } });
  const json = async (query: string, who = 'researcher') => {
    const res = await get(`/api/research/aggregates?survey=pagaende&${query}`, who);
    expect(res.status, await res.clone().text()).toBe(200);
    return (await res.json()) as AggregateReport;
  };
  const meanOf = (r: AggregateReport) =>
    r.versions.find((v) => v.occasion === 'pagaende')!.items.find((i) => i.item === 'mer_redo')!.mean;

  it('filters by period in whole quarters and says which quarters a result covers', async () => {
    const all = await json(`project=${world.projectId}`);
    expect(all.versions[0]).toMatchObject({ responses: 12, period: { from: '2025-01-01', to: '2025-04-01' } });
    expect(meanOf(all)).toBe(4);
    const q2 = await json(`project=${world.projectId}&from=2025-Q2&to=2025-Q2`);
    expect(q2.versions[0]).toMatchObject({ responses: 6, period: { from: '2025-04-01', to: '2025-04-01' } });
    expect(meanOf(q2)).toBe(5);
    expect(q2.filter).toMatchObject({ from: '2025-04-01', to: '2025-04-01' });
  });

  it('combines several projects the researcher may see', async () => {
    const both = await json(`project=${world.projectId}&project=${world.otherProjectId}&from=2025-Q1&to=2025-Q1`);
    expect(both.versions[0]!.responses).toBe(12);
    expect(meanOf(both)).toBe(4.5);
    expect(both.projects!.map((p) => p.id).sort()).toEqual([world.projectId, world.otherProjectId].sort());
  });

  it('refuses a project the researcher may not see, even next to one they may', async () => {
    const res = await get(
      `/api/research/aggregates?survey=pagaende&project=${world.otherProjectId}&project=${world.projectId}`,
      'otherResearcher',
    );
    expect(res.status).toBe(404);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('PROJECT_NOT_FOUND');
    expect(JSON.stringify(body)).not.toContain('mer_redo');
  });

  it('answers bad filters with 400 and a plain message', async () => {
    for (const q of [
      'from=2025-02',
      'from=2025-Q5',
      'from=2025-Q3&to=2025-Q1',
      'version=0',
      'occasion=later',
      'version=abc',
    ]) {
      const res = await get(`/api/research/aggregates?survey=pagaende&project=${world.projectId}&${q}`);
      expect(res.status, q).toBe(400);
      const body = (await res.json()) as { error: { code: string; message: string } };
      expect(body.error.code, q).toBe('VALIDATION_FAILED');
      expect(body.error.message, q).toMatch(/Uppgifterna har fel form/);
    }
  });

  it('filters by version and occasion (WAI start and exit are never mixed)', async () => {
    expect((await json(`project=${world.projectId}&version=1`)).versions.map((v) => v.version)).toEqual([1]);
    expect((await json(`project=${world.projectId}&version=2`)).versions).toEqual([]);
    const wai = await get(`/api/research/aggregates?survey=wai&project=${world.projectId}&occasion=start`);
    expect(((await wai.json()) as AggregateReport).versions.map((v) => v.occasion)).toEqual(['start']);
  });

  it('the CSV and the audit log carry the filter', async () => {
    const res = await get(
      `/api/research/aggregates.csv?survey=pagaende&project=${world.projectId}&from=2025-Q2&to=2025-Q2&sep=semicolon`,
    );
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toContain(';2025-Q2;2025-Q2;mer_redo;0;6;0;5;0;5;5;5;0;0;0;0;6;0');
    const rows = await db.query<{ details: { from: string; to: string; format: string } }>(
      `select details from public.audit_log where project_id = $1 and action = 'research.export' order by at desc limit 1`,
      [world.projectId],
    );
    expect(rows[0]!.details).toMatchObject({ from: '2025-04-01', to: '2025-04-01', format: 'csv-semicolon' });
  });

  it('the page offers the filter and keeps it in its links', async () => {
    const res = await get(
      `/research?project=${world.projectId}&project=${world.otherProjectId}&survey=pagaende&from=2025-Q1&to=2025-Q2`,
    );
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('data-testid="research-filter"');
    expect(html).toMatch(/<input type="checkbox" name="project" value="[^"]+" checked=""/);
    expect(html).toContain('<option value="2025-Q1" selected="">2025 kv 1</option>');
    expect(html).toContain(
      `href="/api/research/aggregates.csv?project=${world.projectId}&amp;project=${world.otherProjectId}&amp;survey=pagaende&amp;from=2025-Q1&amp;to=2025-Q2"`,
    );
    expect(html).toContain('Svar från 2025 kv 1 – 2025 kv 2, t.o.m. 30 juni 2025.');
    // Outcomes once per selected project.
    expect(html.match(/<h2>Utfall: /g)).toHaveLength(2);
  });

  it('offers quarters up to the current one', () => {
    const q = quarterOptions(new Date('2026-11-22T00:00:00Z'), 1);
    expect(q).toEqual(['2025-Q1', '2025-Q2', '2025-Q3', '2025-Q4', '2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4']);
  });
});
