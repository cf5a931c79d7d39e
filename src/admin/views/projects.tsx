import type { ProjectFormValues } from '../project-settings.ts';
import type { AdminProject, StaffContext } from '../../store/store.ts';
import { Layout } from '../../views/layout.tsx';
import { MIN_GROUP_SIZE } from '../../domain/limits.ts';
import { OutcomeMapFields } from './outcome-map-fields.tsx';

/** Errors as one alert list, plain Swedish. */
export function FormErrors(props: { errors?: string[] }) {
  if (!props.errors?.length) return null;
  return (
    <div class="notice error" role="alert">
      <ul>
        {props.errors.map((e) => (
          <li>{e}</li>
        ))}
      </ul>
    </div>
  );
}

export function AdminHome(props: { staff: StaffContext }) {
  return (
    <Layout title="Administration" staff={props.staff}>
      <h1>Administration</h1>
      <ul class="admin-links">
        <li>
          <a href="/admin/projects">Projekt</a> – namn, period, mål, gruppstorlek, tider för enkäter, språk, etik och
          kontakt.
        </li>
        <li>
          <a href="/admin/staff">Personal</a> – bjud in, ändra roller, inaktivera, återställ lösenord.
        </li>
        <li>
          <a href="/admin/definitions">Enkäter och samtycken</a> – frågor och samtyckestexter.
        </li>
        <li>
          <a href="/admin/audit">Granskningslogg</a> – vem gjorde vad och när.
        </li>
        <li>
          <a href="/admin/count-report">Antal deltagare per kön</a> – underlag för Uppföljning Finsam, per period.
        </li>
      </ul>
      <p class="muted">Som administratör ser du aldrig enskilda deltagares svar.</p>
    </Layout>
  );
}

export function ProjectListPage(props: {
  staff: StaffContext;
  projects: AdminProject[];
  organisations: { id: string; name: string }[];
}) {
  return (
    <Layout title="Projekt" staff={props.staff}>
      <h1>Projekt</h1>
      <p>
        <a href="/admin">Administration</a>
      </p>
      <ul class="participants">
        {props.projects.map((p) => (
          <li class="card">
            <a href={`/admin/projects/${p.id}`}>
              <strong>{p.name}</strong>
            </a>
            <div class="muted">
              {p.organisation_name}
              {p.settings.municipality ? ` · ${String(p.settings.municipality)}` : ''}
            </div>
          </li>
        ))}
      </ul>
      <p>
        <a class="button primary" href="/admin/projects/new">
          Nytt projekt
        </a>
      </p>
    </Layout>
  );
}

function Field(props: {
  label: string;
  name: keyof ProjectFormValues;
  values: ProjectFormValues;
  type?: string;
  hint?: string;
  min?: number;
  max?: number;
}) {
  return (
    <label>
      {props.label}
      {props.hint ? <span class="muted"> {props.hint}</span> : null}
      <input
        type={props.type ?? 'text'}
        name={props.name}
        value={props.values[props.name]}
        min={props.min}
        max={props.max}
      />
    </label>
  );
}

