import { formatCode } from '../../domain/pseudonym-code.ts';
import { AGE_BAND, GENDER, OCCUPATION, REFERRAL } from '../../domain/vocabulary.ts';
import type { StaffContext } from '../../store/store.ts';
import { Layout } from '../../views/layout.tsx';

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

/** The Swedish message for a register-data form without both answers. */
export const REGISTER_MISSING = 'Välj kön och ålder för deltagaren. Inget är sparat.';

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
  const v = props.values ?? {};
  return (
    <>
      <Choice legend="Kön" name="gender" entries={GENDER.entries} value={v.gender} />
      <Choice legend="Ålder" name="age_band" entries={AGE_BAND.entries} value={v.age_band} />
    </>
  );
}

function Options(props: { list: readonly (readonly [string, string])[]; value?: string | null }) {
  return (
    <>
      <option value="">– inget valt –</option>
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
  const v = props.values ?? {};
  const more = !!(v.started_on || v.referral || v.occupation_start);
  return (
    <form method="post" action="/coach/participants" class="card stack-wide" id="skriv-in">
      <input type="hidden" name="project_id" value={props.projectId} />
      <p>Skriv in en ny deltagare. Deltagaren får en kod; inget namn sparas här.</p>
      {props.error ? (
        <p class="notice error" role="alert">
          {props.error}
        </p>
      ) : null}
      <RegisterFields values={v} />
      <details open={more}>
        <summary>Fler uppgifter (frivilligt)</summary>
        <label>
          Startdatum
          <input type="date" name="started_on" value={v.started_on ?? ''} />
        </label>
        <label>
          Remitterad från
          <select name="referral">
            <Options list={REFERRAL.entries} value={v.referral} />
          </select>
        </label>
        <label>
          Sysselsättning vid start
          <select name="occupation_start">
            <Options list={OCCUPATION.entries} value={v.occupation_start} />
          </select>
        </label>
      </details>
      <button type="submit" class="primary">
        Skriv in ny deltagare
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
  return (
    <Layout title="Kön och ålder" staff={props.staff}>
      <h1>Kön och ålder</h1>
      <p>
        Deltagare <strong class="code">{formatCode(props.code)}</strong>. Uppgifterna används bara för att räkna
        deltagare i rapporter och visas aldrig tillsammans med svar. En ändring sparas i loggen (vilka uppgifter som
        ändrades, inte vad de är).
      </p>
      {props.saved ? (
        <p class="notice" role="status">
          Uppgifterna är sparade.
        </p>
      ) : null}
      {props.error ? (
        <p class="notice error" role="alert">
          {props.error}
        </p>
      ) : null}
      {!props.values.gender || !props.values.age_band ? (
        <p class="muted">Uppgift saknas för deltagaren. Fråga deltagaren och fyll i.</p>
      ) : null}
      <form method="post" action={`/coach/participants/${props.participantId}/register`} class="stack">
        <RegisterFields values={props.values} />
        <button type="submit" class="primary">
          Spara
        </button>
      </form>
      <p>
        <a href="/coach">Tillbaka</a>
      </p>
    </Layout>
  );
}
