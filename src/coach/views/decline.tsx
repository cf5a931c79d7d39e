import { formatCode } from '../../domain/pseudonym-code.ts';
import type { CoachParticipantRow, StaffContext } from '../../store/store.ts';
import { Layout } from '../../views/layout.tsx';
import { useTexts } from '../../views/lang.tsx';
import { handoutTexts } from '../handout-texts.ts';
import { coachTexts } from '../texts.ts';
import { consentLabel } from './list.tsx';

/**
 * "Vill inte delta": the coach confirms before it is recorded, and can take back their own record.
 * A participant's own "vill inte delta" is shown but only the participant can change it.
 */
export function DeclinePage(props: {
  staff: StaffContext;
  participant: Pick<CoachParticipantRow, 'id' | 'code' | 'consent' | 'declined_by'>;
  error?: string;
}) {
  const t = useTexts(handoutTexts);
  const coach = useTexts(coachTexts);
  const p = props.participant;
  const undo = p.consent === 'declined' && p.declined_by === 'coach';
  const title = undo ? t.undoTitle : t.declineTitle;
  const action = `/coach/participants/${p.id}/decline`;
  return (
    <Layout title={title} staff={props.staff}>
      <h1>{title}</h1>
      <p>
        {t.participant} <strong class="code">{formatCode(p.code)}</strong> · {consentLabel(p, coach)}
      </p>
      {props.error ? (
        <p class="notice error" role="alert">
          {props.error}
        </p>
      ) : null}
      {p.consent === 'missing' ? (
        <form method="post" action={action} class="stack">
          <p>{t.declineExplain}</p>
          <input type="hidden" name="declined" value="1" />
          <button type="submit" class="primary">
            {t.declineButton}
          </button>
        </form>
      ) : undo ? (
        <form method="post" action={action} class="stack">
          <p>{t.undoExplain}</p>
          <input type="hidden" name="declined" value="0" />
          <button type="submit" class="primary">
            {t.undoButton}
          </button>
        </form>
      ) : p.consent === 'declined' ? (
        <p>{t.ownDecline}</p>
      ) : null}
      <p>
        <a href="/coach">{t.back}</a>
      </p>
    </Layout>
  );
}
