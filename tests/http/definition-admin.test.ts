import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqlExecutor } from '../../src/store/executor.ts';
import type { RpcStore } from '../../src/store/rpc-store.ts';
import { loginCookie, testApp } from '../support/app.ts';
import { openTestDatabase } from '../support/db.ts';
import { addCommentItem, questionIn, shippedDefinition, type DefinitionFileJson } from '../support/definitions.ts';
import { createWorld, type World } from '../support/fixtures.ts';

type App = ReturnType<typeof testApp>['app'];
type ErrorJson = { error: { code: string; message: string; issues?: { path: string; message: string }[] } };

describe('HTTP: definition admin', () => {
  let db: SqlExecutor;
  let store: RpcStore;
  let world: World;
  let app: App;
  let v1: string;
  const cookies: Record<string, string> = {};

  beforeAll(async () => {
    ({ db, store } = await openTestDatabase('pglite'));
    world = await createWorld(store);
    app = testApp(store).app;
    for (const who of ['admin', 'coach', 'researcher'] as const)
      cookies[who] = await loginCookie(app, world.emails[who]);
    v1 = (await store.publishedDefinition(world.admin, 'pagaende'))!.id;
  });
  afterAll(() => db.close());

  const call = (method: string, path: string, body?: string, type = 'application/json', who = 'admin') =>
    app.request(path, {
      method,
      headers: { cookie: cookies[who]!, origin: 'http://localhost', 'content-type': type, accept: 'application/json' },
      body,
    });
  const text = (f: DefinitionFileJson) => JSON.stringify(f, null, 2);
  const currentPagaende = async () => (await store.publishedDefinition(world.admin, 'pagaende'))!.version;
  const draftFile = (draftVersion: number) => {
    const f = shippedDefinition('pagaende');
    f.meta.version = draftVersion;
    return f;
  };
  let draftId: string;

  it('is not found for coaches and researchers, pages and API alike', async () => {
    for (const who of ['coach', 'researcher']) {
      const page = await app.request('/admin/definitions', { headers: { cookie: cookies[who]!, accept: 'text/html' } });
      expect(page.status, who).toBe(404);
      expect(await page.text()).toContain('Det du söker finns inte.');
      expect((await call('GET', '/api/admin/definitions', undefined, undefined, who)).status).toBe(404);
      expect((await call('POST', `/api/admin/definitions/${v1}/draft`, undefined, undefined, who)).status).toBe(404);
    }
    expect((await app.request('/api/admin/definitions')).status).toBe(401);
    expect((await app.request('/admin/definitions')).status).toBe(303);
  });

  it('lists versions with status and counts, and opens a draft of Pågående', async () => {
    const list = await (await app.request('/admin/definitions', { headers: { cookie: cookies.admin! } })).text();
    expect(list).toContain('Hur går det? Enkät under insatsen');
    expect(list).toContain('används för nya svar');
    const res = await call('POST', `/api/admin/definitions/${v1}/draft`);
    expect(res.status).toBe(201);
    const { definition } = (await res.json()) as { definition: { id: string; version: number; status: string } };
    expect(definition).toMatchObject({ version: 2, status: 'draft' });
    draftId = definition.id;
    const editor = await (
      await app.request(`/admin/definitions/${draftId}`, { headers: { cookie: cookies.admin! } })
    ).text();
    expect(editor).toMatch(/<textarea id="definition-text"[^>]*>\{/);
    expect(editor).toContain('/assets/editor');
    expect(editor).toContain('id="definition-preview"');
  });

  it('refuses broken JSON with its line number and saves nothing', async () => {
    const broken = text(draftFile(2)).replace('"isRequired": true,', '"isRequired": true,,');
    const line = broken.split('\n').findIndex((l) => l.includes(',,')) + 1;
    const res = await call('PUT', `/api/admin/definitions/${draftId}`, broken, 'text/plain');
    expect(res.status).toBe(422);
    const body = (await res.json()) as ErrorJson;
    expect(body.error.code).toBe('DEFINITION_INVALID');
    expect(body.error.issues![0]!.message).toContain(`rad ${line}, kolumn`);
    expect((await store.definitionGet(world.admin, draftId)).updated_at).toBe(
      (await store.definitionGet(world.admin, draftId)).created_at,
    );
  });

  it('refuses to publish an unknown question type, naming it; nothing is published', async () => {
    const f = draftFile(2);
    questionIn(f, 'mer_redo').type = 'sliderx';
    const check = (await (
      await call('POST', `/api/admin/definitions/${draftId}/validate`, text(f), 'text/plain')
    ).json()) as { ok: boolean; findings: { message: string; line?: number }[] };
    expect(check.ok).toBe(false);
    expect(check.findings[0]).toMatchObject({ message: 'Okänd frågetyp "sliderx" (frågan "mer_redo").' });
    expect(check.findings[0]!.line).toBeGreaterThan(1);
    expect((await call('PUT', `/api/admin/definitions/${draftId}`, text(f), 'text/plain')).status).toBe(200);
    const res = await call('POST', `/api/admin/definitions/${draftId}/publish`, JSON.stringify({ confirmations: [] }));
    expect(res.status).toBe(422);
    const body = (await res.json()) as ErrorJson;
    expect(body.error.code).toBe('DEFINITION_INVALID');
    expect(body.error.issues!.map((i) => i.message).join(' ')).toContain('Okänd frågetyp "sliderx"');
    expect(await currentPagaende()).toBe(1);
  });

  it('refuses a scored item re-scaled without confirmation; publishes once confirmed, and records it', async () => {
    const f = addCommentItem(draftFile(2));
    questionIn(f, 'mer_redo').choices.pop();
    f.meta.scored.find((s) => s.name === 'mer_redo')!.max = 5;
    expect((await call('PUT', `/api/admin/definitions/${draftId}`, text(f), 'text/plain')).status).toBe(200);
    const refused = await call(
      'POST',
      `/api/admin/definitions/${draftId}/publish`,
      JSON.stringify({ confirmations: [] }),
    );
    expect(refused.status).toBe(422);
    const body = (await refused.json()) as ErrorJson;
    expect(body.error.code).toBe('CONFIRMATION_REQUIRED');
    expect(body.error.message).toMatch(/bekräftas/);
    expect(body.error.issues).toEqual([
      {
        path: 'rescaled:mer_redo',
        message: expect.stringMatching(
          /^Skalan för den poängsatta frågan "mer_redo" är ändrad jämfört med version 1 \(1–6 → 1–5\)/,
        ),
      },
    ]);
    expect(await currentPagaende()).toBe(1);

    const diff = await (
      await app.request(`/admin/definitions/diff?a=${v1}&b=${draftId}`, { headers: { cookie: cookies.admin! } })
    ).text();
    expect(diff).toContain('1 tillagda, 0 borttagna, 1 ändrade och 6 oförändrade frågor.');
    expect(diff).toContain('ovrigt_ny');

    const ok = await call(
      'POST',
      `/api/admin/definitions/${draftId}/publish`,
      JSON.stringify({ confirmations: ['rescaled:mer_redo'] }),
    );
    expect(ok.status).toBe(200);
    expect(await currentPagaende()).toBe(2);
    const [audit] = await db.query<{ details: { confirmations: string[] } }>(
      `select details from public.audit_log where action = 'definition.published' and target_id = $1`,
      [draftId],
    );
    expect(audit!.details.confirmations).toEqual(['rescaled:mer_redo']);
    expect((await call('PUT', `/api/admin/definitions/${draftId}`, text(f), 'text/plain')).status).toBe(409);
  });

  it('refuses an edit of locked wording until an admin unlocks it with a reason', async () => {
    const key = `lockt-${crypto.randomUUID().slice(0, 6)}`;
    const f = shippedDefinition('pagaende');
    Object.assign(f.meta, { key, lockedWording: true });
    const imported = await call('POST', '/api/admin/definitions/import', text(f));
    expect(imported.status).toBe(201);
    const first = ((await imported.json()) as { definition: { id: string } }).definition.id;
    expect((await call('POST', `/api/admin/definitions/${first}/publish`, '{}')).status).toBe(200);
    const draft = (
      (await (await call('POST', `/api/admin/definitions/${first}/draft`)).json()) as { definition: { id: string } }
    ).definition.id;
    questionIn(f, 'paverka_plan').title.sv = 'Jag har fått bestämma.';
    f.meta.version = 2;
    expect((await call('PUT', `/api/admin/definitions/${draft}`, text(f), 'text/plain')).status).toBe(200);
    const refused = await call(
      'POST',
      `/api/admin/definitions/${draft}/publish`,
      JSON.stringify({
        confirmations: ['reworded:paverka_plan:sv', 'locked:paverka_plan:sv', 'translation:q:paverka_plan.title:en'],
      }),
    );
    expect(refused.status).toBe(422);
    const body = (await refused.json()) as ErrorJson;
    expect(body.error.code).toBe('WORDING_LOCKED');
    expect(body.error.issues![0]!.message).toContain('Formuleringen av "paverka_plan" (svenska) är låst');
    expect((await store.definitionGet(world.admin, draft)).status).toBe('draft');

    expect((await call('POST', `/api/admin/definitions/${draft}/unlock`, JSON.stringify({ reason: '' }))).status).toBe(
      400,
    );
    expect(
      (
        await call(
          'POST',
          `/api/admin/definitions/${draft}/unlock`,
          JSON.stringify({ reason: 'Ny text godkänd av licensgivaren' }),
        )
      ).status,
    ).toBe(200);
    const stillNeedsConfirmation = await call('POST', `/api/admin/definitions/${draft}/publish`, '{}');
    expect(((await stillNeedsConfirmation.json()) as ErrorJson).error.code).toBe('CONFIRMATION_REQUIRED');
    expect(
      (
        await call(
          'POST',
          `/api/admin/definitions/${draft}/publish`,
          JSON.stringify({
            // The Swedish change, and that each other language's text was checked against it.
            confirmations: [
              'reworded:paverka_plan:sv',
              ...['en', 'sv-x-ll', 'ar', 'so', 'ti', 'prs', 'fa'].map((l) => `translation:q:paverka_plan.title:${l}`),
            ],
          }),
        )
      ).status,
    ).toBe(200);
    const actions = await db.query<{ action: string }>(
      'select action from public.audit_log where target_id = $1 order by id',
      [draft],
    );
    expect(actions.map((a) => a.action)).toEqual([
      'definition.draft_created',
      'definition.draft_saved',
      'definition.unlocked',
      'definition.published',
    ]);
  });

  it('imports only valid files, exports as an attachment, and checks CSRF on every change', async () => {
    const bad = await call('POST', '/api/admin/definitions/import', '{"meta": {}, "survey": {}}');
    expect(bad.status).toBe(422);
    expect(((await bad.json()) as ErrorJson).error.code).toBe('DEFINITION_INVALID');
    const exported = await call('GET', `/api/admin/definitions/${v1}/export`);
    expect(exported.headers.get('content-disposition')).toBe('attachment; filename="pagaende-v1.json"');
    const file = (await exported.json()) as DefinitionFileJson;
    expect(Object.keys(file)).toEqual(['meta', 'survey']);
    expect(file.meta).toMatchObject({ key: 'pagaende', version: 1 });
    const forged = await app.request(`/api/admin/definitions/${v1}/draft`, {
      method: 'POST',
      headers: { cookie: cookies.admin!, origin: 'https://evil.example' },
    });
    expect(forged.status).toBe(403);
    const form = await app.request(`/admin/definitions/${v1}/retire`, {
      method: 'POST',
      headers: { cookie: cookies.admin!, 'sec-fetch-site': 'cross-site' },
    });
    expect(form.status).toBe(403);
    expect(await currentPagaende()).toBe(2);
  });

  it('retiring the newest version by form makes the previous one current again', async () => {
    const v2 = (await store.publishedDefinition(world.admin, 'pagaende'))!.id;
    const res = await app.request(`/admin/definitions/${v2}/retire`, {
      method: 'POST',
      headers: { cookie: cookies.admin!, origin: 'http://localhost' },
    });
    expect(res.status).toBe(303);
    expect(await currentPagaende()).toBe(1);
    const again = await app.request(`/admin/definitions/${v2}/retire`, {
      method: 'POST',
      headers: { cookie: cookies.admin!, origin: 'http://localhost' },
    });
    expect(again.status).toBe(409);
    expect(await again.text()).toContain('Bara en publicerad version kan tas ur bruk.');
  });
});
