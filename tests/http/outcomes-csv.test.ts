import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqlExecutor } from '../../src/store/executor.ts';
import type { ExitReason, Referral } from '../../src/store/store.ts';
import { loginCookie, testApp } from '../support/app.ts';
import { openTestDatabase } from '../support/db.ts';
import { createWorld, type World } from '../support/fixtures.ts';
import { addMonths, enrolPeople, lastClosedQuarter, type OutcomePerson } from '../support/outcome-people.ts';

type App = ReturnType<typeof testApp>['app'];

describe('HTTP: outcomes as CSV (researchers and admins)', () => {
  let db: SqlExecutor;
  let world: World;
  let app: App;
  const cookies: Record<string, string> = {};

  // The last closed quarter and the one before it, as the pickers write them (2026-Q3).
  let q1 = '';
  let q2 = '';
  const label = (day: string) => `${day.slice(0, 4)}-Q${Math.floor((Number(day.slice(5, 7)) - 1) / 3) + 1}`;

  beforeAll(async () => {
    let store;
    ({ db, store } = await openTestDatabase('pglite'));
    world = await createWorld(store);
    ({ app } = testApp(store));
    // 12 enrolled in the quarter before the last closed one: af 6, ifo 5, fk 1 (fk is too small,
    // ifo is suppressed with it); 7 women, 5 men. 10 exited in the last closed quarter, 65 days
    // after enrolment: arbete 5, fortsatt_rehabilitering 5.
    const people: OutcomePerson[] = Array.from({ length: 12 }, (_, i) => ({
      referral: (i < 6 ? 'af' : i < 11 ? 'ifo' : 'fk') as Referral,
      gender: i % 2 === 0 || i === 11 ? 'kvinna' : 'man',
      consent: false,
      enrolDay: -60,
      ...(i < 10
        ? { exit: { day: 5, reason: (i % 2 === 0 ? 'arbete' : 'fortsatt_rehabilitering') as ExitReason } }
        : {}),
    }));
    await enrolPeople(store, db, world, people);
    await db.query(`update public.projects set settings = '{"target_women_percent": 60}' where id = $1`, [
      world.projectId,
    ]);
    const last = await lastClosedQuarter(db);
    q1 = label(last);
    q2 = label(addMonths(last, -3));
    cookies.researcher = await loginCookie(app, world.emails.researcher);
    cookies.admin = await loginCookie(app, world.emails.admin);
    cookies.coach = await loginCookie(app, world.emails.coach);
  });
  afterAll(() => db.close());

  const get = (path: string, who: string) => app.request(path, { headers: { cookie: cookies[who]! } });
  const lines = (text: string) =>
    text
      .replace(/^\uFEFF/, '')
      .split('\r\n')
      .filter(Boolean);

  it('one line per figure, UTF-8 with BOM, suppressed cells -997 and cells without a figure -998; the download is audited', async () => {
    const res = await get(`/api/research/outcomes.csv?project=${world.projectId}`, 'researcher');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv; charset=utf-8/);
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="utfall.csv"');
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = lines(new TextDecoder().decode(bytes));
    const project = rows[1]!.split(',')[0];
    const body = rows.map((l) => l.slice(l.startsWith(`${project},`) ? project!.length + 1 : 0));
    expect(rows[0]).toBe('project,section,category,n,share,value,suppressed');
    expect(body).toContain('enrolled,enrolled,12,-998,-998,0');
    expect(body).toContain('enrolled,target,-998,-998,-998,0');
    expect(body).toContain('exits,total,10,-998,-998,0');
    expect(body).toContain('exits,arbete,5,0.5,-998,0');
    expect(body).toContain('exits,studier,0,0,-998,0');
    expect(body).toContain('work_or_studies,arbete_or_studier,5,0.5,-998,0');
    expect(body).toContain('work_or_studies,goal,-998,-998,0.4,0');
    expect(body).toContain('referrals,af,6,0.5,-998,0');
    expect(body).toContain('referrals,ifo,-997,-997,-997,1');
    expect(body).toContain('referrals,fk,-997,-997,-997,1');
    expect(body).toContain('time_in_programme_days,exited,10,-998,-998,0');
    expect(body).toContain('time_in_programme_days,median,-998,-998,65,0');
    expect(body.some((l) => l.startsWith('response_rate_wai_start,'))).toBe(true);
    // Issue 17: the period (years and quarters), gender against the target, the funder's activity.
    expect(body).toContain(`period,closed_through_year,-998,-998,${q1.slice(0, 4)},0`);
    expect(body).toContain(`period,closed_through_quarter,-998,-998,${q1.slice(-1)},0`);
    expect(body.some((l) => l.startsWith('period,from_'))).toBe(false);
    expect(body).toContain('gender,total,12,-998,-998,0');
    expect(body).toContain('gender,kvinna,7,0.5833,-998,0');
    expect(body).toContain('gender,man,5,0.4167,-998,0');
    expect(body).toContain('gender,saknas,0,0,-998,0');
    expect(body).toContain('gender,target_women,-998,-998,0.6,0');
    expect(body).toContain('activity,total,10,-998,-998,0');
    expect(body).toContain('activity,arbete,5,0.5,-998,0');
    expect(body).toContain('activity,ingen,5,0.5,-998,0');
    expect(body).toContain('activity,arbete_studier_or_annan,5,0.5,-998,0');
    expect(body).toContain('activity,goal,-998,-998,0.4,0');

    const audit = await db.query<{ target_type: string }>(
      `select target_type from public.audit_log where project_id = $1 and action = 'research.export'`,
      [world.projectId],
    );
    expect(audit).toEqual([{ target_type: 'outcomes' }]);
  });

  it('semicolon style: semicolons, decimal comma, suppressed as 1/0 like every export', async () => {
    const res = await get(`/api/research/outcomes.csv?project=${world.projectId}&sep=semicolon`, 'admin');
    expect(res.status).toBe(200);
    const rows = lines(await res.text());
    expect(rows[0]).toBe('project;section;category;n;share;value;suppressed');
    expect(rows.some((l) => l.endsWith(';exits;arbete;5;0,5;-998;0'))).toBe(true);
    expect(rows.some((l) => l.endsWith(';referrals;fk;-997;-997;-997;1'))).toBe(true);
    expect(rows.some((l) => l.endsWith(';work_or_studies;goal;-998;-998;0,4;0'))).toBe(true);
    expect(rows.some((l) => l.endsWith(';gender;kvinna;7;0,5833;-998;0'))).toBe(true);
  });

  it('follows the period: the figures of its closed quarters, the period in the file and its name, audited', async () => {
    const res = await get(`/api/research/outcomes.csv?project=${world.projectId}&from=${q1}&to=${q1}`, 'researcher');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="utfall-fran-${q1}-till-${q1}.csv"`);
    const body = lines(await res.text()).map((l) => l.slice(l.indexOf(',') + 1));
    // Nobody enrolled in that quarter; the ten exits are; the gender split of those carried in is not shown.
    expect(body).toContain('enrolled,enrolled,-997,-997,-997,1');
    expect(body).toContain('exits,total,10,-998,-998,0');
    expect(body).toContain('gender,total,-997,-997,-997,1');
    expect(body).toContain(`period,from_year,-998,-998,${q1.slice(0, 4)},0`);
    expect(body).toContain(`period,to_quarter,-998,-998,${q1.slice(-1)},0`);
    const json = await (await get(`/api/research/outcomes?project=${world.projectId}&to=${q2}`, 'researcher')).json();
    expect(json).toMatchObject({ enrolled: { n: 12 }, exits: { suppressed: true }, gender: { n: 12 } });
    const last = await lastClosedQuarter(db);
    const dayBefore = new Date(Date.parse(`${last}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    // Up to the quarter before the last closed one: through that quarter's last day.
    expect(json.period).toEqual({ from: null, to: addMonths(last, -3), closed_through: dayBefore });
    const audit = await db.query<{ details: { from: string | null; to: string | null } }>(
      `select details from public.audit_log where project_id = $1 and action = 'research.export' order by at`,
      [world.projectId],
    );
    expect(audit.map((a) => [a.details.from, a.details.to])).toContainEqual([null, json.period.to]);
  });

  it('refuses a period that is not whole quarters in order: 400 PERIOD_INVALID, in Swedish', async () => {
    for (const query of ['from=2025-Q5', 'to=2025-13-01', 'from=2025-Q3&to=2025-Q1', 'from=v%C3%A5ren']) {
      for (const route of ['/api/research/outcomes', '/api/research/outcomes.csv']) {
        const res = await get(`${route}?project=${world.projectId}&${query}`, 'researcher');
        expect(res.status, `${route} ${query}`).toBe(400);
        const body = (await res.json()) as { error: { code: string; message: string } };
        expect(body.error.code).toBe('PERIOD_INVALID');
        expect(body.error.message).toMatch(/Välj hela kvartal/);
      }
    }
  });

  it('is 404 for a coach and for another project, 400 for a bad project or separator, 401 without a session', async () => {
    expect((await get(`/api/research/outcomes.csv?project=${world.projectId}`, 'coach')).status).toBe(404);
    expect((await get(`/api/research/outcomes.csv?project=${world.otherProjectId}`, 'researcher')).status).toBe(404);
    expect((await get('/api/research/outcomes.csv?project=nope', 'researcher')).status).toBe(400);
    expect((await get(`/api/research/outcomes.csv?project=${world.projectId}&sep=tab`, 'researcher')).status).toBe(400);
    expect((await app.request(`/api/research/outcomes.csv?project=${world.projectId}`)).status).toBe(401);
  });

  it('is linked from the outcomes section of the researcher page, with the period of the page', async () => {
    const html = await (await get(`/research?project=${world.projectId}`, 'researcher')).text();
    expect(html).toContain(`href="/api/research/outcomes.csv?project=${world.projectId}&amp;sep=semicolon"`);
    expect(html).toContain(`href="/api/research/outcomes?project=${world.projectId}"`);
    const last = await lastClosedQuarter(db);
    const through = new Date(Date.parse(`${addMonths(last, 3)}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    expect(html).toContain(`Uppgifter t.o.m. ${through}.`);
    expect(html).toMatch(/data-testid="outcome-gender"[\s\S]*Kvinna<\/th><td>7<\/td><td>58,3 %<\/td>/);
    expect(html).toContain('Mål för andelen kvinnor: 60 %.');
    expect(html).toMatch(/data-testid="outcome-activity-share"[\s\S]*5 av 10 \(50 %\)/);

    const period = await (await get(`/research?project=${world.projectId}&from=${q1}&to=${q1}`, 'researcher')).text();
    expect(period).toContain(
      `href="/api/research/outcomes.csv?project=${world.projectId}&amp;from=${q1}&amp;to=${q1}&amp;sep=semicolon"`,
    );
    expect(period).toContain('data-testid="gender-carried-note"');
    expect(period).toMatch(/data-testid="outcome-enrolled"[\s\S]*Inskrivna<\/th><td><span class="suppressed">För få/);
  });
});
