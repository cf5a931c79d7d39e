/**
 * The Rapportunderlag as a table model: every row and cell is built once, as the text a reader
 * sees, and rendered three ways (HTML page, Word document, CSV). So the figures in the three are
 * the same by construction; the renderers only lay them out.
 */

/** One cell's text; `span` joins it with the next cells (a row that says why it has no figures). */
export interface BasisCell {
  text: string;
  span?: number;
  /** Why the cell has no figure: shown in grey on the page. */
  kind?: 'suppressed' | 'dontknow';
}

export interface BasisRow {
  /** The row heading (first column). */
  head: string;
  cells: BasisCell[];
  /** A total or summary row, set in bold. */
  total?: boolean;
}

export interface BasisTable {
  /** Stable key for tests and files, e.g. "deltagare" or "pagaende-pagaende-v1". */
  id: string;
  title: string;
  /** One line under the title: base, period, what a dash means. */
  caption?: string;
  /** Column headings, the row-heading column first. */
  columns: string[];
  /** Columns (by index) that hold words rather than figures: aligned left, not right. */
  textColumns?: number[];
  rows: BasisRow[];
  /** Sentences after the table (targets, goals). */
  notes?: string[];
  /** Said instead of a table when there is nothing to show (no answers, data not available). */
  empty?: string;
}

export interface BasisSection {
  id: string;
  title: string;
  intro?: string;
  tables: BasisTable[];
}

export interface ReportBasis {
  projectName: string;
  /** The period chosen: "2025 kv 1 – 2026 kv 2", or "Hela tiden". */
  period: string;
  /** "Svar t.o.m. 2026-06-30": the last day the figures include. */
  answersThrough: string;
  minGroup: number;
  /** The date the document was made (YYYY-MM-DD). */
  made: string;
  sections: BasisSection[];
}

/** A row of plain texts. */
export function row(head: string, texts: string[], total = false): BasisRow {
  return { head, cells: texts.map((text) => ({ text })), ...(total ? { total } : {}) };
}

/** A row that has one statement across all figure columns instead of figures. */
export function statementRow(head: string, text: string, span: number, kind: BasisCell['kind']): BasisRow {
  return { head, cells: [{ text, span, kind }] };
}

/** A cell's figure columns, counting spans: what a renderer pads a spanning cell to. */
export function cellWidth(cells: BasisCell[]): number {
  return cells.reduce((n, c) => n + (c.span ?? 1), 0);
}
