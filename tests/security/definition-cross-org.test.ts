/**
 * Threat: an admin of another organisation (issue 16, findings 2 and 10). Definitions used to be
 * shared by every organisation, so any admin could publish a version of Pågående that sent other
 * organisations' participants to an outside server, and the definitions list showed every admin
 * the response counts of all projects. Attack: the admin of organisation B drafts, saves, publishes,
 * retires and unlocks organisation A's definitions and the shipped library, through the store (the
 * database functions) and directly in SQL; publishes a hostile version of B's own Pågående; uses B's
 * definitions from A's participant's session; and reads the definitions list and audit log. It
 * must fail: 404 (or no privilege), nothing of A's or the library's changes, A's participants still
 * get A's version, and B sees no count, id or history of A's.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqlExecutor } from '../../src/store/executor.ts';
import type { RpcStore } from '../../src/store/rpc-store.ts';
import { loginCookie, testApp } from '../support/app.ts';
import { sqlAs } from '../support/as-role.ts';
import { engines, openTestDatabase } from '../support/db.ts';
import { publishNextVersion } from '../support/definitions.ts';
import { createWorld, enrol, enrolWithConsent, pagaendeAnswers, type World } from '../support/fixtures.ts';

/** A hostile change: on completion, send the participant elsewhere. */
const hostile = <T extends object>(json: T): T => ({ ...json, navigateToUrl: 'https://evil.example/' });

