import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqlExecutor } from '../../src/store/executor.ts';
import type { RpcStore } from '../../src/store/rpc-store.ts';
import { loginCookie, testApp } from '../support/app.ts';
import { openTestDatabase } from '../support/db.ts';
import { closeQuarters, createWorld, enrolWithConsent, pagaendeAnswers, type World } from '../support/fixtures.ts';

describe('HTTP: Pågående and Avslut side by side', () => {
  let db: SqlExecutor;
  let store: RpcStore;
  let world: World;
  let app: ReturnType<typeof testApp>['app'];
  let cookie = '';

  beforeAll(async () => {
    ({ db, store } = await openTestDatabase('pglite'));
    world = await createWorld(store);
    ({ app } = testApp(store));
    // Five answer 3 during the programme, five answer 5 at exit (and 6 on the plan items).
    for (const [survey, occasion, value] of [
      ['pagaende', 'pagaende', 3],
      ['avslut', 'avslut', 5],
    ] as const) {
      for (let i = 0; i < 5; i++) {
        const who = { ...(await enrolWithConsent(store, world)), survey, occasion };
        const def = await store.publishedDefinition(who, survey);
        const answers =
          survey === 'avslut'
            ? pagaendeAnswers(value, { plan_finns: 6, plan_rimlig: 6, plan_start: 6 })
            : pagaendeAnswers(value);
        await store.submitResponse(who, { id: crypto.randomUUID(), definition_id: def!.id, answers });
      }
    }
    await closeQuarters(db, world.projectId);
    cookie = await loginCookie(app, world.emails.researcher);
  });
  afterAll(() => db.close());

  it('shows the shared items with both means and the difference (5 − 3 = +2), on either survey page', async () => {
    for (const survey of ['avslut', 'pagaende']) {
      const html = await (
        await app.request(`/research?project=${world.projectId}&survey=${survey}`, { headers: { cookie } })
      ).text();
      const section = html.slice(html.indexOf('data-testid="comparison"'));
      expect(section).toContain('Pågående och Avslut jämförda');
      expect(section).toContain('Jag känner mig mer redo att arbeta eller studera');
      expect(section).toContain('3,00 (0,00), n = 5');
      expect(section).toContain('5,00 (0,00), n = 5');
      expect(section).toContain('+2,00');
      // Plan items exist only at exit: not in the comparison.
      expect(section.slice(0, section.indexOf('</section>'))).not.toContain('Det finns en plan');
    }
  });

  it('is not shown for WAI, where the paired start → exit change is shown instead', async () => {
    const html = await (
      await app.request(`/research?project=${world.projectId}&survey=wai`, { headers: { cookie } })
    ).text();
    expect(html).not.toContain('data-testid="comparison"');
    expect(html).toContain('data-testid="wai-change"');
  });
});

describe('HTTP: outcomes download', () => {
  let db: SqlExecutor;
  let store: RpcStore;
  let world: World;
  let app: ReturnType<typeof testApp>['app'];

  beforeAll(async () => {
    ({ db, store } = await openTestDatabase('pglite'));
    world = await createWorld(store);
    ({ app } = testApp(store));
  });
  afterAll(() => db.close());

  const login = (email: string) => loginCookie(app, email);

  it('gives the researcher the outcomes as JSON, audits the download, and refuses a coach', async () => {
    const researcher = await login(world.emails.researcher);
    const res = await app.request(`/api/research/outcomes?project=${world.projectId}`, {
      headers: { cookie: researcher },
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ project_id: world.projectId });
    const audit = await db.query<{ target_type: string }>(
      `select target_type from public.audit_log where project_id = $1 and action = 'research.export'`,
      [world.projectId],
    );
    expect(audit).toEqual([{ target_type: 'outcomes' }]);
    const coach = await login(world.emails.coach);
    expect(
      (await app.request(`/api/research/outcomes?project=${world.projectId}`, { headers: { cookie: coach } })).status,
    ).toBe(404);
    expect((await app.request(`/api/research/outcomes?project=nope`, { headers: { cookie: researcher } })).status).toBe(
      400,
    );
  });
});
