/**
 * An independent reference of public.project_outcomes' period rule, computed from planned people
 * in the test (no SQL): segments of closed quarters, the people each figure counts, and the
 * categories hidden. tests/db/outcomes-differencing.test.ts asserts the API equals it and uses its
 * row sets for the combination attacks.
 */
import { DEFAULT_OUTCOME_MAP, type Activity, type GenderCategory } from '../../src/domain/outcome-categories.ts';
import type { ExitReason, Occupation, Referral } from '../../src/store/store.ts';

export interface RefPerson {
  id: number;
  /** Quarter indexes (0 = the data set's first quarter), Swedish time; xq null = no exit in a closed quarter. */
  eq: number;
  xq: number | null;
  gender: GenderCategory;
  referral: Referral | 'saknas';
  reason: ExitReason;
  occupation: Occupation | null;
}

export const KEYS = {
  exits: ['arbete', 'studier', 'fortsatt_rehabilitering', 'ohalsa', 'flytt', 'ej_kontaktbar', 'annat'],
  referrals: ['af', 'ifo', 'fk', 'varden', 'annan', 'saknas'],
  activity: ['arbete', 'studier', 'annan_sysselsattning', 'ingen'],
  gender: ['kvinna', 'man', 'annat', 'vill_inte_ange', 'saknas'],
} as const;
export type Breakdown = keyof typeof KEYS;

const RANK: Activity[] = ['arbete', 'studier', 'annan_sysselsattning', 'ingen'];
export function activityOf(p: RefPerson): Activity {
  const a = DEFAULT_OUTCOME_MAP.exit_reason[p.reason];
  const b = p.occupation ? DEFAULT_OUTCOME_MAP.occupation_exit[p.occupation] : 'ingen';
  return RANK[Math.min(RANK.indexOf(a), RANK.indexOf(b))]!;
}

/** Segments of whole quarters first..last (indexes, inclusive) under the rule of the outcome periods migration. */
export function segments(people: RefPerson[], lastClosed: number, min: number): { from: number; to: number }[] {
  if (people.length === 0) return [];
  const first = Math.min(...people.map((p) => p.eq));
  const out: { from: number; to: number }[] = [];
  let start = first;
  let [enrolled, active, none] = [0, 0, 0];
  const ok = (n: number) => n === 0 || n >= min;
  for (let q = first; q <= lastClosed; q++) {
    enrolled += people.filter((p) => p.eq === q).length;
    const exits = people.filter((p) => p.xq === q);
    none += exits.filter((p) => activityOf(p) === 'ingen').length;
    active += exits.filter((p) => activityOf(p) !== 'ingen').length;
    if (enrolled + active + none > 0 && ok(enrolled) && ok(active) && ok(none)) {
      out.push({ from: start, to: q });
      start = q + 1;
      enrolled = active = none = 0;
    }
  }
  return out;
}

/** Hidden categories of one part by the small-cell rule (a small count and, if alone, the next smallest). */
export function hiddenBy(keys: readonly string[], values: string[], min: number): Set<string> | 'all' {
  if (values.length < min) return 'all';
  const counts = keys.map((k) => values.filter((v) => v === k).length);
  const small = keys.filter((_, i) => counts[i]! > 0 && counts[i]! < min);
  const hidden = new Set(small);
  if (small.length === 1) {
    const rest = keys.map((k, i) => ({ k, n: counts[i]!, i })).filter((c) => c.n > 0 && !hidden.has(c.k));
    rest.sort((a, b) => a.n - b.n || a.i - b.i);
    if (rest[0]) hidden.add(rest[0].k);
  }
  return hidden;
}

export interface RefCounts {
  n: number | null;
  suppressed: boolean;
  categories: { category: string; n: number | null; suppressed: boolean }[];
  /** Who each published figure counts: 'total' and each shown category. */
  sets: Map<string, RefPerson[]>;
}

