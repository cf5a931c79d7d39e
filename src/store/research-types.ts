import type { ExitReason, Occasion, Referral } from './store.ts';

/** Results of the researcher functions (outcomes, WAI change, row-level export). */

/** Counts per category; null where suppressed (small cells and their complement). */
export interface CategoryCounts<K extends string> {
  n: number | null;
  suppressed: boolean;
  categories: { category: K; n: number | null; suppressed: boolean }[];
}

/** Outcome figures of one project (public.project_outcomes); null means suppressed or unknown. */
export interface ProjectOutcomes {
  project_id: string;
  project_name: string;
  min_group_size: number;
  enrolled: { n: number | null; suppressed: boolean; target: number | null };
  exits: CategoryCounts<ExitReason>;
  /** Exited participants whose exit reason is work or studies, against the goal share. */
  work_or_studies: { n: number | null; count: number | null; share: number | null; suppressed: boolean; goal: number };
  referrals: CategoryCounts<Referral | 'saknas'>;
  time_in_programme: { n: number | null; suppressed: boolean; mean_days?: number; median_days?: number; q1_days?: number; q3_days?: number };
  response_rates: { survey: string; occasion: Occasion; due: number | null; answered: number | null; rate: number | null; suppressed: boolean }[];
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
  rows: { participant_id: string; response_id: string; version: number; occasion: Occasion; submitted_on: string; answers: Record<string, unknown> }[];
  /** The last id of this page when more may follow, else null. */
  next: string | null;
}

