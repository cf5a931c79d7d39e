/**
 * The syntax downloads: the same guard as the CSV they load (row-level: an admin's grant; the
 * aggregates: a researcher or admin of the project), each download audited, variables exactly the
 * CSV's columns. Stata cannot run here, so the .do file is checked by reading it: every variable
 * labelled, value labels defined and attached, missing codes turned into extended missing values.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MISSING_CODES } from '../../src/research/missing-codes.ts';
import { STATA_MISSING } from '../../src/research/syntax/stata.ts';
import { exportWorld, type ExportWorld } from '../support/export-data.ts';
import { parseCsv } from '../support/export-tools.ts';

describe('HTTP: syntax files for the CSV exports', () => {
  let w: ExportWorld;
  beforeAll(async () => (w = await exportWorld()));
  afterAll(() => w?.db.close());

  const get = (path: string, cookie?: string) => w.app.request(path, { headers: cookie ? { cookie } : {} });
  const rows = (ext: string, survey = 'wai', extra = '') =>
    `/api/research/rows.${ext}?project=${w.world.projectId}&survey=${survey}${extra}`;
  const audit = async (action: string) =>
    w.db.query<{ details: Record<string, unknown>; actor_id: string }>(
      'select details, actor_id from public.audit_log where action = $1 and project_id = $2 order by id',
      [action, w.world.projectId],
    );
  const text = async (path: string, cookie: string) => {
    const res = await get(path, cookie);
    expect(res.status, path).toBe(200);
    return new TextDecoder('utf-8', { ignoreBOM: true }).decode(await res.arrayBuffer());
  };

  it('row-level syntax needs the grant: 401 signed out, 404 for the admin and coach without one, nothing audited', async () => {
    const before = (await audit('research.row_export_syntax')).length;
    for (const ext of ['sps', 'R', 'do']) {
      expect((await get(rows(ext))).status).toBe(401);
      for (const who of ['admin', 'coach'] as const) {
        const res = await get(rows(ext), w.cookies[who]);
        expect(res.status, `${who} ${ext}`).toBe(404);
        const body = await res.text();
        expect(body).not.toContain('wai_1_formaga');
      }
      // Another project's id (the researcher holds no grant there) is no way round it.
      const other = await get(rows(ext).replace(w.world.projectId, w.world.otherProjectId), w.cookies.researcher);
      expect(other.status).toBe(404);
    }
    expect((await audit('research.row_export_syntax')).length).toBe(before);
  });

  it('each row-level syntax download is audited with its format and free-text choice', async () => {
    const before = (await audit('research.row_export_syntax')).length;
    for (const ext of ['sps', 'R', 'do']) await text(rows(ext), w.cookies.researcher);
    const entries = (await audit('research.row_export_syntax')).slice(before);
    expect(entries.map((e) => e.details.format)).toEqual(['sps', 'r', 'do']);
    expect(entries.every((e) => e.details.survey_key === 'wai' && e.details.include_free_text === false)).toBe(true);
  });

  it('aggregates syntax has the aggregates CSV guard and audit: coach 404, researcher 200 audited as an export', async () => {
    const url = (ext: string) => `/api/research/aggregates.${ext}?project=${w.world.projectId}&survey=pagaende`;
    const before = (await audit('research.export')).length;
    for (const ext of ['sps', 'R', 'do']) {
      expect((await get(url(ext), w.cookies.coach)).status).toBe(404);
      await text(url(ext), w.cookies.researcher);
    }
    const entries = (await audit('research.export')).slice(before);
    expect(entries.map((e) => e.details.format)).toEqual(['sps', 'r', 'do']);
  });

  it('a revoked grant stops the syntax downloads too', async () => {
    const grants = (method: string) =>
      w.app.request('/api/admin/export-grants', {
        method,
        headers: { cookie: w.cookies.admin, 'content-type': 'application/json', origin: 'http://localhost' },
        body: JSON.stringify({ project_id: w.world.projectId, staff_email: w.world.emails.researcher }),
      });
    expect((await grants('DELETE')).status).toBe(200);
    expect((await get(rows('sps'), w.cookies.researcher)).status).toBe(404);
    expect((await grants('POST')).status).toBe(201);
    expect((await get(rows('sps'), w.cookies.researcher)).status).toBe(200);
  });

  for (const survey of ['wai', 'pagaende']) {
    it(`${survey}: every syntax file names exactly the CSV's columns, in order`, async () => {
      const [header] = parseCsv(await text(rows('csv', survey), w.cookies.researcher));
      const sps = await text(rows('sps', survey), w.cookies.researcher);
      const block = /\/VARIABLES=\n([\s\S]*?)\n\./.exec(sps)![1]!;
      const spsNames = block
        .split('\n')
        .map((l) => l.trim().split(' ')[0]!)
        .map((n, i) => (n.startsWith('enkat_raw_') ? header![i] : n));
      expect(spsNames).toEqual(header);
      const r = await text(rows('R', survey), w.cookies.researcher);
      expect(/names\(d\) <- c\((.*)\)/.exec(r)![1]).toBe(header!.map((h) => JSON.stringify(h)).join(', '));
      const dofile = await text(rows('do', survey), w.cookies.researcher);
      const rename = /^rename \((.*)\) \((.*)\)$/m.exec(dofile)!;
      expect(rename[1]!.split(' ')).toEqual(header!.map((_, i) => `v${i + 1}`));
      expect(rename[2]!.split(' ')).toEqual(header);
    });
  }

  it('the Stata do-file labels every variable, defines and attaches value labels, and decodes missing codes', async () => {
    const dofile = await text(rows('do', 'pagaende'), w.cookies.researcher);
    const [header] = parseCsv(await text(rows('csv', 'pagaende'), w.cookies.researcher));
    const [cbHeader, ...cbRows] = parseCsv(
      await text(`/api/research/codebook.csv?project=${w.world.projectId}&survey=pagaende`, w.cookies.researcher),
    );
    const cb = (name: string, column: string) =>
      cbRows.find((r) => r[cbHeader!.indexOf('variable')] === name)![cbHeader!.indexOf(column)]!;
    const lines = dofile.split('\n');
    const has = (line: string) => expect(lines, line).toContain(line);
    for (const name of header!) expect(lines.some((l) => l.startsWith(`label variable ${name} \`"`))).toBe(true);
    for (const name of header!.filter((n) => cbRows.some((r) => r[cbHeader!.indexOf('variable')] === n))) {
      has(`label variable ${name} \`"${cb(name, 'wording_sv').slice(0, 80)}"'`);
      if (cb(name, 'numeric') !== '1') continue;
      // Values "1 = … | … | none [-991] = …": numbers as they are, text answers by their missing letter.
      const pairs = cb(name, 'values_sv')
        .split(' | ')
        .map((part) => /^(\S+)(?: \[(-?\d+)\])? = (.*)$/.exec(part)!)
        .map(([, code, n, label]) => `${n === undefined ? code : STATA_MISSING[Number(n)]} \`"${label}"'`);
      has(`label define ${name} ${pairs.join(' ')}, replace`);
      has(`label values ${name} ${name}`);
      has(`destring ${name}, replace`);
    }
    has('replace stod_till_hjalp = "-991" if stod_till_hjalp == `"none"\'');
    has('mvdecode stod_till_hjalp, mv(-991=.a)');
    has('generate double enkat_date = date(submitted_on, "YMD")');
    expect(lines).toContain(
      `import delimited using \`"rader-pagaende.csv"', delimiters(",") varnames(nonames) rowrange(2) encoding("utf-8") bindquotes(strict) stringcols(_all) clear`,
    );
  });

  it('the WAI do-file decodes each derived missing code to its own extended missing value', async () => {
    const dofile = await text(rows('do', 'wai'), w.cookies.researcher);
    const na = MISSING_CODES.notApplicable;
    const nc = MISSING_CODES.notComputable;
    expect(dofile).toContain(`mvdecode wai_change, mv(${na.code}=.n \\ ${nc.code}=.c)`);
    expect(dofile).toContain(`label define wai_change .n \`"${na.sv}"' .c \`"${nc.sv}"', replace`);
    expect(dofile).toContain(`label define wai_category 1 \`"Dålig (7–27)"'`);
    // Stata has no labels for text: a text question's choices are in its notes.
    expect(dofile).toMatch(/^notes wai_2_arbetets_art: `"Värden: physical = .*"'$/m);
  });

  it('the research page offers the syntax files next to the CSV downloads', async () => {
    const q = `project=${w.world.projectId}&survey=wai`;
    const page = async (who: 'researcher' | 'admin') =>
      (await text(`/research?${q}`, w.cookies[who])).replaceAll('&amp;', '&');
    const granted = await page('researcher');
    for (const ext of ['sps', 'R', 'do']) {
      expect(granted).toContain(`href="/api/research/rows.${ext}?${q}"`);
      expect(granted).toMatch(new RegExp(`href="/api/research/aggregates\\.${ext}\\?[^"]*survey=wai`));
    }
    // The admin holds no grant: no row-level links, the aggregates ones only.
    const admin = await page('admin');
    expect(admin).not.toContain('/api/research/rows.sps');
    expect(admin).toContain('/api/research/aggregates.sps');
  });

  it('the codebook page explains the missing codes and lists the derived WAI variables', async () => {
    const html = await text(`/research/codebook?survey=wai&project=${w.world.projectId}`, w.cookies.researcher);
    expect(html).toContain('data-testid="missing-codes"');
    for (const m of Object.values(MISSING_CODES)) expect(html).toContain(`<code>${m.code}</code> = ${m.sv}`);
    for (const name of ['wai_total', 'wai_category', 'wai_change']) expect(html).toContain(`<code>${name}</code>`);
  });
});
