import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCode } from '../../src/domain/pseudonym-code.ts';
import type { SqlExecutor } from '../../src/store/executor.ts';
import type { ExitReason, Referral } from '../../src/store/store.ts';
import { loginCookie, testApp } from '../support/app.ts';
import { openTestDatabase } from '../support/db.ts';
import { createWorld, REGISTER, type World } from '../support/fixtures.ts';

type App = ReturnType<typeof testApp>['app'];

describe('HTTP: outcomes as CSV (researchers and admins)', () => {
  let db: SqlExecutor;
  let world: World;
  let app: App;
  const cookies: Record<string, string> = {};

  beforeAll(async () => {
    let store;
    ({ db, store } = await openTestDatabase('pglite'));
    world = await createWorld(store);
    ({ app } = testApp(store));
    // 12 enrolled: af 6, ifo 5, fk 1 (fk is too small, ifo is suppressed with it). 10 exited
    // today: arbete 5, fortsatt_rehabilitering 5.
    const today = (await db.query<{ today: string }>(`select current_date::text as today`))[0]!.today;
    for (let i = 0; i < 12; i++) {
      const referral: Referral = i < 6 ? 'af' : i < 11 ? 'ifo' : 'fk';
      const p = await store.enrolParticipant(world.coach, {
        project_id: world.projectId,
        code: generateCode(),
        referral,
        ...REGISTER,
      });
      const reason: ExitReason = i % 2 === 0 ? 'arbete' : 'fortsatt_rehabilitering';
      if (i < 10) await store.registerExit(world.coach, { participant_id: p.id, exited_on: today, reason });
    }
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
    expect(body).toContain('time_in_programme_days,median,-998,-998,0,0');
    expect(body.some((l) => l.startsWith('response_rate_wai_start,'))).toBe(true);

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
  });

  it('is 404 for a coach and for another project, 400 for a bad project or separator, 401 without a session', async () => {
    expect((await get(`/api/research/outcomes.csv?project=${world.projectId}`, 'coach')).status).toBe(404);
    expect((await get(`/api/research/outcomes.csv?project=${world.otherProjectId}`, 'researcher')).status).toBe(404);
    expect((await get('/api/research/outcomes.csv?project=nope', 'researcher')).status).toBe(400);
    expect((await get(`/api/research/outcomes.csv?project=${world.projectId}&sep=tab`, 'researcher')).status).toBe(400);
    expect((await app.request(`/api/research/outcomes.csv?project=${world.projectId}`)).status).toBe(401);
  });

  it('is linked from the outcomes section of the researcher page', async () => {
    const html = await (await get(`/research?project=${world.projectId}`, 'researcher')).text();
    expect(html).toContain(`href="/api/research/outcomes.csv?project=${world.projectId}&amp;sep=semicolon"`);
    expect(html).toContain(`href="/api/research/outcomes?project=${world.projectId}"`);
  });
});
