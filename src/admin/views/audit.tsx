import type { AuditRow, StaffContext } from '../../store/store.ts';
import { Layout } from '../../views/layout.tsx';
import { localDateTimeSeconds } from '../../views/time.ts';

/** The audit filter as the page and the CSV read it from the query string. */
export interface AuditQuery {
  from?: string;
  to?: string;
  action?: string;
  actor_email?: string;
  project_id?: string;
}

export const ACTION_PREFIXES: [string, string][] = [
  ['', 'Alla händelser'],
  ['login.', 'Inloggningar'],
  ['staff.', 'Personal'],
  ['project.', 'Projekt'],
  ['consent.', 'Samtycken'],
  ['participant.', 'Deltagare (inskrivning, avslut, kön och ålder)'],
  ['research.', 'Exporter och nedladdningar'],
  ['export_grant.', 'Behörighet till radnivåexport'],
  ['definition.', 'Enkäter och samtycken'],
  ['audit.', 'Granskningsloggen'],
  ['admin.', 'Rapporter (antal deltagare)'],
];

const ACTOR: Record<AuditRow['actor_kind'], string> = {
  staff: '',
  participant: 'deltagare',
  system: 'systemet',
  anonymous: 'okänd',
};

export function auditQueryString(q: AuditQuery, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...q, ...extra })) if (v) params.set(k, v);
  const s = params.toString();
  return s ? `?${s}` : '';
}

/** Actor as people read it: the staff e-mail, or a kind. Participants are never identified. */
export function actorText(row: AuditRow): string {
  return row.actor_kind === 'staff' ? (row.actor_email ?? 'personal (borttagen)') : ACTOR[row.actor_kind];
}

function FilterForm(props: { q: AuditQuery; projects: { id: string; name: string }[] }) {
  const q = props.q;
  return (
    <form method="get" action="/admin/audit" class="inline-form card" data-testid="audit-filter">
      <label>
        Från
        <input type="date" name="from" value={q.from ?? ''} />
      </label>
      <label>
        Till
        <input type="date" name="to" value={q.to ?? ''} />
      </label>
      <label>
        Händelse
        <select name="action">
          {ACTION_PREFIXES.map(([v, l]) => (
            <option value={v} selected={v === (q.action ?? '')}>
              {l}
            </option>
          ))}
        </select>
      </label>
      <label>
        Utförd av (e-post)
        <input type="email" name="actor_email" value={q.actor_email ?? ''} />
      </label>
      <label>
        Projekt
        <select name="project_id">
          <option value="">Alla mina projekt</option>
          {props.projects.map((p) => (
            <option value={p.id} selected={p.id === q.project_id}>
              {p.name}
            </option>
          ))}
        </select>
      </label>
      <button type="submit">Visa</button>
    </form>
  );
}

export function AuditPage(props: {
  staff: StaffContext;
  q: AuditQuery;
  projects: { id: string; name: string }[];
  rows: AuditRow[];
  next: number | null;
  error?: string;
}) {
  return (
    <Layout title="Granskningslogg" staff={props.staff}>
      <h1>Granskningslogg</h1>
      <p>
        <a href="/admin">Administration</a> ·{' '}
        <a href={`/admin/audit.csv${auditQueryString(props.q)}`}>Ladda ner som CSV</a>
      </p>
      <p class="muted">Loggen kan inte ändras eller raderas. Deltagare visas bara som ”deltagare”.</p>
      <FilterForm q={props.q} projects={props.projects} />
      {props.error ? (
        <p class="notice error" role="alert">
          {props.error}
        </p>
      ) : null}
      <div class="table-wrap">
        <table data-testid="audit-table">
          <thead>
            <tr>
              <th>Tid</th>
              <th>Utförd av</th>
              <th>Händelse</th>
              <th>Projekt</th>
              <th>Gäller</th>
              <th>Detaljer</th>
            </tr>
          </thead>
          <tbody>
            {props.rows.map((r) => (
              <tr>
                <td>{localDateTimeSeconds(r.at)}</td>
                <td>{actorText(r)}</td>
                <td>{r.action}</td>
                <td>{r.project_name ?? ''}</td>
                <td>
                  {r.target_type === 'participant' ? 'deltagare' : (r.target_type ?? '')}
                  {r.target_id ? ` ${r.target_id}` : ''}
                </td>
                <td>{Object.keys(r.details).length ? JSON.stringify(r.details) : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {props.rows.length === 0 ? <p>Inga händelser med det urvalet.</p> : null}
      {props.next ? (
        <p>
          <a href={`/admin/audit${auditQueryString(props.q, { before: String(props.next) })}`}>Äldre händelser</a>
        </p>
      ) : null}
    </Layout>
  );
}
