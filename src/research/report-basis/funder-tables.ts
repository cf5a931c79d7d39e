import { EXIT_REASON } from '../../domain/vocabulary.ts';
import type { ProjectOutcomes } from '../../store/store.ts';
import { count, percent, quarterName, TOO_FEW } from './format.ts';
import { row, type BasisRow, type BasisSection, type BasisTable } from './model.ts';

/** A category count as public.project_outcomes returns it; null where suppressed. */
interface Category {
  category: string;
  n: number | null;
  suppressed: boolean;
}

/**
 * Fields project_outcomes is gaining (period, gender, activity). Read defensively: a database
 * without them yet gives a table that says the figures are not in the data, never a wrong one.
 */
export interface OutcomesExtras {
  period?: { from?: string | null; to?: string | null; closed_through?: string | null } | null;
  gender?: {
    n: number | null;
    suppressed: boolean;
    target_women_percent?: number | null;
    categories?: Category[];
  } | null;
  activity?: { n: number | null; suppressed: boolean; goal_percent?: number | null; categories?: Category[] } | null;
}
export type Outcomes = ProjectOutcomes & OutcomesExtras;

const GENDER_LABELS: Record<string, string> = {
  kvinna: 'Kvinna',
  man: 'Man',
  annat: 'Annat',
  vill_inte_ange: 'Vill inte ange',
  saknas: 'Uppgift saknas',
};
const ACTIVITY_LABELS: Record<string, string> = {
  arbete: 'Arbete',
  studier: 'Studier',
  annan_sysselsattning: 'Annan sysselsättning',
  ingen: 'Ingen sysselsättning',
};
const MOVED = ['arbete', 'studier', 'annan_sysselsattning'];

const shown = (n: number | null | undefined, suppressed: boolean) => (suppressed || n == null ? TOO_FEW : count(n));
const shareOf = (part: number | null | undefined, whole: number | null | undefined) =>
  part == null || !whole ? '–' : percent(part / whole);
const goalText = (percentValue: number) =>
  `${percentValue.toLocaleString('sv-SE', { maximumFractionDigits: 1 })}\u00a0%`;

function enrolledTable(o: Outcomes): BasisTable {
  const e = o.enrolled;
  return {
    id: 'deltagare',
    title: 'Deltagare mot mål',
    columns: ['', 'Antal', 'Mål', 'Andel av målet'],
    rows: [
      row('Inskrivna deltagare', [
        shown(e.n, e.suppressed),
        e.target == null ? '–' : count(e.target),
        e.suppressed ? '–' : shareOf(e.n, e.target),
      ]),
    ],
    ...(e.target == null ? { notes: ['Inget mål för antal deltagare är angivet i projektets inställningar.'] } : {}),
  };
}

/** Rows for a breakdown: one per category with its share of the total, then the total. */
function categoryRows(b: { n: number | null; categories?: Category[] }, labels: Record<string, string>): BasisRow[] {
  return (b.categories ?? []).map((c) =>
    row(labels[c.category] ?? c.category, [shown(c.n, c.suppressed), c.suppressed ? '–' : shareOf(c.n, b.n)]),
  );
}

function genderTable(o: Outcomes): BasisTable {
  const base = { id: 'kon', title: 'Deltagare efter kön', columns: ['Kön', 'Antal', 'Andel', 'Mål'], rows: [] };
  const g = o.gender;
  if (!g) return { ...base, empty: 'Uppgift om kön finns inte i underlaget.' };
  if (g.suppressed || g.n == null)
    return { ...base, empty: `För få deltagare för att visa fördelningen (färre än ${o.min_group_size}).` };
  const t = g.target_women_percent;
  const target: Record<string, string> = t == null ? {} : { kvinna: goalText(t), man: goalText(100 - t) };
  const rows = categoryRows(g, GENDER_LABELS).map((r, i) => ({
    ...r,
    cells: [...r.cells, { text: target[g.categories![i]!.category] ?? '' }],
  }));
  return {
    ...base,
    rows: [...rows, row('Totalt', [count(g.n), '100\u00a0%', ''], true)],
    notes: [
      t == null
        ? 'Ingen målfördelning mellan kvinnor och män är angiven i projektets inställningar.'
        : `Mål: ${goalText(t)} kvinnor och ${goalText(100 - t)} män.`,
    ],
  };
}

