import { describe, expect, it } from 'vitest';
import { reportBasisCsv } from '../../src/research/report-basis/render-csv.ts';
import { reportBasisDocx } from '../../src/research/report-basis/render-docx.ts';
import { ReportBasisPage } from '../../src/research/views/report-basis.tsx';
import { basis } from '../support/report-basis-fixtures.ts';
import { readZipEntry } from '../support/zip.ts';

describe('Rapportunderlag: HTML, Word and CSV carry the same cell texts', () => {
  const b = basis();
  // Rows without their trailing empty cells (a spanning statement or an empty target column).
  const trim = (cells: string[]) => cells.slice(0, cells.findLastIndex((c) => c !== '') + 1);
  const all = b.sections
    .flatMap((s) => s.tables)
    .flatMap((t) => t.rows.map((r) => trim([r.head, ...r.cells.map((c) => c.text)])));

  it('every row of the model is a row of the page, the CSV and the Word document', async () => {
    const html = String(
      ReportBasisPage({
        staff: { id: 's', email: 'r@x', memberships: [] },
        projects: [{ id: 'p', name: 'Ett hållbart arbetsliv' }],
        query: { project: 'p', from: '2025-Q1', to: '2026-Q2' },
        quarters: ['2025-Q1'],
        basis: b,
      }),
    );
    const csv = reportBasisCsv(b).split('\r\n');
    const xml = readZipEntry(new Uint8Array(await reportBasisDocx(b)), 'word/document.xml')!;
    const docxRows = [...xml.matchAll(/<w:tr>([\s\S]*?)<\/w:tr>/g)].map((r) =>
      trim(
        [...r[1]!.matchAll(/<w:tc>([\s\S]*?)<\/w:tc>/g)].map((c) =>
          [...c[1]!.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((x) => x[1]!).join(''),
        ),
      ),
    );
    for (const r of all) {
      const cells = r.map((text) => `<t[hd][^>]*>${text.replace(/[()]/g, '\\$&')}</t[hd]>`).join('\\s*');
      expect(html, r.join(' | ')).toMatch(new RegExp(cells));
      expect(
        csv.some((l) => l.replace(/"/g, '').replace(/;+$/, '') === r.join(';')),
        r.join(';'),
      ).toBe(true);
      expect(docxRows, r.join(' | ')).toContainEqual(r);
    }
    expect(html).toContain('Svar t.o.m. 2026-06-30');
    expect(csv).toContain('Svar t.o.m. 2026-06-30');
    expect(xml).toContain('Svar t.o.m. 2026-06-30');
  });
});
