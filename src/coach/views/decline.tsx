import { formatCode } from '../../domain/pseudonym-code.ts';
import type { CoachParticipantRow, StaffContext } from '../../store/store.ts';
import { Layout } from '../../views/layout.tsx';
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
  const p = props.participant;
  const undo = p.consent === 'declined' && p.declined_by === 'coach';
  const title = undo ? 'Ändra: vill delta ändå' : 'Vill inte delta';
  const action = `/coach/participants/${p.id}/decline`;
  return (
    <Layout title={title} staff={props.staff}>
      <h1>{title}</h1>
      <p>
        Deltagare <strong class="code">{formatCode(p.code)}</strong> · {consentLabel(p)}
      </p>
      {props.error ? (
        <p class="notice error" role="alert">
          {props.error}
        </p>
      ) : null}
      {p.consent === 'missing' ? (
        <form method="post" action={action} class="stack">
          <p>
            Har deltagaren sagt att hen inte vill vara med i uppföljningen? Då frågar vi inte om samtycke igen, och
            deltagaren försvinner från att göra-listan. Stödet blir detsamma. Du kan ändra det här senare.
          </p>
          <input type="hidden" name="declined" value="1" />
          <button type="submit" class="primary">
            Ja, deltagaren vill inte delta
          </button>
        </form>
      ) : undo ? (
        <form method="post" action={action} class="stack">
          <p>Har deltagaren ändrat sig, eller blev det fel? Då kommer samtycket med på att göra-listan igen.</p>
          <input type="hidden" name="declined" value="0" />
          <button type="submit" class="primary">
            Ja, deltagaren vill delta ändå
          </button>
        </form>
      ) : p.consent === 'declined' ? (
        <p>Deltagaren har själv sagt nej. Om hen ändrar sig kan hen lämna samtycke via en ny länk.</p>
      ) : null}
      <p>
        <a href="/coach">Tillbaka</a>
      </p>
    </Layout>
  );
}
