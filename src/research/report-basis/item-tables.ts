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

/**
 * "1–2: 3, 3–4: 8, 5–6: 20" (bands), "1: 0, 2: 1, …" (full), or the counts with hidden ones as "–";
 * counts for the values the item offers (`values`), else for every value of its scale.
 */
export function distributionText(it: Item, values: string[] = []): string {
  const d = it.distribution;
  if (d?.form === 'none') return TOO_FEW_ANSWERS;
  if (d?.form === 'bands' && d.bands)
    return d.bands.map((b) => `${b.from === b.to ? b.from : `${b.from}–${b.to}`}: ${count(b.n)}`).join(', ');
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
  if (it.n === 0 && (it.missing ?? 0) > 0)
    return statementRow(text, `alla svarade Vet inte (${count(it.missing)})`, FIGURE_COLUMNS, 'dontknow');
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
      '(SD), median och fördelning (antal per svarsalternativ, eller per grupp av alternativ där enskilda antal ' +
      `inte kan visas; – där ett antal döljs). Frågor och grupper med för få svar visas som ”${TOO_FEW_ANSWERS}”.`,
    tables,
  };
}