function exitsTable(o: Outcomes): BasisTable {
  const x = o.exits;
  const base = { id: 'avslut', title: 'Avslutade efter orsak', columns: ['Avslutsorsak', 'Antal', 'Andel'], rows: [] };
  if (x.suppressed || x.n == null)
    return { ...base, empty: `För få avslutade deltagare för att visas (färre än ${o.min_group_size}).` };
  return {
    ...base,
    rows: [...categoryRows(x, EXIT_REASON.label), row('Totalt avslutade', [count(x.n), '100\u00a0%'], true)],
  };
}

/** The number who moved on, when the shown figures determine it (so it reveals no hidden cell). */
function movedOn(a: NonNullable<OutcomesExtras['activity']>): number | null {
  const cats = a.categories ?? [];
  const moving = cats.filter((c) => MOVED.includes(c.category));
  if (moving.length === MOVED.length && moving.every((c) => !c.suppressed && c.n != null))
    return moving.reduce((s, c) => s + c.n!, 0);
  const none = cats.find((c) => c.category === 'ingen');
  return a.n != null && none && !none.suppressed && none.n != null ? a.n - none.n : null;
}

function goalNote(share: number | null, goalPercent: number, what: string): string {
  const goal = `Mål: ${goalText(goalPercent)} till ${what}.`;
  if (share === null) return goal;
  return `${goal} Utfall ${percent(share)}: målet är ${share >= goalPercent / 100 ? '' : 'inte '}nått.`;
}

function activityTable(o: Outcomes): BasisTable {
  const base = { id: 'sysselsattning', title: 'Till arbete, studier eller annan sysselsättning' };
  const columns = ['Efter insatsen', 'Antal', 'Andel'];
  const a = o.activity;
  const w = o.work_or_studies;
  const goalPercent = a.goal_percent ?? w.goal * 100;
  if (a.suppressed || a.n == null)
    return {
      ...base,
      columns,
      rows: [],
      empty: `För få deltagare för att visas (färre än ${o.min_group_size}).`,
      notes: [goalNote(null, goalPercent, 'arbete, studier eller annan sysselsättning')],
    };
  const moved = movedOn(a);
  const share = moved === null ? null : moved / a.n;
  return {
    ...base,
    columns,
    rows: [
      ...categoryRows(a, ACTIVITY_LABELS),
      row(
        'Arbete, studier eller annan sysselsättning',
        [moved === null ? TOO_FEW : count(moved), percent(share)],
        true,
      ),
      row('Totalt', [count(a.n), '100\u00a0%'], true),
    ],
    notes: [goalNote(share, goalPercent, 'arbete, studier eller annan sysselsättning')],
  };
}

/** What period the outcome figures cover, in words. */
function outcomesPeriod(o: Outcomes): string {
  const p = o.period;
  if (!p) return 'Utfallen gäller alla inskrivna i projektet under hela insatstiden, inte bara den valda perioden.';
  const span =
    p.from || p.to ? `${p.from ? quarterName(p.from) : 'början'} – ${p.to ? quarterName(p.to) : 'idag'}` : '';
  const through = p.closed_through ? `t.o.m. ${p.closed_through}` : '';
  return `Utfall från registeruppgifterna${span ? `, ${span}` : ''}${through ? ` (${through})` : ''}.`;
}

/** The funder's tables (final-report template, section 5) from one project's outcomes. */
export function funderSection(o: Outcomes): BasisSection {
  return {
    id: 'utfall',
    title: 'Resultat och utfall av insatsen',
    intro: `${outcomesPeriod(o)} Antal och andelar som bygger på färre än ${o.min_group_size} personer visas inte.`,
    tables: [enrolledTable(o), genderTable(o), exitsTable(o), activityTable(o)],
  };
}