describe.each(engines)('definitions across organisations on %s', (engine) => {
  let db: SqlExecutor;
  let store: RpcStore;
  let a: World; // the victim organisation
  let b: World; // the attacker: admin of a project in another organisation
  let aPagaende: string;
  let aDraft: string;
  let libraryPagaende: string;

  const rowsOf = (projectId: string) =>
    db.query(
      `select d.* from public.survey_definitions d join public.projects pr on pr.organisation_id = d.organisation_id
       where pr.id = $1 order by d.key, d.version`,
      [projectId],
    );
  const library = () =>
    db.query('select * from public.survey_definitions where organisation_id is null order by key, version');

  beforeAll(async () => {
    ({ db, store } = await openTestDatabase(engine));
    a = await createWorld(store);
    b = await createWorld(store);
    aPagaende = (await store.publishedDefinition(a.admin, 'pagaende'))!.id;
    // A's admin has a draft of A's Avslut open: the attacker's target for save and publish.
    const avslut = (await store.publishedDefinition(a.admin, 'avslut'))!.id;
    aDraft = (await store.createDefinitionDraft(a.admin, avslut)).id;
    libraryPagaende = (
      await db.query<{ id: string }>(
        `select id from public.survey_definitions where organisation_id is null and key = 'pagaende' order by version desc limit 1`,
      )
    )[0]!.id;
  });
  afterAll(() => db.close());

  it("B's admin cannot read, draft, save, publish, retire or unlock A's definitions: 404, nothing changes", async () => {
    const before = await rowsOf(a.projectId);
    const draft = await store.definitionGet(a.admin, aDraft);
    const refused = { code: 'NOT_FOUND' };
    const notFound = expect.objectContaining({ code: expect.stringMatching(/^(DEFINITION_)?NOT_FOUND$/) });
    await expect(store.definitionGet(b.admin, aPagaende)).rejects.toEqual(notFound);
    await expect(store.createDefinitionDraft(b.admin, aPagaende)).rejects.toEqual(notFound);
    await expect(
      store.saveDefinitionDraft(b.admin, { id: aDraft, json: hostile(draft.json), meta: draft.meta as never }),
    ).rejects.toEqual(notFound);
    await expect(
      store.publishDefinition(b.admin, { id: aDraft, json: draft.json, meta: draft.meta as never, confirmations: [] }),
    ).rejects.toEqual(notFound);
    await expect(store.retireDefinition(b.admin, aPagaende)).rejects.toEqual(notFound);
    await expect(store.unlockDefinitionWording(b.admin, { id: aDraft, reason: 'licens' })).rejects.toEqual(notFound);
    // Nor does anyone else of B's get further.
    for (const who of [b.coach, b.researcher]) {
      await expect(store.retireDefinition(who, aPagaende)).rejects.toMatchObject(refused);
    }
    // Directly in SQL, as B's admin: no privilege to write the table, and A's rows are not readable.
    for (const sql of [
      `update public.survey_definitions set json = '{"navigateToUrl": "https://evil.example/"}' where id = '${aDraft}'`,
      `update public.survey_definitions set status = 'retired' where id = '${aPagaende}'`,
      `insert into public.survey_definitions (organisation_id, key, version, kind, json, meta)
       select organisation_id, 'pagaende', 99, 'survey', '{}', '{}' from public.projects where id = '${a.projectId}'`,
      `delete from public.survey_definitions where id = '${aDraft}'`,
    ]) {
      expect(await sqlAs(db, b.admin, sql), sql).toEqual({ error: '42501' });
    }
    const seen = await sqlAs(db, b.admin, `select id from public.survey_definitions where id = '${aPagaende}'`);
    expect(seen).toEqual({ rows: [] });
    expect(await rowsOf(a.projectId)).toEqual(before);
  });

  it("B's hostile Pågående reaches only B: A's participants still get A's version and cannot use B's", async () => {
    const bPagaende = (await store.publishedDefinition(b.admin, 'pagaende'))!.id;
    const bHostile = await publishNextVersion(store, b.admin, bPagaende, hostile);
    const aParticipant = await enrolWithConsent(store, a);
    const bParticipant = await enrol(store, b);
    expect((await store.publishedDefinition(aParticipant, 'pagaende'))!.id).toBe(aPagaende);
    expect((await store.publishedDefinition(a.coach, 'pagaende', a.projectId))!.json).not.toHaveProperty(
      'navigateToUrl',
    );
    expect((await store.publishedDefinition(bParticipant, 'pagaende'))!.id).toBe(bHostile);
    // A's participant cannot load, draft against or submit to B's version (nor consent to B's text).
    expect(await store.definitionById(aParticipant, bHostile)).toBeNull();
    await expect(
      store.saveDraft(aParticipant, { definition_id: bHostile, answers: { mer_redo: 3 }, page: 0 }),
    ).rejects.toMatchObject({ code: 'DEFINITION_NOT_FOUND' });
    await expect(
      store.submitResponse(aParticipant, {
        id: crypto.randomUUID(),
        definition_id: bHostile,
        answers: pagaendeAnswers(4),
      }),
    ).rejects.toMatchObject({ code: 'DEFINITION_NOT_FOUND' });
    const bConsent = (await store.publishedDefinition(b.admin, 'samtycke-forskning'))!.id;
    const fresh = await enrol(store, a);
    await expect(
      store.giveConsent(fresh, { definition_id: bConsent, answers: { samtycker: true }, method: 'self' }),
    ).rejects.toMatchObject({ code: 'DEFINITION_NOT_FOUND' });
    expect(
      await db.query('select 1 from public.responses where participant_id = $1', [aParticipant.participantId]),
    ).toEqual([]);
  });

  it('no admin can change the library: 404 through the functions, no privilege in SQL, only the operator', async () => {
    const before = await library();
    const notFound = expect.objectContaining({ code: expect.stringMatching(/^(DEFINITION_)?NOT_FOUND$/) });
    await expect(store.definitionGet(b.admin, libraryPagaende)).rejects.toEqual(notFound);
    await expect(store.createDefinitionDraft(b.admin, libraryPagaende)).rejects.toEqual(notFound);
    await expect(store.retireDefinition(b.admin, libraryPagaende)).rejects.toEqual(notFound);
    const seed = { key: 'pagaende', version: 999, kind: 'survey', json: { navigateToUrl: 'https://evil.example/' } };
    await expect(store.call(b.admin, 'seed_definition', { ...seed, meta: {} })).rejects.toBeDefined();
    await expect(store.call(b.admin, 'library_definitions', {})).rejects.toBeDefined();
    expect(
      await sqlAs(db, b.admin, `update public.survey_definitions set json = '{}' where id = '${libraryPagaende}'`),
    ).toEqual({ error: '42501' });
    // Adopting only copies the library into B's own series, as a draft.
    const adopted = await store.adoptLibraryDefinition(b.admin, { key: 'wai' });
    expect(adopted).toMatchObject({ key: 'wai', status: 'draft' });
    const [row] = await db.query<{ organisation_id: string }>(
      'select organisation_id from public.survey_definitions where id = $1',
      [adopted.id],
    );
    const [bOrg] = await db.query<{ organisation_id: string }>(
      'select organisation_id from public.projects where id = $1',
      [b.projectId],
    );
    expect(row!.organisation_id).toBe(bOrg!.organisation_id);
    expect(await library()).toEqual(before);
  });

  it("B's definitions list and audit log show nothing of A's: no ids, no counts, no history", async () => {
    // A response in A's admin's project and one in A's other project (which A's admin does not administer).
    for (const projectId of [a.projectId, a.otherProjectId]) {
      const who = await enrolWithConsent(store, {
        ...a,
        projectId,
        coach: projectId === a.projectId ? a.coach : a.otherCoach,
      });
      const definition_id = (await store.publishedDefinition(who, 'pagaende'))!.id;
      await store.submitResponse(who, { id: crypto.randomUUID(), definition_id, answers: pagaendeAnswers(4) });
    }
    const aIds = new Set((await rowsOf(a.projectId)).map((r) => (r as { id: string }).id));
    const bList = await store.definitionList(b.admin);
    const bVersions = bList.flatMap((e) => e.versions);
    expect(bVersions.length).toBeGreaterThan(0);
    expect(bVersions.filter((v) => aIds.has(v.id))).toEqual([]);
    expect(bVersions.filter((v) => v.responses > 0)).toEqual([]);
    // A's admin counts the responses of the projects they administer only.
    const aList = await store.definitionList(a.admin);
    const counted = aList.find((e) => e.key === 'pagaende')!.versions.find((v) => v.id === aPagaende)!;
    expect(counted.responses).toBe(1);
    const bAudit = (await store.auditLog(b.admin, { action: 'definition.', limit: 1000 })).rows;
    expect(bAudit.filter((r) => r.target_id !== null && aIds.has(r.target_id))).toEqual([]);
  });
});

