import { formatCode } from '../../domain/pseudonym-code.ts';
import type { ScheduleEntry } from '../schedule.ts';
import type { CoachParticipantRow, StaffContext } from '../../store/store.ts';
import { Layout } from '../../views/layout.tsx';
import { EXIT_REASON, OCCUPATION, type ExitReason, type Occupation } from '../../domain/vocabulary.ts';
import { useTexts } from '../../views/lang.tsx';
import { coachTexts, type CoachTexts } from '../texts.ts';
import { labelled, labelTexts } from '../vocabulary-texts.ts';
import { localDate, todayInSweden } from '../../views/time.ts';

/** The consent state in words; declined is "vill inte delta", never an answer. */
export function consentLabel(p: Pick<CoachParticipantRow, 'consent' | 'declined_by'>, t: CoachTexts): string {
  if (p.consent === 'declined') return p.declined_by === 'coach' ? t.declinedByCoach : t.declined;
  return t.consent[p.consent];
}

/** What a coach can hand out: survey and occasion, in the order of the programme. */
export const SURVEY_TARGETS = ['wai:start', 'pagaende:pagaende', 'avslut:avslut', 'wai:avslut'] as const;

export interface CoachListRow extends CoachParticipantRow {
  schedule: ScheduleEntry[];
}

function chipText(e: ScheduleEntry, t: CoachTexts): string {
  const when =
    e.dueBy && (e.status === 'due' || e.status === 'overdue')
      ? t.dueBy(localDate(e.dueBy))
      : e.status === 'upcoming'
        ? t.opensOn(localDate(e.opensAt))
        : '';
  const entry = `${e.survey}:${e.occasion}` as keyof CoachTexts['entry'];
  return `${t.entry[entry] ?? entry}: ${t.status[e.status]}${when}`;
}

/** One participant on the list: code, state, the schedule as chips, and what the coach can do. */
export function ParticipantCard(props: { p: CoachListRow }) {
  const t = useTexts(coachTexts);
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
            {t.startSurvey}
          </a>
        ) : null}
      </div>
      <div class="muted">
        {t.enrolledOn(localDate(p.enrolled_at))}
        {p.exited_at ? t.exitedOn(localDate(p.exited_at)) : ''} ·{' '}
        <span data-testid="consent-state">{consentLabel(p, t)}</span>
      </div>
      {p.schedule.length > 0 ? (
        <ul class="chips" aria-label={t.surveys}>
          {p.schedule.map((e) => (
            <li class={`chip ${e.status}`}>{chipText(e, t)}</li>
          ))}
        </ul>
      ) : null}
      {asking ? (
        <p class="todo-card-more">
          {p.exited_at ? null : <a href={`/coach/participants/${p.id}/exit`}>{t.registerExit}</a>}
          <a href={`/coach/participants/${p.id}/register`}>{p.register_missing ? t.genderAgeMissing : t.genderAge}</a>
          {p.consent === 'missing' ? <a href={`/coach/participants/${p.id}/decline`}>{t.wantsOut}</a> : null}
        </p>
      ) : p.consent === 'declined' && p.declined_by === 'coach' ? (
        <p class="todo-card-more">
          <a href={`/coach/participants/${p.id}/decline`}>{t.wantsInAfterAll}</a>
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
  const t = useTexts(coachTexts);
  const l = useTexts(labelTexts);
  const v = props.values ?? {};
  const title = props.correcting ? t.correctExit : t.registerExit;
  return (
    <Layout title={title} staff={props.staff}>
      <h1>{title}</h1>
      <p>
        {t.participant} <strong class="code">{formatCode(props.code)}</strong>.{' '}
        {props.correcting ? t.correctionLogged : t.afterExit}
      </p>
      {props.error ? (
        <p class="notice error" role="alert">
          {props.error}
        </p>
      ) : null}
      <form method="post" action={`/coach/participants/${props.participantId}/exit`} class="stack">
        <label>
          {t.exitDate}
          <input type="date" name="exited_on" required value={v.exited_on ?? todayInSweden()} />
        </label>
        <label>
          {t.reason}
          <select name="reason" required>
            <option value="" disabled selected={!v.reason}>
              {t.chooseReason}
            </option>
            {labelled(EXIT_REASON.values, l.exitReason).map(([value, label]) => (
              <option value={value} selected={v.reason === value}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t.occupationExit}
          <select name="occupation">
            <option value="">{t.nothingChosen}</option>
            {labelled(OCCUPATION.values, l.occupation).map(([value, label]) => (
              <option value={value} selected={v.occupation === value}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" class="primary">
          {props.correcting ? t.saveCorrection : t.saveExit}
        </button>
      </form>
      <p>
        <a href="/coach">{t.back}</a>
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
  const t = useTexts(coachTexts);
  const l = useTexts(labelTexts);
  const reason = l.exitReason[props.values.reason as ExitReason] ?? props.values.reason;
  const occupation = props.values.occupation ? l.occupation[props.values.occupation as Occupation] : undefined;
  return (
    <Layout title={t.exitSaved} staff={props.staff}>
      <h1>{props.corrected ? t.correctionSaved : t.exitSaved}</h1>
      <p class="notice" role="status">
        {t.participant} <strong class="code">{formatCode(props.code)}</strong>
      </p>
      <dl class="facts">
        <dt>{t.exitDate}</dt>
        <dd>{props.values.exited_on}</dd>
        <dt>{t.reason}</dt>
        <dd>{reason}</dd>
        <dt>{t.occupationExit}</dt>
        <dd>{occupation ?? t.noneChosen}</dd>
      </dl>
      <p>{t.wrongSomething}</p>
      <p class="actions">
        <a class="button" href={`/coach/participants/${props.participantId}/exit`}>
          {t.correctExit}
        </a>{' '}
        <a class="button primary" href="/coach">
          {t.toList}
        </a>
      </p>
    </Layout>
  );
}
