import { formatCode } from '../../domain/pseudonym-code.ts';
import { AGE_BAND, GENDER, OCCUPATION, REFERRAL } from '../../domain/vocabulary.ts';
import type { StaffContext } from '../../store/store.ts';
import { Layout } from '../../views/layout.tsx';
import { useTexts } from '../../views/lang.tsx';
import { coachTexts } from '../texts.ts';
import { labelled, labelTexts } from '../vocabulary-texts.ts';

/** Gender and age band as typed (after a refusal) or as stored (the edit form); null = nothing chosen. */
export interface RegisterValues {
  gender?: string | null;
  age_band?: string | null;
}

/** The whole enrolment form's values, echoed after a refusal. */
export interface EnrolValues extends RegisterValues {
  started_on?: string | null;
  referral?: string | null;
  occupation_start?: string | null;
}

/**
 * One question as radio buttons. No option is preset: a preset answer would be saved with one tap
 * and inflate that category (as the exit form's preset "Arbete" once did).
 */
function Choice(props: {
  legend: string;
  name: string;
  entries: readonly (readonly [string, string])[];
  value?: string | null;
}) {
  return (
    <fieldset class="choices">
      <legend>{props.legend}</legend>
      {props.entries.map(([value, label]) => (
        <label class="check">
          <input type="radio" name={props.name} value={value} required checked={props.value === value} />
          {label}
        </label>
      ))}
    </fieldset>
  );
}

/** Kön and Ålder, the two register questions every enrolment answers. */
export function RegisterFields(props: { values?: RegisterValues }) {
  const t = useTexts(coachTexts);
  const l = useTexts(labelTexts);
  const v = props.values ?? {};
  return (
    <>
      <Choice legend={t.gender} name="gender" entries={labelled(GENDER.values, l.gender)} value={v.gender} />
      <Choice legend={t.age} name="age_band" entries={labelled(AGE_BAND.values, l.ageBand)} value={v.age_band} />
    </>
  );
}

function Options(props: { list: readonly (readonly [string, string])[]; value?: string | null }) {
  const t = useTexts(coachTexts);
  return (
    <>
      <option value="">{t.nothingChosen}</option>
      {props.list.map(([value, label]) => (
        <option value={value} selected={props.value === value}>
          {label}
        </option>
      ))}
    </>
  );
}

/** The enrolment form on the coach's list; after a refusal it shows the error and what was chosen. */
export function EnrolForm(props: { projectId: string; error?: string; values?: EnrolValues }) {
  const t = useTexts(coachTexts);
  const l = useTexts(labelTexts);
  const v = props.values ?? {};
  const more = !!(v.started_on || v.referral || v.occupation_start);
  return (
    <form method="post" action="/coach/participants" class="card stack-wide" id="skriv-in">
      <input type="hidden" name="project_id" value={props.projectId} />
      <p>{t.enrolIntro}</p>
      {props.error ? (
        <p class="notice error" role="alert">
          {props.error}
        </p>
      ) : null}
      <RegisterFields values={v} />
      <details open={more}>
        <summary>{t.moreDetails}</summary>
        <label>
          {t.startDate}
          <input type="date" name="started_on" value={v.started_on ?? ''} />
        </label>
        <label>
          {t.referral}
          <select name="referral">
            <Options list={labelled(REFERRAL.values, l.referral)} value={v.referral} />
          </select>
        </label>
        <label>
          {t.occupationStart}
          <select name="occupation_start">
            <Options list={labelled(OCCUPATION.values, l.occupation)} value={v.occupation_start} />
          </select>
        </label>
      </details>
      <button type="submit" class="primary">
        {t.enrol}
      </button>
    </form>
  );
}

/** Changing a participant's gender and age band (the project's coaches and admins). */
export function RegisterPage(props: {
  staff: StaffContext;
  participantId: string;
  code: string;
  values: RegisterValues;
  error?: string;
  saved?: boolean;
}) {
  const t = useTexts(coachTexts);
  return (
    <Layout title={t.genderAge} staff={props.staff}>
      <h1>{t.genderAge}</h1>
      <p>
        {t.participant} <strong class="code">{formatCode(props.code)}</strong>. {t.registerIntro}
      </p>
      {props.saved ? (
        <p class="notice" role="status">
          {t.saved}
        </p>
      ) : null}
      {props.error ? (
        <p class="notice error" role="alert">
          {props.error}
        </p>
      ) : null}
      {!props.values.gender || !props.values.age_band ? <p class="muted">{t.registerMissing}</p> : null}
      <form method="post" action={`/coach/participants/${props.participantId}/register`} class="stack">
        <RegisterFields values={props.values} />
        <button type="submit" class="primary">
          {t.save}
        </button>
      </form>
      <p>
        <a href="/coach">{t.back}</a>
      </p>
    </Layout>
  );
}