describe('definitions across organisations over HTTP', () => {
  let db: SqlExecutor;
  let store: RpcStore;
  let a: World;
  let b: World;
  let app: ReturnType<typeof testApp>['app'];
  let cookie: string;

  beforeAll(async () => {
    ({ db, store } = await openTestDatabase('pglite'));
    a = await createWorld(store);
    b = await createWorld(store);
    app = testApp(store).app;
    cookie = await loginCookie(app, b.emails.admin);
  });
  afterAll(() => db.close());

  const call = (method: string, path: string, body?: string) =>
    app.request(path, {
      method,
      headers: { cookie, origin: 'http://localhost', 'content-type': 'application/json', accept: 'application/json' },
      body,
    });

  it("B's admin gets 404 for every action on A's definitions, and A's participants keep A's version", async () => {
    const aPagaende = (await store.publishedDefinition(a.admin, 'pagaende'))!;
    const aDraft = await store.createDefinitionDraft(a.admin, (await store.publishedDefinition(a.admin, 'avslut'))!.id);
    const before = await db.query('select * from public.survey_definitions order by id');
    const file = JSON.stringify({ meta: aDraft.meta, survey: hostile(aDraft.json) });
    for (const [method, path, body] of [
      ['GET', `/api/admin/definitions/${aPagaende.id}`],
      ['GET', `/api/admin/definitions/${aPagaende.id}/export`],
      ['POST', `/api/admin/definitions/${aPagaende.id}/draft`],
      ['PUT', `/api/admin/definitions/${aDraft.id}`, file],
      ['POST', `/api/admin/definitions/${aDraft.id}/validate`, file],
      ['POST', `/api/admin/definitions/${aDraft.id}/publish`, '{"confirmations": []}'],
      ['POST', `/api/admin/definitions/${aPagaende.id}/retire`],
      ['POST', `/api/admin/definitions/${aDraft.id}/unlock`, '{"reason": "licens"}'],
      ['GET', `/admin/definitions/${aPagaende.id}`],
    ] as const) {
      const res = await call(method, path, body);
      expect(res.status, `${method} ${path}`).toBe(404);
    }
    expect(await db.query('select * from public.survey_definitions order by id')).toEqual(before);
    const who = await enrolWithConsent(store, a);
    expect((await store.publishedDefinition(who, 'pagaende'))!.id).toBe(aPagaende.id);
  });

  it("B's definitions page names none of A's definitions", async () => {
    const aIds = (
      await db.query<{ id: string }>(
        `select d.id from public.survey_definitions d join public.projects pr on pr.organisation_id = d.organisation_id
         where pr.id = $1`,
        [a.projectId],
      )
    ).map((r) => r.id);
    const page = await (await app.request('/admin/definitions', { headers: { cookie } })).text();
    expect(page).toContain('Hur går det? Enkät under insatsen');
    for (const id of aIds) expect(page).not.toContain(id);
  });
});
