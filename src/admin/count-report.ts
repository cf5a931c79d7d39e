/**
 * The count report for the national follow-up (Uppföljning Finsam): which period the admin asked
 * for, and the report as CSV. The counts themselves come from public.admin_count_report.
 */
import { z } from 'zod';
import { GENDER } from '../domain/vocabulary.ts';
import type { CountReport, CountsByGender } from '../store/store.ts';
import { csvCell, csvText, type CsvStyle } from '../views/csv.ts';

const blank = (v: unknown) => (v === '' ? undefined : v);

/** A calendar year, a half-year or a quarter: 2026, 2026-H1, 2026-Q3. */
const PERIOD = /^(\d{4})(?:-(H[12]|Q[1-4]))?$/;

export const countReportQuery = z.object({
  project: z.array(z.uuid()).max(50).optional(),
  period: z.preprocess(blank, z.string().regex(PERIOD).optional()),
  from: z.preprocess(blank, z.iso.date().optional()),
  to: z.preprocess(blank, z.iso.date().optional()),
  sep: z.enum(['comma', 'semicolon']).optional(),
});
export type CountReportQuery = z.infer<typeof countReportQuery>;

/** The chosen period: a named one (`period`) or one of the admin's own dates (`period` = 'egen'). */
export interface ReportPeriod {
  period: string;
  from: string;
  to: string;
}

const iso = (y: number, m: number, d: number) =>
  `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

/** The first and last day of a named period (months 1–12). */
export function periodDates(period: string): { from: string; to: string } {
  const m = PERIOD.exec(period);
  if (!m) throw new Error(`not a period: ${period}`);
  const year = Number(m[1]);
  const part = m[2];
  const [first, last] = !part
    ? [1, 12]
    : part[0] === 'H'
      ? [part === 'H1' ? 1 : 7, part === 'H1' ? 6 : 12]
      : [3 * Number(part[1]) - 2, 3 * Number(part[1])];
  return { from: iso(year, first, 1), to: iso(year, last, lastDay(year, last)) };
}

/** This year in Sweden (the default period is the current calendar year). */
export function swedishYear(now = new Date()): number {
  return Number(new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', year: 'numeric' }).format(now));
}

/**
 * The period the query asks for: both dates given win (the admin's own period); one date alone,
 * or an end before the start, is refused (null).
 */
export function resolvePeriod(q: CountReportQuery, now = new Date()): ReportPeriod | null {
  if (q.from || q.to) {
    if (!q.from || !q.to || q.from > q.to) return null;
    return { period: 'egen', from: q.from, to: q.to };
  }
  const period = q.period ?? String(swedishYear(now));
  return { period, ...periodDates(period) };
}

/** The periods the form offers: the last five years, each whole, by half-year and by quarter. */
export function periodOptions(now = new Date()): { value: string; label: string }[] {
  const year = swedishYear(now);
  return Array.from({ length: 5 }, (_, i) => year - i).flatMap((y) => [
    { value: `${y}`, label: `${y}, helår` },
    { value: `${y}-H1`, label: `${y}, första halvåret` },
    { value: `${y}-H2`, label: `${y}, andra halvåret` },
    ...[1, 2, 3, 4].map((q) => ({ value: `${y}-Q${q}`, label: `${y}, kvartal ${q}` })),
  ]);
}

/** The three counts, in the order the page and the CSV show them. */
export const MEASURES = [
  ['active', 'Aktiva under perioden', 'aktiva'],
  ['enrolled', 'Nya under perioden', 'nya'],
  ['exited', 'Avslutade under perioden', 'avslutade'],
] as const;

/** Gender columns: the vocabulary, then participants without a recorded gender, then the total. */
export const GENDER_COLUMNS: readonly (readonly [keyof CountsByGender, string])[] = [
  ...GENDER.entries,
  ['saknas', 'Uppgift saknas'],
  ['total', 'Totalt'],
];

/** One line per project and count: the figures as they are typed into the follow-up. */
export function countReportCsv(report: CountReport, style: CsvStyle): string {
  const column = (k: string) => (k === 'saknas' ? 'uppgift_saknas' : k === 'total' ? 'totalt' : k);
  const header = ['projekt', 'projekt_id', 'fran', 'till', 'antal', ...GENDER_COLUMNS.map(([k]) => column(k))];
  const lines = report.projects.flatMap((p) =>
    MEASURES.map(([key, , name]) => [
      csvCell(p.name),
      p.id,
      report.from,
      report.to,
      name,
      ...GENDER_COLUMNS.map(([k]) => String(p.counts[key][k])),
    ]),
  );
  return csvText([header, ...lines], style);
}
