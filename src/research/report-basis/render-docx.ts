import {
  AlignmentType,
  Document,
  HeadingLevel,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import { TOO_FEW_ANSWERS } from './format.ts';
import { cellWidth, type BasisRow, type BasisTable, type ReportBasis } from './model.ts';

type Align = (typeof AlignmentType)[keyof typeof AlignmentType];

function cell(text: string, opts: { bold?: boolean; italics?: boolean; align?: Align; span?: number } = {}) {
  return new TableCell({
    ...(opts.span && opts.span > 1 ? { columnSpan: opts.span } : {}),
    children: [
      new Paragraph({
        alignment: opts.align ?? AlignmentType.LEFT,
        children: [new TextRun({ text, bold: opts.bold, italics: opts.italics })],
      }),
    ],
  });
}

function bodyRow(t: BasisTable, r: BasisRow): TableRow {
  let column = 1;
  const cells = r.cells.map((c) => {
    const left = c.span !== undefined || (t.textColumns ?? []).includes(column);
    column += c.span ?? 1;
    return cell(c.text, {
      bold: r.total,
      italics: c.kind !== undefined,
      align: left ? AlignmentType.LEFT : AlignmentType.RIGHT,
      span: c.span,
    });
  });
  // Rows shorter than the heading row get an empty cell, so Word keeps the grid rectangular.
  const missing = t.columns.length - 1 - cellWidth(r.cells);
  if (missing > 0) cells.push(cell('', { span: missing }));
  return new TableRow({ children: [cell(r.head, { bold: r.total }), ...cells] });
}

function table(t: BasisTable): Table {
  const head = new TableRow({
    tableHeader: true,
    children: t.columns.map((c, i) =>
      cell(c, {
        bold: true,
        align: i === 0 || (t.textColumns ?? []).includes(i) ? AlignmentType.LEFT : AlignmentType.RIGHT,
      }),
    ),
  });
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [head, ...t.rows.map((r) => bodyRow(t, r))],
  });
}

function tableParts(t: BasisTable): (Paragraph | Table)[] {
  const parts: (Paragraph | Table)[] = [new Paragraph({ text: t.title, heading: HeadingLevel.HEADING_3 })];
  if (t.caption) parts.push(new Paragraph({ text: t.caption }));
  if (t.empty) parts.push(new Paragraph({ children: [new TextRun({ text: t.empty, italics: true })] }));
  if (t.rows.length > 0) parts.push(table(t));
  for (const n of t.notes ?? []) parts.push(new Paragraph({ text: n }));
  return parts;
}

/** The Rapportunderlag as a Word document: headings, real Word tables, the page's figures. */
export function reportBasisDocx(b: ReportBasis): Promise<ArrayBuffer> {
  const children: (Paragraph | Table)[] = [
    new Paragraph({ text: `Rapportunderlag: ${b.projectName}`, heading: HeadingLevel.HEADING_1 }),
    new Paragraph({ text: `Period: ${b.period}` }),
    new Paragraph({ children: [new TextRun({ text: b.answersThrough, bold: true })] }),
    new Paragraph({
      text: `Minsta gruppstorlek: ${b.minGroup}. Siffror som bygger på färre visas som ”${TOO_FEW_ANSWERS}” eller ”för få”.`,
    }),
    new Paragraph({ text: `Framtaget: ${b.made}` }),
  ];
  for (const s of b.sections) {
    children.push(new Paragraph({ text: s.title, heading: HeadingLevel.HEADING_2 }));
    if (s.intro) children.push(new Paragraph({ text: s.intro }));
    for (const t of s.tables) children.push(...tableParts(t));
  }
  const doc = new Document({
    creator: 'Enkät',
    title: `Rapportunderlag: ${b.projectName}`,
    sections: [{ children }],
  });
  return Packer.toArrayBuffer(doc);
}
