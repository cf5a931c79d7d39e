/**
 * Synthetic answers for the demo data set (src/setup/demo-data.ts): plausible, not real. Each
 * person has a latent level that colours all their answers, so items correlate as they would.
 */

/** A small deterministic PRNG (mulberry32): the same seed gives the same data set. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type Rng = () => number;

/** Roughly normal (sum of three uniforms), mean 0, sd about 1. */
export const normal = (rng: Rng) => (rng() + rng() + rng() - 1.5) * 2;
const clamp = (x: number, min: number, max: number) => Math.min(max, Math.max(min, Math.round(x)));
export const pick = <T>(rng: Rng, list: readonly T[]): T => list[Math.floor(rng() * list.length)]!;

/** Picks by weight: [[value, weight], …]. */
export function weighted<T>(rng: Rng, options: readonly (readonly [T, number])[]): T {
  let r = rng() * options.reduce((s, [, w]) => s + w, 0);
  for (const [value, w] of options) {
    r -= w;
    if (r < 0) return value;
  }
  return options[options.length - 1]![0];
}

/** Fisher–Yates with the given PRNG. */
export function shuffle<T>(rng: Rng, list: T[]): T[] {
  const out = [...list];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

const PAGAENDE = [
  'stod_till_hjalp',
  'paverka_plan',
  'tid_som_behovs',
  'hantera_situation',
  'stod_kontakter',
  'erfarenhet_tillvara',
  'mer_redo',
];
const AVSLUT = [...PAGAENDE, 'plan_finns', 'plan_rimlig', 'plan_start'];
// Share of "vet inte / vill inte svara" per item; the experience item is the one people skip.
const NONE_SHARE: Record<string, number> = { erfarenhet_tillvara: 0.12, plan_rimlig: 0.08 };

/** 1–6 items skewed positive (mean about 4.6), with some "none" (counted as missing). */
function likert(rng: Rng, items: string[], level: number): Record<string, number | 'none'> {
  return Object.fromEntries(
    items.map((item) => [
      item,
      rng() < (NONE_SHARE[item] ?? 0.03) ? 'none' : clamp(4.6 + 0.8 * level + 0.9 * normal(rng), 1, 6),
    ]),
  );
}

export function pagaendeAnswers(rng: Rng, level: number): Record<string, unknown> {
  return likert(rng, PAGAENDE, level);
}

/** Avslut: the free-text comment is never filled in (synthetic data holds no text). */
export function avslutAnswers(rng: Rng, level: number): Record<string, unknown> {
  return likert(rng, AVSLUT, level);
}

const OTHER_DIAGNOSES = [
  'muskler_leder',
  'nerver_sinnen',
  'mage_tarm',
  'andning',
  'hormon_amnesomsattning',
  'hjarta_karl',
];

/**
 * WAI answers for a work ability between 0 and 1 (IPS participants mostly score poor to moderate).
 * Optional questions are sometimes left out, so a few totals cannot be computed.
 */
export function waiAnswers(rng: Rng, ability: number, withBackground: boolean): Record<string, unknown> {
  const a = Math.min(1, Math.max(0, ability));
  const diagnoses = a > 0.75 ? (rng() < 0.5 ? 0 : 1) : a > 0.45 ? 1 + Math.floor(rng() * 2) : 2 + Math.floor(rng() * 2);
  const answers: Record<string, unknown> = {
    wai_1_formaga: clamp(10 * a + normal(rng), 0, 10),
    wai_2_arbetets_art: weighted(rng, [
      ['mental', 55],
      ['both', 30],
      ['physical', 15],
    ]),
    wai_2_fysiska: clamp(1 + 4 * a + 0.7 * normal(rng), 1, 5),
    wai_2_psykiska: clamp(0.8 + 4 * a + 0.8 * normal(rng), 1, 5),
    wai_3_lakardiagnos:
      diagnoses === 0 ? ['none'] : ['psykisk', ...shuffle(rng, OTHER_DIAGNOSES).slice(0, diagnoses - 1)],
    wai_4_hinder: [clamp(1.5 + 4.5 * a + 0.6 * normal(rng), 1, 6)],
    wai_5_sjukdagar: clamp(1.5 + 3.5 * a + 0.8 * normal(rng), 1, 5),
    wai_6_prognos: a > 0.6 ? 7 : a > 0.3 ? 4 : pick(rng, [1, 4]),
    wai_7_gladje: clamp(0.5 + 3.5 * a + 0.8 * normal(rng), 0, 4),
    wai_7_aktiv: clamp(0.3 + 3.5 * a + 0.8 * normal(rng), 0, 4),
    wai_7_hopp: clamp(0.4 + 3.5 * a + 0.8 * normal(rng), 0, 4),
    bakgrund_halsa: clamp(1.5 + 3 * a + 0.7 * normal(rng), 1, 5),
    bakgrund_somn: clamp(1.5 + 3 * a + 0.9 * normal(rng), 1, 5),
  };
  if (rng() < 0.3) answers.wai_3_egen_bedomning = rng() < 0.6 ? ['none'] : ['muskler_leder'];
  if (withBackground) {
    answers.bakgrund_alder = weighted(rng, [
      ['under_25', 20],
      ['25_34', 35],
      ['35_44', 22],
      ['45_54', 15],
      ['55_plus', 8],
    ]);
    answers.bakgrund_utbildning = weighted(rng, [
      ['grundskola', 25],
      ['gymnasium', 50],
      ['eftergymnasial_kort', 12],
      ['eftergymnasial_lang', 8],
      ['annan', 5],
    ]);
    answers.bakgrund_sysselsattning = [
      weighted(rng, [
        ['arbetssokande', 50],
        ['sjukskriven', 30],
        ['praktik', 8],
        ['studier', 5],
        ['annat', 7],
      ]),
    ];
    answers.bakgrund_omfattning = weighted(rng, [
      ['ingen', 70],
      ['under_25', 15],
      ['25_49', 10],
      ['50_74', 5],
    ]);
    answers.bakgrund_arbetslivserfarenhet = weighted(rng, [
      ['ingen', 12],
      ['under_1', 18],
      ['1_4', 35],
      ['5_9', 18],
      ['10_19', 12],
      ['20_plus', 5],
    ]);
  }
  // Each optional question is skipped now and then, a WAI question more rarely.
  for (const key of Object.keys(answers)) {
    if (rng() < (key.startsWith('wai_') ? 0.004 : 0.06)) delete answers[key];
  }
  return answers;
}
