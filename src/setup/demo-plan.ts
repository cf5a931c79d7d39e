/**
 * The demo data set's plan: pure and deterministic from a PRNG (what each synthetic participant
 * does and when). src/setup/demo-data.ts seeds it into a project through the store.
 */
import type { AgeBand, ExitReason, Gender, Occupation, Referral } from '../store/store.ts';
import { normal, shuffle, weighted, type Rng } from './demo-answers.ts';

/** One synthetic participant: register data, when they answer, exit and withdraw. */
export interface Planned {
  enrolDaysAgo: number;
  referral: Referral;
  occupation: Occupation;
  consent: 'self' | 'with_coach' | null;
  level: number;
  ability: number;
  waiStart: boolean;
  /** Days after enrolment. */
  pagaende: number | null;
  exit: { days: number; reason: ExitReason; occupation: Occupation; answered: boolean } | null;
  /** Days after enrolment. */
  withdraw: number | null;
}

const REFERRALS = [
  ['af', 0.37],
  ['ifo', 0.2],
  ['fk', 0.15],
  ['varden', 0.2],
  ['annan', 0.08],
] as const;
// About 40 % of exits to work or studies (the programmes' goal).
const EXIT_REASONS = [
  ['arbete', 9],
  ['studier', 5],
  ['fortsatt_rehabilitering', 8],
  ['ohalsa', 5],
  ['flytt', 2],
  ['ej_kontaktbar', 4],
  ['annat', 2],
] as const;

// Gender and age band as in these programmes: about 60 % women, most participants 30–49.
const GENDERS = [
  ['kvinna', 59],
  ['man', 37],
  ['annat', 1],
  ['vill_inte_ange', 3],
] as const;
const AGE_BANDS = [
  ['16_29', 33],
  ['30_49', 45],
  ['50_64', 20],
  ['65_plus', 2],
] as const;

/** A list with each value about its share of n times, in random order. */
function spread<T>(rng: Rng, n: number, shares: readonly (readonly [T, number])[]): T[] {
  const total = shares.reduce((s, [, w]) => s + w, 0);
  const out = shares.flatMap(([value, w]) => Array.from({ length: Math.round((n * w) / total) }, () => value));
  while (out.length < n) out.push(shares[0]![0]);
  return shuffle(rng, out.slice(0, n));
}

function exitOccupation(rng: Rng, reason: ExitReason): Occupation {
  if (reason === 'arbete')
    return weighted(rng, [
      ['arbete_osubventionerad', 55],
      ['arbete_subventionerad', 45],
    ]);
  if (reason === 'studier') return 'studier';
  return weighted(rng, [
    ['arbetssokande', 40],
    ['sjukskriven', 35],
    ['forsorjningsstod', 15],
    ['annat', 10],
  ]);
}

/** Who does what, and when, before anything is written. Pure given the PRNG. */
export function planDemo(rng: Rng, n: number): Planned[] {
  const nExits = Math.round((n * 35) / 60);
  const referrals = spread(rng, n, REFERRALS);
  const plans: Planned[] = Array.from({ length: n }, (_, i) => {
    const consent = rng() < 0.95 ? (rng() < 0.8 ? 'self' : 'with_coach') : null;
    return {
      // Evenly over the last 18 months (about ten per quarter), the newest a few days ago.
      enrolDaysAgo: Math.max(3, Math.floor((540 * (n - i - 0.5 + (rng() - 0.5) * 0.8)) / n) + 5),
      referral: referrals[i]!,
      occupation: weighted(rng, [
        ['arbetssokande', 45],
        ['sjukskriven', 25],
        ['forsorjningsstod', 20],
        ['praktik', 5],
        ['annat', 5],
      ]),
      consent,
      level: normal(rng) * 0.8,
      ability: 0.5 + 0.17 * normal(rng),
      waiStart: consent !== null && rng() < 0.88,
      pagaende: null,
      exit: null,
      withdraw: null,
    };
  });
  // Exits: the longer someone has been enrolled, the likelier they have left.
  const candidates = plans
    .filter((p) => p.enrolDaysAgo >= 75)
    .map((p) => ({ p, score: p.enrolDaysAgo * (0.5 + rng()) }));
  const exiting = candidates
    .sort((a, b) => b.score - a.score)
    .slice(0, nExits)
    .map((c) => c.p);
  const reasons = spread(rng, exiting.length, EXIT_REASONS);
  exiting.forEach((p, i) => {
    const reason = reasons[i]!;
    const days = 45 + Math.floor(rng() * (Math.min(p.enrolDaysAgo - 2, 420) - 45));
    const unreachable = reason === 'ej_kontaktbar' || reason === 'flytt';
    p.exit = {
      days,
      reason,
      occupation: exitOccupation(rng, reason),
      answered: p.consent !== null && rng() < (unreachable ? 0.3 : 0.9),
    };
  });
  for (const p of plans) {
    const span = (p.exit ? p.exit.days : p.enrolDaysAgo) - 36;
    if (p.consent && span > 0 && rng() < 0.72) p.pagaende = 35 + Math.floor(rng() * Math.min(span, 120));
  }
  // A couple of withdrawals among those still in the programme.
  const stayers = plans.filter((p) => p.consent && !p.exit && p.enrolDaysAgo >= 60);
  for (const p of shuffle(rng, stayers).slice(0, Math.max(1, Math.round(n / 30)))) {
    const last = Math.max(3, p.pagaende ?? 0);
    p.withdraw = Math.min(p.enrolDaysAgo - 1, last + 1 + Math.floor(rng() * Math.max(0, p.enrolDaysAgo - last - 2)));
  }
  return plans;
}

/**
 * Gender and age band per participant, from a PRNG of their own so that adding them left every
 * other planned value (and the figures built on them) as it was.
 */
export function planRegister(rng: Rng, n: number): { gender: Gender; age_band: AgeBand }[] {
  const genders = spread(rng, n, GENDERS);
  const ages = spread(rng, n, AGE_BANDS);
  return genders.map((gender, i) => ({ gender, age_band: ages[i]! }));
}
