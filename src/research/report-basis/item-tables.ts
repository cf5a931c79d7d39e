import { OCCASION } from '../../domain/vocabulary.ts';
import type { AggregateReport, ItemAggregate, WaiAggregate } from '../../store/store.ts';
import { WAI_CATEGORY_LABELS } from '../charts/items.tsx';
import { count, decimal, median, quarterName, TOO_FEW_ANSWERS } from './format.ts';
import { row, statementRow, type BasisRow, type BasisSection, type BasisTable } from './model.ts';

/** How much of an item's distribution may be shown; arriving in item_aggregates (read defensively). */
export interface ItemDistribution {
  form: 'full' | 'bands' | 'none';
  bands?: { from: number; to: number; n: number }[];
}
export type Item = ItemAggregate & { distribution?: ItemDistribution | null };
export type Aggregates = AggregateReport & { closed_through?: string | null };
type Version = AggregateReport['versions'][number];

/** One survey's figures for the report and its item texts per definition version. */
export interface SurveyFigures {
  key: string;
  label: string;
  report: Aggregates;
  /** Item texts (Swedish) by version, then by item name. */
  texts: Record<number, Record<string, string>>;
}

export const ITEM_COLUMNS = ['Fråga', 'n', 'Medel (SD)', 'Median', 'Fördelning'];
const FIGURE_COLUMNS = ITEM_COLUMNS.length - 1;

/** "1–2: 3, 3–4: 8, 5–6: 20" (bands), "1: 0, 2: 1, …" (full), or the counts with hidden ones as "–". */
export function distributionText(it: Item): string {
  const d = it.distribution;
  if (d?.form === 'none') return TOO_FEW_ANSWERS;
  if (d?.form === 'bands' && d.bands)
    return d.bands.map((b) => `${b.from === b.to ? b.from : `${b.from}–${b.to}`}: ${count(b.n)}`).join(', ');
  const values: string[] = [];
  for (let v = it.scale.min; v <= it.scale.max; v++) values.push(`${v}: ${count(it.counts?.[String(v)] ?? null)}`);
  return values.join(', ');
}

function itemRow(it: Item, text: string): BasisRow {
  if (it.suppressed) return statementRow(text, TOO_FEW_ANSWERS, FIGURE_COLUMNS, 'suppressed');
  if (it.n === 0 && (it.missing ?? 0) > 0)
    return statementRow(text, `alla svarade Vet inte (${count(it.missing)})`, FIGURE_COLUMNS, 'dontknow');
  return row(text, [count(it.n), `${decimal(it.mean)} (${decimal(it.sd)})`, median(it.median), distributionText(it)]);
}

const WAI_TOTAL = 'WAI-totalpoäng (7–49)';

function waiRow(w: WaiAggregate): BasisRow {
  if (w.suppressed || !w.total) return statementRow(WAI_TOTAL, TOO_FEW_ANSWERS, FIGURE_COLUMNS, 'suppressed');
  const categories = (w.categories ?? [])
    .map((c) => `${WAI_CATEGORY_LABELS[c.category] ?? c.category}: ${c.suppressed ? '–' : count(c.n)}`)
    .join(', ');
  return row(WAI_TOTAL, [
    count(w.n),
    `${decimal(w.total.mean)} (${decimal(w.total.sd)})`,
    median(w.total.median),
    categories || '–',
  ]);
}

const occasionWord = (o: string) => (OCCASION.label as Record<string, string>)[o]?.toLowerCase() ?? o;

function periodWords(p: Version['period']): string {
  if (!p?.from) return '';
  return p.from === p.to || !p.to ? quarterName(p.from) : `${quarterName(p.from)} – ${quarterName(p.to)}`;
}

function versionTable(s: SurveyFigures, v: Version, minGroup: number): BasisTable {
  // The survey's own occasion needs no saying ("Avslut"); WAI is asked at two ("WAI vid start").
  const title = `${s.label}${v.occasion === s.key ? '' : ` vid ${occasionWord(v.occasion)}`}, version ${v.version}`;
  const base = { id: `${s.key}-${v.occasion}-v${v.version}`, title, columns: ITEM_COLUMNS, textColumns: [4] };
  if (v.suppressed || v.responses == null)
    return { ...base, rows: [], empty: `${v.title.sv}: för få svar för att visas (färre än ${minGroup}).` };
  const texts = s.texts[v.version] ?? {};
  const items = v.items as Item[];
  const period = periodWords(v.period);
  return {
    ...base,
    caption: `${v.title.sv}. ${count(v.responses)} svar${period ? `, ${period}` : ''}.`,
    rows: [...items.map((it) => itemRow(it, texts[it.item] ?? it.item)), ...(v.wai ? [waiRow(v.wai)] : [])],
    notes: [
      'n = antal som svarat på frågan; ”vet inte” och obesvarade ingår inte. Fördelning: antal per svarsalternativ; ' +
        `– eller ”${TOO_FEW_ANSWERS}” där antalet döljs.`,
    ],
  };
}

/** The evaluation-style item tables: one per survey, definition version and occasion. */
export function itemSection(surveys: SurveyFigures[]): BasisSection {
  const tables = surveys.flatMap((s): BasisTable[] =>
    s.report.versions.length === 0
      ? [{ id: s.key, title: s.label, columns: ITEM_COLUMNS, rows: [], empty: 'Inga svar i perioden.' }]
      : s.report.versions.map((v) => versionTable(s, v, s.report.min_group_size)),
  );
  return {
    id: 'enkater',
    title: 'Deltagarnas svar på enkäterna',
    intro:
      'Medelvärde med standardavvikelse (SD) och median per fråga. Frågor och grupper med för få svar för att ' +
      'redovisas visas inte.',
    tables,
  };
}
