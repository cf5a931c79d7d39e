/**
 * Attack: a researcher (holding a row-level export grant) tries to learn which participants
 * answered in a rare language. The language someone answered in hints at their origin, and a coach
 * knows who speaks Tigrinya. With two of ten answering in Tigrinya (privacy minimum 5), no output
 * shows a Tigrinya count, the Swedish count that would give it back from the total is hidden too,
 * no row-level export or aggregate carries a language, and a filter by language is refused or
 * has no effect (issue 20, point 6; docs/disclosure-control.md, rule 5).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqlExecutor } from '../../src/store/executor.ts';
import type { RpcStore } from '../../src/store/rpc-store.ts';
import { loginCookie, testApp } from '../support/app.ts';
import { openTestDatabase } from '../support/db.ts';
import { closeQuarters, createWorld, enrolWithConsent, pagaendeAnswers, type World } from '../support/fixtures.ts';

/** A language in a CSV: the field, or Tigrinya by code or name. */
const MARKERS = [/\blocale\b/i, /tigrinska|tigrinya|ትግርኛ/i, /(^|[",;])ti([",;]|$)/m, /answer_language/i];

/**
 * In JSON, a field naming a language or a value that is one. (Keys "ti" are fine: a definition's
 * title carries its Tigrinya translation under one.)
 */
function languageIn(value: unknown, path = '$'): string | null {
  if (typeof value === 'string') return value === 'ti' || /tigrinska|tigrinya/i.test(value) ? path : null;
  if (Array.isArray(value)) return value.map((v, i) => languageIn(v, `${path}[${i}]`)).find(Boolean) ?? null;
  if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) {
      if (/locale|language/i.test(k)) return `${path}.${k}`;
      const found = languageIn(v, `${path}.${k}`);
      if (found) return found;
    }
  return null;
}

describe('attack: which participants answered in a rare language', () => {
  let db: SqlExecutor;
  let store: RpcStore;
  let world: World;
  let app: ReturnType<typeof testApp>['app'];
  let researcher = '';

  beforeAll(async () => {
    ({ db, store } = await openTestDatabase('pglite'));
    world = await createWorld(store);
    const def = (await store.publishedDefinition(world.coach, 'pagaende'))!;
    for (let i = 0; i < 10; i++) {
      const who = await enrolWithConsent(store, world);
      await store.submitResponse(who, {
        id: crypto.randomUUID(),
        definition_id: def.id,
        answers: pagaendeAnswers(1 + (i % 6)),
        locale: i < 2 ? 'ti' : 'sv',
      });
    }
    await closeQuarters(db, world.projectId);
    ({ app } = testApp(store));
    await store.grantRowExport(world.admin, {
      project_id: world.projectId,
      staff_id: world.researcher.staffId,
      include_free_text: true,
    });
    researcher = await loginCookie(app, world.emails.researcher);
  });
  afterAll(() => db.close());

  const get = async (path: string) => {
    const res = await app.request(path, { headers: { cookie: researcher } });
    return { status: res.status, text: await res.text() };
  };

  it('the data holds two Tigrinya answers among ten (the attack has something to find)', async () => {
    const rows = await db.query<{ locale: string; n: number }>(
      `select locale, count(*)::int as n from public.responses where project_id = $1 group by locale order by locale`,
      [world.projectId],
    );
    expect(rows).toEqual([
      { locale: 'sv', n: 8 },
      { locale: 'ti', n: 2 },
    ]);
  });

  it('the codebook and the Rapportunderlag show no Tigrinya count, nor the Swedish one that gives it back', async () => {
    const p = `project=${world.projectId}`;
    const page = await get(`/research/codebook?survey=pagaende&${p}`);
    expect(page.status).toBe(200);
    const rowOf = (html: string, lang: string) =>
      new RegExp(`<tr data-language="${lang}">([\\s\\S]*?)</tr>`).exec(html)?.[1] ?? '';
    for (const lang of ['ti', 'sv']) expect(rowOf(page.text, lang)).toMatch(/<td class="suppressed">för få<\/td>/);
    expect(page.text).toMatch(/<th scope="row">Totalt<\/th><td>10<\/td>/);

    const csv = (await get(`/api/research/codebook.csv?survey=pagaende&${p}`)).text;
    expect(csv).toContain('\r\nsv,svenska,Swedish,-997\r\nti,tigrinska,Tigrinya,-997\r\ntotal,totalt,total,10\r\n');

    const basis = (await get(`/research/rapportunderlag?${p}`)).text;
    expect(basis).not.toMatch(/tigrinska<\/th><td[^>]*>[^<]*\d/);
    expect(basis).not.toMatch(/svenska<\/th><td[^>]*>[^<]*\d/);
    const basisCsv = (await get(`/api/research/rapportunderlag.csv?${p}`)).text;
    expect(basisCsv).toContain('\r\ntigrinska;för få;för få;för få\r\n');
    expect(basisCsv).toContain('\r\nsvenska;för få;för få;för få\r\n');
  });

  it('no row-level export or aggregate carries a language', async () => {
    const p = `project=${world.projectId}&survey=pagaende`;
    for (const path of [`/api/research/rows.csv?${p}`, `/api/research/aggregates.csv?${p}`]) {
      const res = await get(path);
      expect(res.status, path).toBe(200);
      expect(res.text.length, path).toBeGreaterThan(100);
      for (const marker of MARKERS) expect(res.text, `${path} matches ${marker}`).not.toMatch(marker);
    }
    const jsonl = (await get(`/api/research/rows.jsonl?${p}`)).text.trim().split('\n');
    expect(jsonl.length).toBeGreaterThanOrEqual(10);
    for (const line of jsonl) expect(languageIn(JSON.parse(line))).toBeNull();
    expect(languageIn(JSON.parse((await get(`/api/research/aggregates?${p}`)).text))).toBeNull();
    const rows = (await get(`/api/research/rows.csv?${p}`)).text.trimEnd().split('\r\n');
    expect(rows.length).toBe(11);
  });

  it('a filter by language is refused (figures) or has no effect (row export)', async () => {
    const p = `project=${world.projectId}&survey=pagaende`;
    for (const extra of ['locale=ti', 'language=ti']) {
      const res = await get(`/api/research/aggregates?${p}&${extra}`);
      expect(res.status, extra).toBe(400);
      expect(Object.keys(JSON.parse(res.text) as object)).toEqual(['error']);
    }
    const all = (await get(`/api/research/rows.csv?${p}`)).text;
    const filtered = (await get(`/api/research/rows.csv?${p}&locale=ti`)).text;
    const count = (text: string) => text.trimEnd().split('\r\n').length;
    expect(count(filtered)).toBe(count(all));
  });
});
