import type { Activity, GenderCategory } from '../domain/outcome-categories.ts';
import type { ExitReason, Occasion, Referral } from './types.ts';

/** Results of the researcher functions (outcomes, WAI change, row-level export). */

/** Counts per category; null where suppressed (small cells and their complement). */
export interface CategoryCounts<K extends string> {
  n: number | null;
  suppressed: boolean;
  categories: { category: K; n: number | null; suppressed: boolean }[];
}

/**
 * Responses to a survey per answer language (public.answer_languages): a participant language
 * (src/client/i18n/locales.ts) or 'unknown' where none was recorded; only languages that
 * occur, suppressed as register counts are (small cells, their complement, per block).
 */
export interface AnswerLanguages {
  project_id: string;
  survey_key: string;
  min_group_size: number;
  closed_through: string;
  /** All responses in published blocks; null when too few. */
  responses: number | null;
  suppressed: boolean;
  languages: { language: string; n: number | null; suppressed: boolean }[];
}

/** What public.answer_languages counts: one project's survey, optionally one version and a period. */
export interface AnswerLanguagesFilter {
  project_id: string;
  survey_key: string;
  version?: number;
  from?: string;
  to?: string;
  /** A download: recorded in the audit log as a research export of this format. */
  export?: boolean;
  format?: string;
}

/** The period of public.project_outcomes: whole closed quarters; dates are 'YYYY-MM-DD'. */
export interface OutcomePeriod {
  /** The filter: first day of the first and of the last quarter asked for (null: open). */
  from: string | null;
  to: string | null;
  /** The last day of the last closed quarter the figures include (null: none). */
  closed_through: string | null;
}

/** The period filter of project_outcomes: first days of quarters, as item_aggregates takes them. */
export interface OutcomeFilter {
  from?: string;
  to?: string;
}

/**
 * Outcome figures of one project (public.project_outcomes) for a period of closed quarters; null
 * means suppressed or unknown. Enrolled and referrals count those enrolled in the period; exits,
 * work_or_studies, activity and time in the programme those who exited in it; gender those reached
 * (active at some time in it).
 */
export interface ProjectOutcomes {
  project_id: string;
  project_name: string;
  min_group_size: number;
  period: OutcomePeriod;
  /** Participants reached by gender, against the project's target share of women (null: none set). */
  gender: CategoryCounts<GenderCategory> & { target_women_percent: number | null };
  /** Exits by the funder's activity category (the project's mapping), against the goal in percent. */
  activity: CategoryCounts<Activity> & { goal_percent: number };
  enrolled: { n: number | null; suppressed: boolean; target: number | null };
  exits: CategoryCounts<ExitReason>;
  /** Exited participants whose exit reason is work or studies, against the goal share. */
  work_or_studies: { n: number | null; count: number | null; share: number | null; suppressed: boolean; goal: number };
  referrals: CategoryCounts<Referral | 'saknas'>;
  time_in_programme: {
    n: number | null;
    suppressed: boolean;
    mean_days?: number;
    median_days?: number;
    q1_days?: number;
    q3_days?: number;
  };
  response_rates: {
    survey: string;
    occasion: Occasion;
    due: number | null;
    answered: number | null;
    rate: number | null;
    suppressed: boolean;
  }[];
}

/** One paired change summary (exit − start); null where suppressed. "Unchanged" is |change| < 1 point. */
export interface WaiChangeSummary {
  n: number | null;
  suppressed: boolean;
  mean_change: number | null;
  median_change: number | null;
  direction: CategoryCounts<'improved' | 'unchanged' | 'worse'>;
}

/** Paired WAI change start → exit (public.wai_change): participants with a WAI total at both. */
export interface WaiChange {
  project_id: string;
  project_name: string;
  min_group_size: number;
  /** The end of the last closed quarter (YYYY-MM-DD): pairs count from their exit answer's quarter. */
  closed_through?: string;
  /** The quarters (first days) the counted pairs' exit answers fall in; null when none count. */
  period?: { from: string; to: string } | null;
  /** Pairs with a total at both occasions (null when suppressed). */
  pairs: number | null;
  suppressed: boolean;
  total: WaiChangeSummary;
  /** Item 1 (0–10), paired on its own: it is scored even when the total is not. */
  work_ability_score: WaiChangeSummary;
  category_movement: CategoryCounts<'up' | 'same' | 'down'>;
}

