import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqlExecutor } from '../../src/store/executor.ts';
import type { RpcStore } from '../../src/store/rpc-store.ts';
import { parseTranslationCsv, writeTranslationCsv } from '../../src/surveys/translation-csv.ts';
import { translationRows } from '../../src/surveys/translation-files.ts';
import { loginCookie, testApp } from '../support/app.ts';
import { engines, openTestDatabase } from '../support/db.ts';
import { createWorld, type World } from '../support/fixtures.ts';
import { confirmFields, fileOf, staffClient } from '../support/translation-http.ts';

describe.each(engines)('HTTP: translation export and import on %s', (engine) => {
  let db: SqlExecutor;
  let store: RpcStore;
  let world: World;
  let admin: ReturnType<typeof staffClient>;
  let published: { id: string; version: number };

  beforeAll(async () => {
    ({ db, store } = await openTestDatabase(engine));
    world = await createWorld(store);
    const app = testApp(store).app;
    admin = staffClient(app, await loginCookie(app, world.emails.admin));
    const def = (await store.publishedDefinition(world.admin, 'pagaende'))!;
    published = { id: def.id, version: def.version };
  });
  afterAll(() => db.close());

  const audits = (action: string) =>
    db.query<{ details: Record<string, unknown>; target_id: string }>(
      `select details, target_id from public.audit_log where action = $1 and actor_id = $2 order by id`,
      [action, world.admin.staffId],
    );
  const row = (id: string) =>
    db.query<{ json: unknown; meta: unknown; status: string }>(
      'select json, meta, status from public.survey_definitions where id = $1',
      [id],
    );

  it('exports a published version as XLIFF and CSV with the right names, and audits each download', async () => {
    const xlf = await admin.get(`/admin/definitions/${published.id}/translation?lang=ar&format=xliff`);
    expect(xlf.status).toBe(200);
    expect(xlf.headers.get('content-type')).toBe('application/xliff+xml; charset=utf-8');
    expect(xlf.headers.get('content-disposition')).toBe(`attachment; filename="pagaende-v${published.version}-ar.xlf"`);
    expect(xlf.headers.get('cache-control')).toContain('no-store');
    const text = await xlf.text();
    expect(text).toContain('source-language="sv" target-language="ar"');
    expect(text).toMatch(/<trans-unit id="q:paverka_plan\.title" xml:space="preserve">\s*<source>[^<]+<\/source>/);
    const csv = await admin.get(`/admin/definitions/${published.id}/translation?lang=so&format=csv`);
    expect(csv.headers.get('content-disposition')).toBe(`attachment; filename="pagaende-v${published.version}-so.csv"`);
    const body = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await csv.arrayBuffer());
    expect(body.startsWith('\uFEFFkey,context,sv,en,so\r\n')).toBe(true);
    expect(
      (await audits('definition.translation_exported')).map((a) => [a.target_id, a.details.lang, a.details.format]),
    ).toEqual([
      [published.id, 'ar', 'xliff'],
      [published.id, 'so', 'csv'],
    ]);
  });

  it('offers the page in English when the staff pages are in English, and warns about locked wording', async () => {
    const page = await (await admin.get(`/admin/definitions/${published.id}/translations?lang=en`)).text();
    expect(page).toContain('Download for translation');
    expect(page).toContain('<option value="ar">العربية (Arabic)</option>');
    // WAI as a licensed instrument: its next version locks the wording.
    const draft = await store.createDefinitionDraft(
      world.admin,
      (await store.publishedDefinition(world.admin, 'wai'))!.id,
    );
    const meta = { ...(draft.meta as Record<string, unknown>), lockedWording: true };
    await store.saveDefinitionDraft(world.admin, { id: draft.id, json: draft.json, meta });
    const locked = await store.publishDefinition(world.admin, {
      id: draft.id,
      json: draft.json,
      meta,
      confirmations: [],
    });
    const wai = await store.definitionGet(world.admin, locked.id);
    const rows = translationRows(wai, 'so');
    rows[0]!.target = 'Su aal cusub';
    const preview = await admin.post(`/admin/definitions/${wai.id}/translations`, {
      lang: 'so',
      file: fileOf(writeTranslationCsv(rows, 'so'), 'wai-so.csv'),
    });
    expect(await preview.text()).toContain('Formuleringarna är låsta (licensierat instrument)');
  });

  it('refuses an unknown language or format, and Swedish itself', async () => {
    for (const q of ['lang=sv&format=csv', 'lang=xx_1&format=csv', 'lang=ar&format=docx', 'format=csv'])
      expect((await admin.get(`/admin/definitions/${published.id}/translation?${q}`)).status, q).toBe(400);
  });

  it('shows what a CSV changes (changed, unchanged, empty, unknown, source changed), then writes it into a new draft only', async () => {
    const before = await row(published.id);
    const def = await store.definitionGet(world.admin, published.id);
    const rows = translationRows(def, 'so');
    rows[0]!.target = 'Cinwaan cusub';
    rows[1]!.target = 'Qoraal cusub';
    rows[1]!.sv = 'En äldre svensk text';
    rows[2]!.target = '';
    rows.push({ key: 'q:finns_inte.title', context: '', sv: 'x', en: '', target: 'y' });
    const page = await admin.post(`/admin/definitions/${published.id}/translations`, {
      lang: 'so',
      file: fileOf(writeTranslationCsv(rows, 'so'), 'pagaende-so.csv'),
    });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toMatch(/<strong>2<\/strong> ändrade texter/);
    expect(html).toMatch(/<strong>1<\/strong> tomma i filen/);
    expect(html).toMatch(/<strong>1<\/strong> okända nycklar/);
    expect(html).toMatch(/<strong>1<\/strong> svensk källtext ändrad sedan exporten/);
    expect(html).toContain('Cinwaan cusub');
    expect(html).toContain('q:finns_inte.title');
    // Nothing is stored by the preview.
    expect(
      (await store.definitionList(world.admin))
        .find((e) => e.key === 'pagaende')!
        .versions.some((v) => v.status === 'draft'),
    ).toBe(false);

    const done = await admin.post(`/admin/definitions/${published.id}/translations/confirm`, confirmFields(html));
    expect(done.status).toBe(303);
    const draftId = /\/admin\/definitions\/([0-9a-f-]{36})\?klart=translated$/.exec(done.headers.get('location')!)![1]!;
    const draft = await store.definitionGet(world.admin, draftId);
    expect(draft).toMatchObject({ status: 'draft', version: published.version + 1 });
    const after = new Map(translationRows(draft, 'so').map((r) => [r.key, r.target]));
    expect(after.get(rows[0]!.key)).toBe('Cinwaan cusub');
    expect(after.get(rows[1]!.key)).toBe('Qoraal cusub');
    expect(after.get(rows[2]!.key)).toBe(translationRows(def, 'so')[2]!.target);
    expect(await row(published.id)).toEqual(before);
    expect((await audits('definition.translation_imported')).at(-1)).toMatchObject({
      target_id: draftId,
      details: { lang: 'so', format: 'csv', changed: 2, version: published.version + 1 },
    });
  });

  it('imports XLIFF into the existing draft; a draft saved after the preview is refused and left alone', async () => {
    const current = (await store.definitionList(world.admin)).find((e) => e.key === 'pagaende')!;
    const draftId = current.versions.find((v) => v.status === 'draft')!.id;
    const xlf = await (await admin.get(`/admin/definitions/${published.id}/translation?lang=ar&format=xliff`)).text();
    const edited = xlf.replace(
      /(<trans-unit id="q:paverka_plan\.title"[\s\S]*?<target state=")[^"]*">[^<]*/,
      '$1translated">عنوان جديد',
    );
    const page = await (
      await admin.post(`/admin/definitions/${published.id}/translations`, { lang: 'ar', file: fileOf(edited, 'x.xlf') })
    ).text();
    expect(page).toMatch(/<strong>1<\/strong> ändrade texter/);
    expect(page).toContain('dir="rtl"');
    // Someone saves the draft meanwhile: the preview no longer says what would change.
    const draft = await store.definitionGet(world.admin, draftId);
    await store.saveDefinitionDraft(world.admin, { id: draftId, json: draft.json, meta: draft.meta as never });
    const saved = await row(draftId);
    const stale = await admin.post(`/admin/definitions/${draftId}/translations/confirm`, confirmFields(page));
    expect(stale.status).toBe(409);
    expect(await stale.text()).toContain('Utkastet har ändrats sedan du såg ändringarna');
    expect(await row(draftId)).toEqual(saved);
    // Again, from the draft's own page this time.
    const again = await (
      await admin.post(`/admin/definitions/${draftId}/translations`, { lang: 'ar', file: fileOf(edited, 'x.xlf') })
    ).text();
    const done = await admin.post(`/admin/definitions/${draftId}/translations/confirm`, confirmFields(again));
    expect(done.headers.get('location')).toBe(`/admin/definitions/${draftId}?klart=translated`);
    const titles = translationRows(await store.definitionGet(world.admin, draftId), 'ar');
    expect(titles.find((r) => r.key === 'q:paverka_plan.title')!.target).toBe('عنوان جديد');
  });

  it('refuses bad files with a clear message in the staff language, storing nothing', async () => {
    const draftId = (await store.definitionList(world.admin))
      .find((e) => e.key === 'pagaende')!
      .versions.find((v) => v.status === 'draft')!.id;
    const before = await row(draftId);
    const csv = writeTranslationCsv(translationRows(await store.definitionGet(world.admin, draftId), 'ar'), 'ar');
    const bad: [string, string | File, RegExp][] = [
      [
        'ar',
        fileOf('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><xliff/>', 'x.xlf'),
        /DOCTYPE- eller ENTITY/,
      ],
      ['so', fileOf(csv, 'x.csv'), /Filen gäller språket &quot;ar&quot;, inte &quot;so&quot;/],
      ['ar', new File([new Uint8Array([0x6b, 0x65, 0x79, 0xe5, 0xff])], 'x.csv'), /inte sparad som UTF-8/],
      ['ar', fileOf('', 'x.csv'), /Välj en fil/],
      ['ar', fileOf(csv.replace('\r\n', '\r\nq:x,1,2\r\n'), 'x.csv'), /Rad 2: 3 kolumner, ska vara 5/],
    ];
    for (const [lang, file, message] of bad) {
      const res = await admin.post(`/admin/definitions/${draftId}/translations`, { lang, file });
      expect(res.status, String(message)).toBe(422);
      const html = await res.text();
      expect(html).toContain('Filen gick inte att läsa som en översättningsfil. Inget har sparats.');
      expect(html).toMatch(message);
    }
    const english = await admin.post(`/admin/definitions/${draftId}/translations?lang=en`, {
      lang: 'ar',
      file: bad[0]![1],
    });
    expect(english.status).toBe(422);
    expect(await english.text()).toMatch(/could not be read as a translation file[\s\S]*DOCTYPE or ENTITY declaration/);
    const huge = await admin.post(`/admin/definitions/${draftId}/translations`, {
      lang: 'ar',
      file: fileOf(csv + `q:x,c,s,e,${'ا'.repeat(400_000)}\r\n`, 'big.csv'),
    });
    expect(huge.status).toBe(413);
    expect(await row(draftId)).toEqual(before);
    expect(parseTranslationCsv(csv, 'ar').rows.length).toBeGreaterThan(20);
  });
});
