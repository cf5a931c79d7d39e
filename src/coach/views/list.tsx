import { formatCode } from '../../domain/pseudonym-code.ts';
import type { ScheduleEntry } from '../schedule.ts';
import type { CoachParticipantRow, StaffContext } from '../../store/store.ts';
import { Layout } from '../../views/layout.tsx';
import { EXIT_REASON, OCCUPATION } from '../../domain/vocabulary.ts';
import { localDate, todayInSweden } from '../../views/time.ts';

/** The consent state in words; declined is "vill inte delta", never an answer. */
export function consentLabel(p: Pick<CoachParticipantRow, 'consent' | 'declined_by'>): string {
  if (p.consent === 'declined') return p.declined_by === 'coach' ? 'Vill inte delta (enligt coach)' : 'Vill inte delta';
  return {
    given: 'Samtycke lämnat',
    missing: 'Samtycke saknas',
    withdrawn: 'Samtycke återkallat',
    renew: 'Nytt samtycke behövs',
  }[p.consent];
}

/** What a coach can hand out: survey and occasion, in the order of the programme. */
export const SURVEY_TARGETS = [
  { value: 'wai:start', label: 'Start: WAI (arbetsförmåga)' },
  { value: 'pagaende:pagaende', label: 'Pågående (vecka 4–8)' },
  { value: 'avslut:avslut', label: 'Avslut: enkät' },
  { value: 'wai:avslut', label: 'Avslut: WAI (arbetsförmåga)' },
];

export const entryLabel: Record<string, string> = {
  'samtycke-forskning:start': 'Samtycke',
  'wai:start': 'WAI start',
  'pagaende:pagaende': 'Pågående',
  'avslut:avslut': 'Avslut',
  'wai:avslut': 'WAI avslut',
};
const statusLabel: Record<ScheduleEntry['status'], string> = {
  overdue: 'försenad',
  due: 'ska besvaras',
  upcoming: 'kommer',
  done: 'besvarad',
  skipped: 'hoppas över',
  missed: 'missad',
};

export interface CoachListRow extends CoachParticipantRow {
  schedule: ScheduleEntry[];
}

function chipText(e: ScheduleEntry): string {
  const when =
    e.dueBy && (e.status === 'due' || e.status === 'overdue')
      ? ` (senast ${localDate(e.dueBy)})`
      : e.status === 'upcoming'
        ? ` (från ${localDate(e.opensAt)})`
        : '';
  return `${entryLabel[`${e.survey}:${e.occasion}`]}: ${statusLabel[e.status]}${when}`;
}

/** One participant on the list: code, state, the schedule as chips, and what the coach can do. */
export function ParticipantCard(props: { p: CoachListRow }) {
  const p = props.p;
  const open = p.schedule.filter((e) => e.status === 'overdue' || e.status === 'due');
  // "Starta enkät" opens on the most urgent questionnaire (consent is part of every survey link).
  const next =
    open.find((e) => e.survey !== 'samtycke-forskning') ??
    p.schedule.find((e) => e.status === 'upcoming' && e.survey !== 'samtycke-forskning');
  const target = next ? `${next.survey}:${next.occasion}` : 'wai:start';
  const asking = p.status !== 'withdrawn' && p.consent !== 'declined';
  const startLink = `/coach/participants/${p.id}/start?target=${target}`;
  return (
    <li class={`card todo-card${open.some((e) => e.status === 'overdue') ? ' overdue' : ''}`}>
      <div class="todo-card-head">
        <div class="code" data-testid="participant-code">
          {formatCode(p.code)}
        </div>
        {asking ? (
          <a class="button primary" href={startLink}>
            Starta enkät
          </a>
        ) : null}
      </div>
      <div class="muted">
        Inskriven {localDate(p.enrolled_at)}
        {p.exited_at ? ` · avslutad ${localDate(p.exited_at)}` : ''} ·{' '}
        <span data-testid="consent-state">{consentLabel(p)}</span>
      </div>
      {p.schedule.length > 0 ? (
        <ul class="chips" aria-label="Enkäter">
          {p.schedule.map((e) => (
            <li class={`chip ${e.status}`}>{chipText(e)}</li>
          ))}
        </ul>
      ) : null}
      {asking ? (
        <p class="todo-card-more">
          {p.exited_at ? null : <a href={`/coach/participants/${p.id}/exit`}>Registrera avslut</a>}
          <a href={`/coach/participants/${p.id}/register`}>
            {p.register_missing ? 'Kön och ålder saknas' : 'Kön och ålder'}
          </a>
          {p.consent === 'missing' ? <a href={`/coach/participants/${p.id}/decline`}>Vill inte delta</a> : null}
        </p>
      ) : p.consent === 'declined' && p.declined_by === 'coach' ? (
        <p class="todo-card-more">
          <a href={`/coach/participants/${p.id}/decline`}>Ändra: vill delta ändå</a>
        </p>
      ) : null}
    </li>
  );
}