/** An active row-level export grant, as its project's admins see it. */
export interface RowExportGrant {
  staff_id: string;
  email: string;
  include_free_text: boolean;
  granted_at: string;
}

/** A begun export: its id (valid one hour) and the answer columns it may carry, in order. */
export interface RowExportStart {
  export_id: string;
  columns: string[];
  include_free_text: boolean;
  expires_at: string;
}

/** One page of raw export rows. participant_id never leaves the app: it is replaced by a pseudonym. */
export interface RowExportPage {
  rows: {
    participant_id: string;
    response_id: string;
    version: number;
    occasion: Occasion;
    submitted_on: string;
    answers: Record<string, unknown>;
    /** WAI rows only: the stored score and, on exit rows, the start response's total (null: none). */
    wai?: { total: number | null; category: string | null; start: { total: number | null } | null };
  }[];
  /** The last id of this page when more may follow, else null. */
  next: string | null;
}

export interface ItemAggregate {
  item: string;
  scale: { min: number; max: number };
  suppressed: boolean;
  n?: number;
  missing?: number;
  mean?: number;
  sd?: number | null;
  median?: number;
  q1?: number;
  q3?: number;
  /** Count per scale value, every one (within a published group nothing is hidden). */
  counts?: Record<string, number>;
  /** Nobody in the published group answered the item ("Vet inte" throughout): n = 0, missing = responses. */
  all_missing?: boolean;
  /** n below the reporting minimum of the survey occasion (still above the privacy minimum). */
  below_reporting_minimum?: boolean;
}

export interface WaiAggregate {
  suppressed: boolean;
  n?: number;
  /** Responses where not all seven dimensions could be scored (no total). */
  incomplete?: number;
  total?: { mean: number | null; sd: number | null; median: number | null; q1: number | null; q3: number | null };
  work_ability_score?: { n: number; mean: number | null; sd: number | null } | null;
  /** Responses per WAI category, every category shown. */
  categories?: { category: 'poor' | 'moderate' | 'good' | 'excellent'; n: number }[];
}

/** Research filter: quarters as their first day (YYYY-MM-DD); `to` is the first day of the last quarter. */
export interface AggregateFilter {
  from?: string | null;
  to?: string | null;
  version?: number | null;
  occasion?: Occasion | null;
}

export interface AggregateReport {
  project_id: string;
  project_name: string;
  survey_key: string;
  /** The release threshold: the largest minimum group size of the selected projects. */
  min_group_size: number;
  /** The selected projects (one or more). */
  projects?: { id: string; name: string }[];
  /** The filter as applied (quarter starts as YYYY-MM-DD). */
  filter?: AggregateFilter;
  /** The last day figures can include: the end of the last closed quarter (YYYY-MM-DD). */
  closed_through?: string;
  /**
   * Per occasion answered in more than one version (no version filter): each item pooled across
   * the versions it is unchanged in (same name, scale and wording); a changed item is a series of its own.
   */
  pooled?: { occasion: Occasion; items: (ItemAggregate & { versions: number[] })[] }[];
  /** One group per definition version and occasion. */
  versions: {
    definition_id: string;
    version: number;
    title: { sv: string; en: string };
    occasion: Occasion;
    responses: number | null;
    suppressed: boolean;
    /** The reporting minimum of this survey occasion (never below min_group_size). */
    reporting_minimum?: number;
    below_reporting_minimum?: boolean;
    /** Quarters the included blocks cover (first days, YYYY-MM-DD); null when suppressed. */
    period?: { from: string | null; to: string | null } | null;
    items: ItemAggregate[];
    wai: WaiAggregate | null;
  }[];
}
