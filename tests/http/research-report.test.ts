import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqlExecutor } from '../../src/store/executor.ts';
import type { RpcStore } from '../../src/store/rpc-store.ts';
import { loginCookie, testApp } from '../support/app.ts';
import { openTestDatabase } from '../support/db.ts';
import { closeQuarters, createWorld, enrolWithConsent, pagaendeAnswers, type World } from '../support/fixtures.ts';

type App = ReturnType<typeof testApp>['app'];

describe('HTTP: research charts and the printable report', () => {
  let db: SqlExecutor;
  let store: RpcStore;
  let world: World;
  let app: App;
  const cookies: Record<string, string> = {};

  const login = (email: string) => loginCookie(app, email);

  beforeAll(async () => {
    ({ db, store } = await openTestDatabase('pglite'));
    world = await createWorld(store);
    ({ app } = testApp(store));
    for (const v of [1, 2, 3, 4, 5, 6]) {
      const who = await enrolWithConsent(store, world);
      const def = await store.publishedDefinition(who, 'pagaende');
      await store.submitResponse(who, { id: crypto.randomUUID(), definition_id: def!.id, answers: pagaendeAnswers(v) });
    }
    await closeQuarters(db, world.projectId);
    cookies.researcher = await login(world.emails.researcher);
    cookies.coach = await login(world.emails.coach);
    cookies.admin = await login(world.emails.admin);
  });
  afterAll(() => db.close());

  const report = (cookie: string, project = world.projectId) =>
    app.request(`/research/report?project=${project}&survey=pagaende`, { headers: { cookie } });

  it('the researcher page draws a Likert chart above the table and links to the report', async () => {
    const html = await (
      await app.request(`/research?project=${world.projectId}&survey=pagaende`, {
        headers: { cookie: cookies.researcher! },
      })
    ).text();
    expect(html).toMatch(/<svg[^>]*role="img"[^>]*data-testid="likert-chart"/);
    expect(html.indexOf('data-testid="likert-chart"')).toBeLessThan(html.indexOf('data-testid="aggregates"'));
    expect(html).toContain(`href="/research/report?project=${world.projectId}&amp;survey=pagaende"`);
    // Outcomes once, above the survey sections; six participants, none exited.
    expect(html.match(/<h2>Utfall<\/h2>/g)).toHaveLength(1);
    expect(html.indexOf('data-testid="outcomes"')).toBeLessThan(html.indexOf('data-testid="likert-chart"'));
    expect(html).toContain('data-testid="response-rates"');
    expect(html).toContain('data-testid="target-line"');
  });

  it('the report is 200 for a researcher and an admin, with all surveys, charts and tables', async () => {
    for (const who of ['researcher', 'admin']) {
      const res = await report(cookies[who]!);
      expect(res.status, who).toBe(200);
      const html = await res.text();
      expect(html).toContain('Rapport: Projekt');
      expect(html).toContain('Minsta gruppstorlek');
      for (const key of ['pagaende', 'avslut', 'wai']) expect(html).toContain(`data-survey="${key}"`);
      expect(html).toContain('<h2>Utfall</h2>');
      expect(html).toMatch(/<svg[^>]*role="img"/);
      expect(html).toContain('data-testid="aggregates"');
      expect(html).not.toMatch(/<form|<select|<nav/);
    }
  });

  it('the report is 404 for a coach and for a project the researcher is not in', async () => {
    expect((await report(cookies.coach!)).status).toBe(404);
    const other = await report(cookies.researcher!, world.otherProjectId);
    // Like the page, an unknown project falls back to the caller's own: never the other project's data.
    expect(await other.text()).not.toContain('Annat');
  });

  it('the report asks for a login without a session and refuses a malformed survey key', async () => {
    const anon = await app.request(`/research/report?project=${world.projectId}`);
    expect([302, 303, 401]).toContain(anon.status);
    const bad = await app.request(`/research/report?project=${world.projectId}&survey=DROP%20TABLE`, {
      headers: { cookie: cookies.researcher! },
    });
    expect(bad.status).toBe(400);
  });
});
