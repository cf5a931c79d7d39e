import { OCCASION } from '../../domain/vocabulary.ts';
import type { AggregateReport, ItemAggregate, WaiAggregate } from '../../store/store.ts';
import { WAI_CATEGORY_LABELS } from '../charts/items.tsx';
import { count, decimal, median, quarterName, TOO_FEW_ANSWERS } from './format.ts';
import { row, statementRow, type BasisRow, type BasisSection, type BasisTable } from './model.ts';

export type Item = ItemAggregate;
export type Aggregates = AggregateReport;
type Version = AggregateReport['versions'][number];

/** One survey's figures for the report and its item texts per definition version. */
export interface SurveyFigures {
  key: string;
  label: string;
  report: Aggregates;
  /** Item texts (Swedish) and answer values (missing codes left out) by version, then item name. */
  items: Record<number, Record<string, ItemInfo>>;
}

export interface ItemInfo {
  text: string;
  /** The values the item offers, in order; a scale's in-between numbers may not be among them. */
  values: string[];
}

export const ITEM_COLUMNS = ['Fråga', 'n', 'Medel (SD)', 'Median', 'Fördelning'];
const FIGURE_COLUMNS = ITEM_COLUMNS.length - 1;
const BELOW_REPORTING = 'under rapporteringsgränsen';

/**
 * "1: 0, 2: 1, …": the whole distribution of a published item (docs/disclosure-control.md, rule 4),
 * for the values the item offers (`values`), else for every value of its scale.
 */
export function distributionText(it: Item, values: string[] = []): string {
  // Lowest first, as bands read, whatever order the definition lists its choices in.
  const offered = values
    .filter((v) => Number(v) >= it.scale.min && Number(v) <= it.scale.max)
    .sort((a, b) => Number(a) - Number(b));
  const shown = offered.length > 0 ? offered : scaleValues(it);
  return shown.map((v) => `${v}: ${count(it.counts?.[v] ?? null)}`).join(', ');
}

function scaleValues(it: Item): string[] {
  return Array.from({ length: it.scale.max - it.scale.min + 1 }, (_, i) => String(it.scale.min + i));
}

function itemRow(it: Item, info: ItemInfo | undefined): BasisRow {
  const text = info?.text ?? it.item;
  if (it.suppressed) return statementRow(text, TOO_FEW_ANSWERS, FIGURE_COLUMNS, 'suppressed');
  if (it.all_missing)
    return statementRow(text, `alla svarade Vet inte (${count(it.missing)})`, FIGURE_COLUMNS, 'dontknow');
  // Published, but below the evaluator's reporting minimum: left out of the report, said so.
  if (it.below_reporting_minimum)
    return statementRow(text, `${BELOW_REPORTING} (n = ${count(it.n)})`, FIGURE_COLUMNS, 'suppressed');
  return row(text, [
    count(it.n),
    `${decimal(it.mean)} (${decimal(it.sd)})`,
    median(it.median),
    distributionText(it, info?.values),
  ]);
}

const WAI_TOTAL = 'WAI-totalpoäng (7–49)';

function waiRow(w: WaiAggregate): BasisRow {
  if (w.suppressed || !w.total) return statementRow(WAI_TOTAL, TOO_FEW_ANSWERS, FIGURE_COLUMNS, 'suppressed');
  const categories = (w.categories ?? [])
    .map((c) => `${WAI_CATEGORY_LABELS[c.category] ?? c.category}: ${count(c.n)}`)
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
  if (v.below_reporting_minimum)
    return {
      ...base,
      rows: [],
      empty: `${v.title.sv}: ${count(v.responses)} svar, färre än rapporteringsgränsen ${v.reporting_minimum}.`,
    };
  const infos = s.items[v.version] ?? {};
  const items = v.items as Item[];
  const period = periodWords(v.period);
  return {
    ...base,
    caption: `${v.title.sv}. ${count(v.responses)} svar${period ? `, ${period}` : ''}.`,
    rows: [...items.map((it) => itemRow(it, infos[it.item])), ...(v.wai ? [waiRow(v.wai)] : [])],
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
      'Per fråga: n = antal som svarat (”vet inte” och obesvarade ingår inte), medelvärde med standardavvikelse ' +
      '(SD), median och fördelning (antal per svarsalternativ). Frågor och grupper med för få svar visas som ' +
      `”${TOO_FEW_ANSWERS}”; de med färre svar än rapporteringsgränsen som ”${BELOW_REPORTING}”.`,
    tables,
  };
}
