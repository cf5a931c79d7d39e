import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqlExecutor } from '../../src/store/executor.ts';
import type { RpcStore } from '../../src/store/rpc-store.ts';
import { loginCookie, testApp } from '../support/app.ts';
import { openTestDatabase } from '../support/db.ts';
import {
  closeQuarters,
  createWorld,
  enrol,
  enrolWithConsent,
  pagaendeAnswers,
  type World,
} from '../support/fixtures.ts';
import { readZipEntry } from '../support/zip.ts';

type App = ReturnType<typeof testApp>['app'];
const NBSP = '\u00a0';
const ITEM = 'Stödet från min coach har varit till hjälp för mig.';
const FEW_ITEM = 'Jag känner mig mer redo att arbeta eller studera än innan jag började.';

/** Text without tags and with entities the page uses decoded, whitespace collapsed. */
const textOf = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/[ \t\r\n]+/g, ' ');

/** The cells of each row of the table with the given data-testid, as texts. */
function tableRows(html: string, testId: string): string[][] {
  const table = new RegExp(`<table data-testid="${testId}">([\\s\\S]*?)</table>`).exec(html)?.[1];
  if (!table) throw new Error(`no table ${testId}`);
  return [...table.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map((m) =>
    [...m[1]!.matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((c) => textOf(c[1]!).trim()),
  );
}

describe('HTTP: Rapportunderlag (page, Word, CSV)', () => {
  let db: SqlExecutor;
  let store: RpcStore;
  let world: World;
  let elsewhere: World;
  let app: App;
  const cookies: Record<string, string> = {};

  beforeAll(async () => {
    ({ db, store } = await openTestDatabase('pglite'));
    world = await createWorld(store);
    elsewhere = await createWorld(store);
    ({ app } = testApp(store));
    await db.query(`update public.projects set settings = settings || '{"target_participants": 45}' where id = $1`, [
      world.projectId,
    ]);
    const today = (await db.query<{ today: string }>(`select current_date::text as today`))[0]!.today;
    // Ten answers: five 2s and five 5s on every item (mean 3.5, SD √2.5 = 1.5811, median 3.5), but
    // only three answer "mer redo" (too few to show). Then 12 enrolled, 10 exited: 5 to work.
    for (let i = 0; i < 10; i++) {
      const who = await enrolWithConsent(store, world);
      const def = await store.publishedDefinition(who, 'pagaende');
      const answers = pagaendeAnswers(i < 5 ? 2 : 5, { mer_redo: i < 3 ? 4 : 'none' });
      await store.submitResponse(who, { id: crypto.randomUUID(), definition_id: def!.id, answers });
      await store.registerExit(world.coach, {
        participant_id: who.participantId,
        exited_on: today,
        reason: i % 2 === 0 ? 'arbete' : 'fortsatt_rehabilitering',
      });
    }
    for (let i = 0; i < 2; i++) await enrol(store, world);
    await closeQuarters(db, world.projectId);
    // The register figures count closed quarters too: enrolments and exits a year back as well.
    await db.query(
      `update public.participants set enrolled_at = enrolled_at - interval '1 year',
              exited_at = exited_at - interval '1 year' where project_id = $1`,
      [world.projectId],
    );
    for (const who of ['researcher', 'coach', 'admin', 'otherResearcher'] as const)
      cookies[who] = await loginCookie(app, world.emails[who]);
    cookies.elsewhere = await loginCookie(app, elsewhere.emails.researcher);
  });
  afterAll(() => db.close());

  const get = (path: string, who: string) => app.request(path, { headers: { cookie: cookies[who]! } });
  const exports = () =>
    db.query<{ target_type: string; format: string | null }>(
      `select target_type, details ->> 'format' as format from public.audit_log
       where project_id = $1 and action = 'research.export' order by id`,
      [world.projectId],
    );

  it('shows the funder tables and the item table with decimal commas, suppression and the period', async () => {
    const res = await get(`/research/rapportunderlag?project=${world.projectId}`, 'researcher');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toContain('no-store');
    const html = await res.text();
    expect(textOf(html)).toMatch(/Svar t\.o\.m\. (\d{4}-\d{2}-\d{2}|\d{4} kv [1-4])/);
    expect(tableRows(html, 'basis-deltagare')).toEqual([
      ['', 'Antal', 'Mål', 'Andel av målet'],
      ['Inskrivna deltagare', '12', '45', `27${NBSP}%`],
    ]);
    const exits = tableRows(html, 'basis-avslut');
    expect(exits).toContainEqual(['Arbete', '5', `50${NBSP}%`]);
    expect(exits).toContainEqual(['Fortsatt rehabilitering', '5', `50${NBSP}%`]);
    expect(exits.at(-1)).toEqual(['Totalt avslutade', '10', `100${NBSP}%`]);
    expect(tableRows(html, 'basis-sysselsattning')).toContainEqual([
      'Arbete, studier eller annan sysselsättning',
      '5',
      `50${NBSP}%`,
    ]);
    expect(textOf(html)).toContain(
      `Mål: 40${NBSP}% till arbete, studier eller annan sysselsättning. Utfall 50${NBSP}%: målet är nått.`,
    );

    const items = tableRows(html, 'basis-pagaende-pagaende-v1');
    expect(items[0]).toEqual(['Fråga', 'n', 'Medel (SD)', 'Median', 'Fördelning']);
    const row = items.find((r) => r[0] === ITEM)!;
    expect(row.slice(0, 4)).toEqual([ITEM, '10', '3,50 (1,58)', '3,5']);
    expect(items.find((r) => r[0] === FEW_ITEM)).toEqual([FEW_ITEM, 'för få svar']);
    // The same distribution the API gives, in words ("2: 5" in full form, a band holding 2 otherwise).
    expect(row[4]).toMatch(/(^|, )(2|1–2|1–3): (5|–)/);
    // No answers yet to WAI or Avslut: said, not left blank.
    expect(textOf(html)).toContain('När stödet slutar: för få svar för att visas (färre än 5).');
  });

  it('is linked from the research page with the same project and period', async () => {
    const html = await (await get(`/research?project=${world.projectId}&from=2025-Q1`, 'researcher')).text();
    expect(html).toContain(`href="/research/rapportunderlag?project=${world.projectId}&amp;from=2025-Q1"`);
  });

  it('the CSV has the same figures, semicolons and decimal commas, and is audited', async () => {
    const before = (await exports()).length;
    const res = await get(`/api/research/rapportunderlag.csv?project=${world.projectId}`, 'researcher');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="rapportunderlag.csv"');
    const lines = (await res.text()).replace(/^\uFEFF/, '').split('\r\n');
    expect(lines).toContain(`Inskrivna deltagare;12;45;27${NBSP}%`);
    expect(lines).toContain(`Arbete;5;50${NBSP}%`);
    expect(lines).toContain('Fråga;n;Medel (SD);Median;Fördelning');
    // Cells holding a comma are quoted (valid CSV; Excel reads them as the text shown).
    expect(lines.some((l) => l.startsWith(`${ITEM};10;"3,50 (1,58)";"3,5";`))).toBe(true);
    expect(lines).toContain(`${FEW_ITEM};för få svar;;;`);
    expect(lines.some((l) => /^Svar t\.o\.m\. /.test(l))).toBe(true);
    const audit = (await exports()).slice(before);
    expect(audit).toEqual([
      { target_type: 'survey', format: 'rapportunderlag-csv' },
      { target_type: 'survey', format: 'rapportunderlag-csv' },
      { target_type: 'survey', format: 'rapportunderlag-csv' },
      { target_type: 'outcomes', format: 'json' },
    ]);
  });

  it('the Word document holds real tables with the same figures, and is audited', async () => {
    const before = (await exports()).length;
    const res = await get(`/api/research/rapportunderlag.docx?project=${world.projectId}`, 'admin');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
    const xml = readZipEntry(new Uint8Array(await res.arrayBuffer()), 'word/document.xml')!;
    const tables = [...xml.matchAll(/<w:tbl>([\s\S]*?)<\/w:tbl>/g)].map((t) =>
      [...t[1]!.matchAll(/<w:tr>([\s\S]*?)<\/w:tr>|<w:tr [^>]*>([\s\S]*?)<\/w:tr>/g)].map((r) =>
        [...(r[1] ?? r[2])!.matchAll(/<w:tc>([\s\S]*?)<\/w:tc>/g)].map((c) =>
          [...c[1]!.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((x) => x[1]).join(''),
        ),
      ),
    );
    const allRows = tables.flat();
    expect(allRows).toContainEqual(['Inskrivna deltagare', '12', '45', `27${NBSP}%`]);
    expect(allRows).toContainEqual(['Arbete', '5', `50${NBSP}%`]);
    expect(allRows.find((r) => r[0] === ITEM)?.slice(0, 4)).toEqual([ITEM, '10', '3,50 (1,58)', '3,5']);
    expect(allRows).toContainEqual([FEW_ITEM, 'för få svar']);
    expect(xml).toContain('Heading1');
    expect(xml).toMatch(/Svar t\.o\.m\. /);
    expect((await exports()).slice(before).map((a) => a.format)).toEqual([
      'rapportunderlag-docx',
      'rapportunderlag-docx',
      'rapportunderlag-docx',
      'json',
    ]);
  });

  it('is 404 for a coach, another project’s and another organisation’s researcher; nothing leaks or is logged', async () => {
    const before = (await exports()).length;
    const paths = [
      '/research/rapportunderlag',
      '/api/research/rapportunderlag.csv',
      '/api/research/rapportunderlag.docx',
    ];
    for (const who of ['coach', 'otherResearcher', 'elsewhere'])
      for (const path of paths) {
        const res = await get(`${path}?project=${world.projectId}`, who);
        expect(res.status, `${who} ${path}`).toBe(404);
        const body = await res.text();
        expect(body).not.toContain('Inskrivna');
        expect(body).not.toContain('3,50');
      }
    expect(await exports()).toHaveLength(before);
    expect((await app.request(`/api/research/rapportunderlag.csv?project=${world.projectId}`)).status).toBe(401);
  });

  it('refuses an unknown parameter, a bad quarter and a period that ends before it starts (400)', async () => {
    const base = `/research/rapportunderlag?project=${world.projectId}`;
    for (const q of ['&survey=wai', '&from=2025-Q5', '&from=2026-Q2&to=2025-Q1', '&project=x'])
      expect((await get(base + q, 'researcher')).status, q).toBe(400);
  });
});
