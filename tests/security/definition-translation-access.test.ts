/**
 * Threat: an admin of another organisation, or a coach or researcher, uses the translation
 * export and import (issue 20) to read an organisation's questionnaire texts or to write into its
 * drafts; an admin's tampered confirmation writes texts the preview never showed. Attack: B's
 * admin, A's coach and A's researcher download A's texts, open the import page, upload a file and
 * replay A's admin's confirmation; A's admin confirms a payload naming texts a translator never
 * gets. It must fail: 404 (422 for the tampered payload), no row of A's changes, no audit row is
 * written for the attempts, and a published version is never changed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqlExecutor } from '../../src/store/executor.ts';
import type { RpcStore } from '../../src/store/rpc-store.ts';
import { writeTranslationCsv } from '../../src/surveys/translation-csv.ts';
import { translationRows } from '../../src/surveys/translation-files.ts';
import { loginCookie, testApp } from '../support/app.ts';
import { engines, openTestDatabase } from '../support/db.ts';
import { createWorld, type World } from '../support/fixtures.ts';
import { confirmFields, fileOf, staffClient } from '../support/translation-http.ts';

describe.each(engines)('translation export and import across roles and organisations on %s', (engine) => {
  let db: SqlExecutor;
  let store: RpcStore;
  let a: World;
  let b: World;
  let clients: Record<'aAdmin' | 'aCoach' | 'aResearcher' | 'bAdmin', ReturnType<typeof staffClient>>;
  let published: string;
  let file: File;

  const rowsOf = (world: World) =>
    db.query(
      `select d.* from public.survey_definitions d join public.projects pr on pr.organisation_id = d.organisation_id
       where pr.id = $1 order by d.key, d.version`,
      [world.projectId],
    );
  /** Audit rows written by the attackers, or about A's definitions. */
  const auditCount = () =>
    db.query<{ n: number }>(
      `select count(*)::int as n from public.audit_log
       where actor_id = any ($1::uuid[])
          or target_id in (select d.id::text from public.survey_definitions d
                           join public.projects pr on pr.organisation_id = d.organisation_id where pr.id = $2)`,
      [[b.admin.staffId, a.coach.staffId, a.researcher.staffId], a.projectId],
    );

  beforeAll(async () => {
    ({ db, store } = await openTestDatabase(engine));
    a = await createWorld(store);
    b = await createWorld(store);
    const app = testApp(store).app;
    clients = {
      aAdmin: staffClient(app, await loginCookie(app, a.emails.admin)),
      aCoach: staffClient(app, await loginCookie(app, a.emails.coach)),
      aResearcher: staffClient(app, await loginCookie(app, a.emails.researcher)),
      bAdmin: staffClient(app, await loginCookie(app, b.emails.admin)),
    };
    const def = await store.definitionGet(a.admin, (await store.publishedDefinition(a.admin, 'pagaende'))!.id);
    published = def.id;
    const rows = translationRows(def, 'so');
    rows[0]!.target = 'Qoraal cusub';
    file = fileOf(writeTranslationCsv(rows, 'so'), 'pagaende-so.csv');
  });
  afterAll(() => db.close());

  it("others cannot download A's texts, open its import page, upload to it or replay A's confirmation: 404, nothing changes", async () => {
    const preview = await (
      await clients.aAdmin.post(`/admin/definitions/${published}/translations`, { lang: 'so', file })
    ).text();
    const fields = confirmFields(preview);
    const before = await rowsOf(a);
    const audits = (await auditCount())[0]!.n;
    for (const who of ['bAdmin', 'aCoach', 'aResearcher'] as const) {
      const c = clients[who];
      const exported = await c.get(`/admin/definitions/${published}/translation?lang=so&format=xliff`);
      expect(exported.status, who).toBe(404);
      expect(await exported.text()).not.toContain('trans-unit');
      expect((await c.get(`/admin/definitions/${published}/translations`)).status, who).toBe(404);
      const upload = await c.post(`/admin/definitions/${published}/translations`, { lang: 'so', file });
      expect(upload.status, who).toBe(404);
      expect(await upload.text()).not.toContain('Qoraal cusub');
      expect((await c.post(`/admin/definitions/${published}/translations/confirm`, fields)).status, who).toBe(404);
    }
    expect(await rowsOf(a)).toEqual(before);
    expect((await auditCount())[0]!.n).toBe(audits);
  });

  it('a tampered confirmation naming a text no translator gets is refused; the published version never changes', async () => {
    const preview = await (
      await clients.aAdmin.post(`/admin/definitions/${published}/translations`, { lang: 'so', file })
    ).text();
    const fields = confirmFields(preview);
    const before = await rowsOf(a);
    for (const changes of [
      [{ key: 'meta.scored.x.labels[1]', text: 'x' }],
      [{ key: 'survey.navigateToUrl', text: 'https://evil.example/' }],
      [{ key: translationRows(await store.definitionGet(a.admin, published), 'so')[0]!.key, text: ' ' }],
      'not json',
    ]) {
      const res = await clients.aAdmin.post(`/admin/definitions/${published}/translations/confirm`, {
        ...fields,
        changes: typeof changes === 'string' ? changes : JSON.stringify(changes),
      });
      expect([400, 422], JSON.stringify(changes)).toContain(res.status);
    }
    expect(await rowsOf(a)).toEqual(before);
    // The real confirmation goes into a new draft; the published row stays byte for byte.
    const publishedBefore = await db.query('select * from public.survey_definitions where id = $1', [published]);
    const done = await clients.aAdmin.post(`/admin/definitions/${published}/translations/confirm`, fields);
    expect(done.status).toBe(303);
    expect(done.headers.get('location')).not.toContain(published);
    expect(await db.query('select * from public.survey_definitions where id = $1', [published])).toEqual(
      publishedBefore,
    );
  });
});
