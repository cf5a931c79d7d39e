import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTokenService } from '../../src/auth/tokens.ts';
import { textsFor } from '../../src/client/texts.ts';
import type { SqlExecutor } from '../../src/store/executor.ts';
import type { RpcStore } from '../../src/store/rpc-store.ts';
import { loginCookie, TEST_SECRET, testApp } from '../support/app.ts';
import { openTestDatabase } from '../support/db.ts';
import { createWorld, enrolWithConsent, pagaendeAnswers, type World } from '../support/fixtures.ts';

type App = ReturnType<typeof testApp>['app'];
const ORIGIN = 'http://localhost';

/** The withdrawal policy through HTTP: the admin's project form, and the participant's withdrawal. */
describe('HTTP: withdrawal policy', () => {
  let db: SqlExecutor;
  let store: RpcStore;
  let world: World;
  let app: App;
  let admin = '';
  const tokens = createTokenService({ secret: TEST_SECRET, staffTtlMinutes: 60, linkTtlDays: 14 });

  beforeAll(async () => {
    ({ db, store } = await openTestDatabase('pglite'));
    world = await createWorld(store);
    ({ app } = testApp(store));
    admin = await loginCookie(app, world.emails.admin);
  });
  afterAll(() => db.close());

  const form = (path: string, body: Record<string, string>) =>
    app.request(path, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: ORIGIN, cookie: admin },
      body: new URLSearchParams(body),
    });
  const page = async (path: string) =>
    (await app.request(path, { headers: { cookie: admin, accept: 'text/html' } })).text();
  const checked = (html: string) => /name="withdrawalPolicy" value="(keep|erase)" checked/.exec(html)?.[1];

  it('the project form offers keep or erase in plain Swedish, erase by default; a change is saved and audited', async () => {
    const path = `/admin/projects/${world.projectId}`;
    const before = await page(path);
    expect(before).toContain('När en deltagare återkallar sitt samtycke');
    expect(before).toContain('Ta bort svaren (standard)');
    expect(before).toContain('Behåll svaren');
    expect(checked(before)).toBe('erase');
    expect(checked(await page('/admin/projects/new'))).toBe('erase');

    expect((await form(path, { name: 'Projekt', min_group_size: '5', withdrawalPolicy: 'keep' })).status).toBe(303);
    expect(
      (await store.adminProjects(world.admin)).projects.find((p) => p.id === world.projectId)!.settings
        .withdrawalPolicy,
    ).toBe('keep');
    expect(checked(await page(path))).toBe('keep');
    const audit = await db.query<{ details: { fields: string[] } }>(
      `select details from public.audit_log where action = 'project.updated' and project_id = $1 order by id`,
      [world.projectId],
    );
    expect(audit.at(-1)!.details.fields).toContain('settings.withdrawalPolicy');
    expect(JSON.stringify(audit)).not.toContain('keep'); // the fields changed, never their content

    const bad = await form(path, { name: 'Projekt', min_group_size: '5', withdrawalPolicy: 'glöm' });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('Välj vad som händer med svaren när någon återkallar sitt samtycke.');
  });

  async function participantIn(projectPolicy: 'keep' | 'erase') {
    const w = await createWorld(store);
    await store.adminUpdateProject(w.admin, { project_id: w.projectId, settings: { withdrawalPolicy: projectPolicy } });
    const who = await enrolWithConsent(store, w);
    const token = (await tokens.signParticipantLink(who)).token;
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const session = async () =>
      (await (await app.request('/api/p/session', { headers })).json()) as Record<string, any>;
    const surveyId = (await session()).survey.id as string;
    const responseId = crypto.randomUUID();
    expect(
      (
        await app.request('/api/p/responses', {
          method: 'POST',
          headers,
          body: JSON.stringify({ id: responseId, definition_id: surveyId, answers: pagaendeAnswers(3) }),
        })
      ).status,
    ).toBe(201);
    return { who, headers, session, surveyId, responseId };
  }

  it('keep: the page is told the policy; withdrawing keeps sent answers and every further collection is refused', async () => {
    const p = await participantIn('keep');
    expect((await p.session()).project.withdrawal_policy).toBe('keep');
    const res = await app.request('/api/p/withdraw', { method: 'POST', headers: p.headers });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ withdrawn: true, policy: 'keep', erased: 0 });
    expect(await p.session()).toMatchObject({ consent_status: 'withdrawn', consent: null, survey: null, draft: null });

    const refused = async (r: Response) => {
      expect(r.status).toBe(409);
      expect(((await r.json()) as { error: { code: string } }).error.code).toBe('CONSENT_WITHDRAWN');
    };
    await refused(
      await app.request('/api/p/draft', {
        method: 'PUT',
        headers: p.headers,
        body: JSON.stringify({ definition_id: p.surveyId, answers: { mer_redo: 4 }, page: 0 }),
      }),
    );
    await refused(
      await app.request('/api/p/responses', {
        method: 'POST',
        headers: p.headers,
        body: JSON.stringify({ id: p.responseId, definition_id: p.surveyId, answers: pagaendeAnswers(3) }),
      }),
    );
    const consentId = (await store.publishedDefinition(p.who, 'samtycke-forskning'))!.id;
    await refused(
      await app.request('/api/p/consent', {
        method: 'POST',
        headers: p.headers,
        body: JSON.stringify({ definition_id: consentId, answers: { samtycker: true, svarar_med: 'self' } }),
      }),
    );
    expect(
      await db.query('select count(*)::int as n from public.responses where participant_id = $1', [
        p.who.participantId,
      ]),
    ).toEqual([{ n: 1 }]);
  });

  it('erase: withdrawing deletes the sent answers and says so', async () => {
    const p = await participantIn('erase');
    expect((await p.session()).project.withdrawal_policy).toBe('erase');
    const res = await app.request('/api/p/withdraw', { method: 'POST', headers: p.headers });
    expect(await res.json()).toEqual({ withdrawn: true, policy: 'erase', erased: 1 });
    expect(await db.query('select 1 from public.responses where participant_id = $1', [p.who.participantId])).toEqual(
      [],
    );
    expect(await p.session()).toMatchObject({ consent_status: 'withdrawn', submitted: false, survey: null });
  });

  it('the consent text and the withdrawal page say what happens to sent answers, in Swedish and English', async () => {
    const w = await createWorld(store);
    const who = { ...(await enrolWithConsent(store, w)) };
    const consent = (await store.publishedDefinition(who, 'samtycke-forskning'))!;
    const info = JSON.stringify(consent.json);
    // One placeholder per language (Swedish, English and the six shipped translations), filled by
    // the page from the project's policy.
    expect(info.match(/\{withdrawalAnswers\}/g)).toHaveLength(8);
    expect(info).not.toContain('om du inte ber om att de tas bort');
    for (const lang of ['sv', 'en']) {
      const t = textsFor(lang);
      expect(t.sentAnswers.erase).not.toEqual(t.sentAnswers.keep);
      expect(t.withdrawPoints.join(' ')).not.toMatch(/coach\b.*(ta bort|removed)|tell your coach/);
    }
    expect(textsFor('sv').sentAnswers.erase).toMatch(/tas bort/);
    expect(textsFor('sv').sentAnswers.keep).toMatch(/finns kvar/);
    expect(textsFor('en').sentAnswers.erase).toMatch(/deleted/);
  });
});
