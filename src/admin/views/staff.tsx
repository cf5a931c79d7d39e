import type { AdminStaffRow, StaffContext, StaffRole } from '../../store/store.ts';
import { FormErrors } from './projects.tsx';
import { asset } from '../../views/assets.ts';
import { Layout } from '../../views/layout.tsx';
import { localDateTime } from '../../views/time.ts';

import { STAFF_ROLE } from '../../domain/vocabulary.ts';
import { INVITE_LINK_DAYS } from '../../domain/limits.ts';

function RoleBoxes(props: { checked: StaffRole[] }) {
  return (
    <>
      {STAFF_ROLE.entries.map(([role, label]) => (
        <label class="check">
          <input type="checkbox" name="roles" value={role} checked={props.checked.includes(role)} /> {label}
        </label>
      ))}
    </>
  );
}

function InviteForm(props: { projects: { id: string; name: string }[]; email?: string }) {
  return (
    <form method="post" action="/admin/staff/invite" class="stack card" data-testid="invite-form">
      <h2>Bjud in</h2>
      <p>Personen får en länk som fungerar en gång i {INVITE_LINK_DAYS} dagar och väljer själv sitt lösenord.</p>
      <label>
        E-postadress
        <input type="email" name="email" required value={props.email ?? ''} />
      </label>
      <label>
        Projekt
        <select name="project_id">
          {props.projects.map((p) => (
            <option value={p.id}>{p.name}</option>
          ))}
        </select>
      </label>
      <fieldset>
        <legend>Roller</legend>
        <RoleBoxes checked={['coach']} />
      </fieldset>
      <button type="submit" class="primary">
        Skapa inbjudan
      </button>
    </form>
  );
}

function status(s: AdminStaffRow): string {
  if (!s.active) return 'Inaktiverad';
  if (!s.has_password)
    return s.invite_expires_at
      ? `Inbjuden, länken gäller till ${localDateTime(s.invite_expires_at)}`
      : 'Har inget lösenord (länken har gått ut)';
  return 'Aktiv';
}

function StaffCard(props: { s: AdminStaffRow; projects: { id: string; name: string }[]; me: string }) {
  const s = props.s;
  return (
    <li class="card" data-testid="staff-row" data-email={s.email}>
      <strong>{s.email}</strong> <span class="muted">· {status(s)}</span>
      {s.other_projects ? <p class="muted">Arbetar också i projekt som du inte administrerar.</p> : null}
      {props.projects.map((p) => (
        <form method="post" action={`/admin/staff/${s.id}/roles`} class="inline-form">
          <input type="hidden" name="project_id" value={p.id} />
          <span>{p.name}:</span>
          <RoleBoxes checked={s.memberships.filter((m) => m.project_id === p.id).map((m) => m.role)} />
          <button type="submit">Spara roller</button>
        </form>
      ))}
      {s.id === props.me ? null : (
        <div class="actions">
          <form method="post" action={`/admin/staff/${s.id}/${s.active ? 'deactivate' : 'reactivate'}`} class="inline">
            <button type="submit">{s.active ? 'Inaktivera' : 'Aktivera igen'}</button>
          </form>
          <form method="post" action={`/admin/staff/${s.id}/reset`} class="inline">
            <button type="submit">{s.has_password ? 'Återställ lösenord' : 'Ny inbjudningslänk'}</button>
          </form>
        </div>
      )}
    </li>
  );
}

export function StaffPage(props: {
  staff: StaffContext;
  rows: AdminStaffRow[];
  projects: { id: string; name: string }[];
  errors?: string[];
  email?: string;
}) {
  return (
    <Layout title="Personal" staff={props.staff}>
      <h1>Personal</h1>
      <p>
        <a href="/admin">Administration</a>
      </p>
      <FormErrors errors={props.errors} />
      <InviteForm projects={props.projects} email={props.email} />
      <ul class="participants">
        {props.rows.map((s) => (
          <StaffCard s={s} projects={props.projects} me={props.staff.id} />
        ))}
      </ul>
    </Layout>
  );
}

/** Shows a one-time link once; only its hash is stored. */
export function LinkIssuedPage(props: {
  staff: StaffContext;
  email: string;
  url: string | null;
  expiresAt: string | null;
  purpose: 'invite' | 'reset';
}) {
  return (
    <Layout title="Länk skapad" staff={props.staff}>
      <h1>{props.purpose === 'invite' ? 'Inbjudan skapad' : 'Länk för nytt lösenord'}</h1>
      {props.url ? (
        <>
          <p>
            Skicka länken till <strong>{props.email}</strong>. Den fungerar en gång, till{' '}
            {props.expiresAt ? localDateTime(props.expiresAt) : ''}. Den visas bara nu.
          </p>
          <CopyLink url={props.url} />
        </>
      ) : (
        <p>{props.email} har redan ett konto med eget lösenord. Rollerna är sparade; personen loggar in som vanligt.</p>
      )}
      <p>
        <a href="/admin/staff">Tillbaka till personal</a>
      </p>
    </Layout>
  );
}

/**
 * The link in a read-only field (selectable without JavaScript) and a "Kopiera länken" button that
 * src/client/copy-link.ts shows and wires up; its live region confirms the copy.
 */
function CopyLink(props: { url: string }) {
  return (
    <div
      class="copy-link"
      data-copy-link
      data-copied="Länken är kopierad."
      data-selected="Länken är markerad. Kopiera den med Ctrl+C (Cmd+C på Mac), eller håll fingret på den och välj Kopiera."
    >
      <label for="one-time-link">Länken</label>
      <textarea
        id="one-time-link"
        class="copy-link-field"
        readonly
        rows={3}
        spellcheck={false}
        autocomplete="off"
        data-copy-source
        data-testid="invite-link"
      >
        {props.url}
      </textarea>
      <button type="button" class="primary" data-copy-button hidden>
        Kopiera länken
      </button>
      <p class="copy-link-status" role="status" aria-live="polite" data-copy-status></p>
      <script type="module" src={asset('copy-link.js')}></script>
    </div>
  );
}