/** What the exit form shows: what was typed (after a refusal) or what is registered (a correction). */
export interface ExitValues {
  exited_on?: string | null;
  reason?: string | null;
  occupation?: string | null;
}

/**
 * Registering (or correcting) an exit. The reason has no preset value: a tap on "Spara" must not
 * record an exit as work by default, which would inflate the share that moved to work.
 */
export function ExitPage(props: {
  staff: StaffContext;
  participantId: string;
  code: string;
  error?: string;
  values?: ExitValues;
  correcting?: boolean;
}) {
  const v = props.values ?? {};
  const title = props.correcting ? 'Ändra avslut' : 'Registrera avslut';
  return (
    <Layout title={title} staff={props.staff}>
      <h1>{title}</h1>
      <p>
        Deltagare <strong class="code">{formatCode(props.code)}</strong>.{' '}
        {props.correcting
          ? 'Ändringen sparas i loggen tillsammans med det den ersätter.'
          : 'Efter avslutet ska Avslut-enkäten och WAI besvaras.'}
      </p>
      {props.error ? (
        <p class="notice error" role="alert">
          {props.error}
        </p>
      ) : null}
      <form method="post" action={`/coach/participants/${props.participantId}/exit`} class="stack">
        <label>
          Datum för avslut
          <input type="date" name="exited_on" required value={v.exited_on ?? todayInSweden()} />
        </label>
        <label>
          Orsak
          <select name="reason" required>
            <option value="" disabled selected={!v.reason}>
              Välj orsak
            </option>
            {EXIT_REASON.entries.map(([value, label]) => (
              <option value={value} selected={v.reason === value}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <label>
          Sysselsättning vid avslut
          <select name="occupation">
            <option value="">– inget valt –</option>
            {OCCUPATION.entries.map(([value, label]) => (
              <option value={value} selected={v.occupation === value}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" class="primary">
          {props.correcting ? 'Spara ändringen' : 'Spara avslut'}
        </button>
      </form>
      <p>
        <a href="/coach">Tillbaka</a>
      </p>
    </Layout>
  );
}

/** After saving: what was recorded, in words, so a wrong tap is seen at once and can be corrected. */
export function ExitSavedPage(props: {
  staff: StaffContext;
  participantId: string;
  code: string;
  values: { exited_on: string; reason: string; occupation?: string | null };
  corrected: boolean;
}) {
  const reason = EXIT_REASON.entries.find(([value]) => value === props.values.reason)?.[1] ?? props.values.reason;
  const occupation = OCCUPATION.entries.find(([value]) => value === props.values.occupation)?.[1];
  return (
    <Layout title="Avslutet är sparat" staff={props.staff}>
      <h1>{props.corrected ? 'Ändringen är sparad' : 'Avslutet är sparat'}</h1>
      <p class="notice" role="status">
        Deltagare <strong class="code">{formatCode(props.code)}</strong>
      </p>
      <dl class="facts">
        <dt>Datum för avslut</dt>
        <dd>{props.values.exited_on}</dd>
        <dt>Orsak</dt>
        <dd>{reason}</dd>
        <dt>Sysselsättning vid avslut</dt>
        <dd>{occupation ?? 'Inget valt'}</dd>
      </dl>
      <p>Stämmer något inte? Ändra det nu; ändringen sparas i loggen.</p>
      <p class="actions">
        <a class="button" href={`/coach/participants/${props.participantId}/exit`}>
          Ändra avslut
        </a>{' '}
        <a class="button primary" href="/coach">
          Till listan
        </a>
      </p>
    </Layout>
  );
}
