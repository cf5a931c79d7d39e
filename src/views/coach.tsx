import { formatCode } from '../participants/code.ts';
import type { CoachParticipantRow, StaffContext } from '../store/store.ts';
import { Layout } from './layout.tsx';

const occasionLabel: Record<string, string> = { start: 'Start', pagaende: 'Pågående', avslut: 'Avslut' };
const consentLabel: Record<string, string> = { given: 'Samtycke lämnat', missing: 'Samtycke saknas', withdrawn: 'Samtycke återkallat' };

/** What a coach can hand out: survey and occasion, in the order of the programme. */
export const SURVEY_TARGETS = [
  { value: 'wai:start', label: 'Start: WAI (arbetsförmåga)' },
  { value: 'pagaende:pagaende', label: 'Pågående (vecka 4–8)' },
  { value: 'avslut:avslut', label: 'Avslut: enkät' },
  { value: 'wai:avslut', label: 'Avslut: WAI (arbetsförmåga)' },
];

export function CoachPage(props: { staff: StaffContext; projects: { id: string; name: string }[]; project: { id: string; name: string }; participants: CoachParticipantRow[] }) {
  return (
    <Layout title="Mina deltagare" staff={props.staff}>
      <h1>Mina deltagare</h1>
      {props.projects.length > 1 ? (
        <form method="get" action="/coach" class="inline-form">
          <label>
            Projekt
            <select name="project">
              {props.projects.map((p) => (
                <option value={p.id} selected={p.id === props.project.id}>{p.name}</option>
              ))}
            </select>
          </label>
          <button type="submit">Visa</button>
        </form>
      ) : (
        <p class="muted">{props.project.name}</p>
      )}
      <form method="post" action="/coach/participants" class="card">
        <input type="hidden" name="project_id" value={props.project.id} />
        <p>Skriv in en ny deltagare. Deltagaren får en kod; ingen namnuppgift sparas här.</p>
        <button type="submit" class="primary">Skriv in ny deltagare</button>
      </form>
      {props.participants.length === 0 ? (
        <p>Inga deltagare ännu.</p>
      ) : (
        <ul class="participants">
          {props.participants.map((p) => (
            <li class="card">
              <div class="code" data-testid="participant-code">{formatCode(p.code)}</div>
              <div class="muted">Inskriven {p.enrolled_at?.slice(0, 10)} · {consentLabel[p.consent]}</div>
              <div>
                Besvarat:{' '}
                {p.submitted.length ? p.submitted.map((s) => occasionLabel[s.occasion] ?? s.occasion).join(', ') : 'inget ännu'}
              </div>
              {p.status !== 'withdrawn' ? (
                <form method="post" action={`/coach/participants/${p.id}/link`} class="inline-form">
                  <label>
                    Enkät
                    <select name="target">
                      {SURVEY_TARGETS.map((t) => <option value={t.value}>{t.label}</option>)}
                    </select>
                  </label>
                  <button type="submit">Skapa länk</button>
                </form>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}

export function LinkPage(props: { staff: StaffContext; code: string; url: string; expiresAt: Date; surveyTitle: string }) {
  return (
    <Layout title="Länk till enkäten" staff={props.staff}>
      <h1>Länk till enkäten</h1>
      <p>
        Deltagare <strong class="code" data-testid="participant-code">{formatCode(props.code)}</strong> · {props.surveyTitle}
      </p>
      <p>Öppna länken på deltagarens telefon, eller skicka den. Den gäller till {props.expiresAt.toISOString().slice(0, 10)}.</p>
      <p class="link-box">
        <a href={props.url} data-testid="participant-link">{props.url}</a>
      </p>
      <p class="muted">Länken ger bara tillgång till den här enkäten för den här deltagaren. Du kan inte se svaren.</p>
      <p><a href="/coach">Tillbaka till mina deltagare</a></p>
    </Layout>
  );
}