/** The project form, for a new project (organisations to choose from) or an existing one. */
export function ProjectFormPage(props: {
  staff: StaffContext;
  values: ProjectFormValues;
  action: string;
  title: string;
  errors?: string[];
  saved?: boolean;
  organisations?: { id: string; name: string }[];
  /** An existing project: links to its reports. */
  projectId?: string;
}) {
  const v = props.values;
  return (
    <Layout title={props.title} staff={props.staff}>
      <h1>{props.title}</h1>
      <p>
        <a href="/admin/projects">Alla projekt</a>
        {props.projectId ? (
          <>
            {' · '}
            <a href={`/admin/count-report?project=${props.projectId}`}>Antal deltagare per kön</a>
          </>
        ) : null}
      </p>
      <FormErrors errors={props.errors} />
      {props.saved ? (
        <p class="notice" role="status">
          Ändringarna är sparade.
        </p>
      ) : null}
      <form method="post" action={props.action} class="stack card">
        {props.organisations ? (
          <label>
            Organisation (samordningsförbund)
            <select name="organisation_id">
              {props.organisations.map((o) => (
                <option value={o.id}>{o.name}</option>
              ))}
            </select>
          </label>
        ) : null}
        <Field label="Namn på insatsen" name="name" values={v} />
        <Field label="Kommun" name="municipality" values={v} />
        <Field label="Period, från" name="period_start" values={v} type="date" />
        <Field label="Period, till" name="period_end" values={v} type="date" />
        <Field label="Mål: antal deltagare" name="target_participants" values={v} type="number" min={1} />
        <Field
          label="Mål: andel till arbete, studier eller annan sysselsättning, %"
          hint="(tomt: 40 %)"
          name="goal_work_or_studies_percent"
          values={v}
          type="number"
          min={1}
          max={100}
        />
        <Field
          label="Mål: andel kvinnor, %"
          hint="(tomt: inget mål)"
          name="target_women_percent"
          values={v}
          type="number"
          min={1}
          max={100}
        />
        <OutcomeMapFields values={v} />
        <Field
          label="Minsta gruppstorlek för siffror"
          hint={`(${MIN_GROUP_SIZE.min}–${MIN_GROUP_SIZE.max}; färre visas inte)`}
          name="min_group_size"
          values={v}
          type="number"
          min={MIN_GROUP_SIZE.min}
          max={MIN_GROUP_SIZE.max}
        />
        <fieldset>
          <legend>Rapporteringsgräns: minsta antal svar för att redovisa</legend>
          <p class="hint">
            Tomt: minsta gruppstorlek. Gränsen ändrar inga siffror: den markerar grupper och frågor med färre svar och
            håller dem utanför rapportunderlaget.
          </p>
          <Field label="WAI vid start" name="reporting_min_wai_start" values={v} type="number" min={1} />
          <Field label="Pågående" name="reporting_min_pagaende" values={v} type="number" min={1} />
          <Field label="Avslut" name="reporting_min_avslut" values={v} type="number" min={1} />
          <Field label="WAI vid avslut" name="reporting_min_wai_avslut" values={v} type="number" min={1} />
        </fieldset>
        <fieldset>
          <legend>Tider för enkäter (tomt = standard)</legend>
          <Field
            label="Start-WAI senast, dagar efter inskrivning"
            hint="(standard 14)"
            name="startDueDays"
            values={v}
            type="number"
            min={1}
            max={365}
          />
          <Field
            label="Pågående öppnar, vecka"
            hint="(standard 4)"
            name="pagaendeFromWeeks"
            values={v}
            type="number"
            min={1}
            max={104}
          />
          <Field
            label="Pågående stänger, vecka"
            hint="(standard 8)"
            name="pagaendeToWeeks"
            values={v}
            type="number"
            min={2}
            max={104}
          />
          <Field
            label="Avslutsenkäter senast, dagar efter avslut"
            hint="(standard 30)"
            name="exitDueDays"
            values={v}
            type="number"
            min={1}
            max={365}
          />
          <Field
            label="Missad: dagar efter sista dagen"
            hint="(standard 30; en enkät som är försenad så länge tas bort från coachens att göra-lista)"
            name="missedAfterDays"
            values={v}
            type="number"
            min={1}
            max={365}
          />
        </fieldset>
        <Field label="Språk utöver svenska" hint="(språkkoder, t.ex. en, ar, so)" name="languages" values={v} />
        <Field label="Etikprövning, diarienummer" hint="(visas i samtycket)" name="ethics_reference" values={v} />
        <Field label="Kontakt för frågor" hint="(visas i samtycket)" name="contact" values={v} />
        <Field
          label="Kontakt för synpunkter på tillgänglighet"
          hint="(e-post eller telefon, visas på sidan Tillgänglighet; tomt: kontakten ovan)"
          name="accessibility_contact"
          values={v}
        />
        <label class="check">
          <input type="checkbox" name="requireReconsent" checked={v.requireReconsent === 'on'} />
          Kräv nytt samtycke när samtyckestexten får en ny version
        </label>
        <fieldset>
          <legend>När en deltagare återkallar sitt samtycke</legend>
          <p class="muted">
            Inga fler svar samlas in, oavsett vad du väljer. Valet gäller svar som deltagaren redan har skickat.
            Deltagaren får läsa vad som gäller i samtycket och när hen återkallar. Den som har samtyckt medan svaren
            skulle tas bort får alltid sina svar borttagna, även om du byter till att behålla dem: ett byte till att
            behålla gäller bara nya samtycken. Svar som redan är borttagna kommer inte tillbaka.
          </p>
          <label class="check">
            <input type="radio" name="withdrawalPolicy" value="erase" checked={v.withdrawalPolicy !== 'keep'} />
            Ta bort svaren (standard). Deltagarens svar raderas direkt och räknas inte längre i sammanställningarna.
          </label>
          <label class="check">
            <input type="radio" name="withdrawalPolicy" value="keep" checked={v.withdrawalPolicy === 'keep'} />
            Behåll svaren. De finns kvar i sammanställningarna utan koppling till person, men inte i radexporter. Välj
            bara detta om etikprövningen och samtycket tillåter det.
          </label>
        </fieldset>
        <button type="submit" class="primary">
          Spara
        </button>
      </form>
    </Layout>
  );
}