function breakdown(
  keys: readonly string[],
  counted: RefPerson[],
  value: (p: RefPerson) => string,
  parts: RefPerson[][],
  min: number,
): RefCounts {
  const hidden = new Set<string>();
  let broken = false;
  for (const part of parts.filter((x) => x.length > 0)) {
    const h = hiddenBy(keys, part.map(value), min);
    if (h === 'all') broken = true;
    else h.forEach((k) => hidden.add(k));
  }
  if (counted.length < min || broken) return { n: null, suppressed: true, categories: [], sets: new Map() };
  const sets = new Map<string, RefPerson[]>([['total', counted]]);
  const categories = keys.map((k) => {
    const who = counted.filter((p) => value(p) === k);
    if (!hidden.has(k)) sets.set(k, who);
    return { category: k, n: hidden.has(k) ? null : who.length, suppressed: hidden.has(k) };
  });
  return { n: counted.length, suppressed: false, categories, sets };
}

/** Activity: "ingen" always shown (blocks of 0 or at least the minimum); the rest hidden within their subtotal. */
function activityBreakdown(exited: RefPerson[], parts: RefPerson[][], min: number): RefCounts {
  if (exited.length < min) return { n: null, suppressed: true, categories: [], sets: new Map() };
  const isActive = (p: RefPerson) => activityOf(p) !== 'ingen';
  const active = breakdown(
    KEYS.activity.slice(0, 3),
    exited.filter(isActive),
    activityOf,
    parts.map((x) => x.filter(isActive)),
    min,
  );
  const none = exited.filter((p) => !isActive(p));
  const anyActive = exited.some(isActive);
  const categories = active.suppressed
    ? KEYS.activity.slice(0, 3).map((k) => ({ category: k, n: anyActive ? null : 0, suppressed: anyActive }))
    : active.categories;
  const sets = new Map<string, RefPerson[]>([
    ['total', exited],
    ['ingen', none],
  ]);
  for (const [k, who] of active.sets) if (k !== 'total') sets.set(k, who);
  if (!anyActive) for (const k of KEYS.activity.slice(0, 3)) sets.set(k, []);
  return {
    n: exited.length,
    suppressed: false,
    categories: [...categories, { category: 'ingen', n: none.length, suppressed: false }],
    sets,
  };
}

export interface RefOutcomes {
  closedThrough: number | null;
  enrolled: { n: number | null; sets: Map<string, RefPerson[]> };
  breakdowns: Record<Breakdown, RefCounts>;
  exited: RefPerson[];
}

/** The figures for a period (quarter indexes, inclusive; undefined = open). */
export function referenceOutcomes(
  people: RefPerson[],
  lastClosed: number,
  min: number,
  period: { from?: number; to?: number },
): RefOutcomes {
  const segs = segments(people, lastClosed, min).filter(
    (s) => (period.from === undefined || s.from >= period.from) && (period.to === undefined || s.to <= period.to),
  );
  const start = segs[0]?.from ?? Infinity;
  const end = segs.at(-1)?.to ?? -Infinity;
  const segOf = (q: number | null) => (q === null ? undefined : segs.find((s) => q >= s.from && q <= s.to));
  const byQ = (q: (p: RefPerson) => number | null) => segs.map((s) => people.filter((p) => segOf(q(p)) === s));
  const enrolledParts = byQ((p) => p.eq);
  const exitParts = byQ((p) => p.xq);
  const enrolled = enrolledParts.flat();
  const exited = exitParts.flat();
  // Reached: active at some time in the period; shown only when nobody is carried in from before it.
  const reached = people.filter((p) => p.eq <= end && (p.xq === null || p.xq >= start));
  const carried = people.some((p) => p.eq < start && (p.xq === null || p.xq >= start));
  return {
    closedThrough: segs.length ? end : null,
    enrolled: { n: enrolled.length >= min ? enrolled.length : null, sets: new Map([['total', enrolled]]) },
    exited,
    breakdowns: {
      exits: breakdown(KEYS.exits, exited, (p) => p.reason, exitParts, min),
      referrals: breakdown(KEYS.referrals, enrolled, (p) => p.referral, enrolledParts, min),
      activity: activityBreakdown(exited, exitParts, min),
      gender: carried
        ? { n: null, suppressed: true, categories: [], sets: new Map() }
        : breakdown(KEYS.gender, reached, (p) => p.gender, enrolledParts, min),
    },
  };
}
