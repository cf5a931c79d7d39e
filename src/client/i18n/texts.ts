/**
 * Every participant language's own words for the pages (the runner's buttons, progress, messages,
 * the withdrawal page, the short-code and offline pages) and for SurveyJS's few strings of its own.
 * A test (tests/unit/participant-texts.test.ts) fails when a language lacks a text, or has one left
 * in another language without saying so here.
 */
import type { ParticipantLocale } from './locales.ts';
import { texts as ar } from './texts-ar.ts';
import { en } from './texts-en.ts';
import { texts as fa } from './texts-fa.ts';
import { texts as prs } from './texts-prs.ts';
import { texts as so } from './texts-so.ts';
import { sv, type RunnerTexts } from './texts-sv.ts';
import { texts as svXLl } from './texts-sv-x-ll.ts';
import { texts as ti } from './texts-ti.ts';

export type { RunnerTexts };

export const RUNNER_TEXTS: Record<ParticipantLocale, RunnerTexts> = {
  sv,
  'sv-x-ll': svXLl,
  en,
  ar,
  so,
  ti,
  prs,
  fa,
};

/**
 * Texts deliberately left as in the source language, per language (dotted keys as in the test).
 * Empty: every shipped language has every text of its own. Add a key here, with the reason, rather
 * than copying Swedish into a translation.
 */
export const FALLBACK_TEXTS: Partial<Record<ParticipantLocale, { key: string; why: string }[]>> = {};
