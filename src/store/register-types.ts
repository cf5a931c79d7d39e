import type { AgeBand, Gender } from '../domain/vocabulary.ts';

/** Register data (gender, age band) and the national follow-up's counts: never next to answers. */

export type { AgeBand, Gender } from '../domain/vocabulary.ts';

/** What the register-data form shows (public.participant_register); null = not recorded. */
export interface ParticipantRegister {
  id: string;
  project_id: string;
  code: string;
  gender: Gender | null;
  age_band: AgeBand | null;
}

/** Participants of one measure by gender; `saknas` = no gender recorded. Exact counts. */
export type CountsByGender = Record<Gender | 'saknas' | 'total', number>;

/** The count report (public.admin_count_report) for a period, per project. */
export interface CountReport {
  from: string;
  to: string;
  projects: {
    id: string;
    name: string;
    counts: Record<'active' | 'enrolled' | 'exited', CountsByGender>;
  }[];
}
