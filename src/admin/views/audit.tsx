import type { AuditRow, StaffContext } from '../../store/store.ts';
import { Layout } from '../../views/layout.tsx';
import { localDateTimeSeconds } from '../../views/time.ts';
import { auditDetails } from '../audit-details.ts';
import { auditSentence } from '../audit-sentences.ts';

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
  ['link.', 'Länkar och koder till deltagare'],
  ['handover.', 'Telefon tillbaka från deltagare'],
  ['research.', 'Exporter och nedladdningar'],
  ['export_grant.', 'Behörighet till radnivåexport'],
  ['definition.', 'Enkäter och samtycken'],
  ['audit.', 'Granskningsloggen'],
  ['admin.', 'Rapporter (antal deltagare)'],
];

export function auditQueryString(q: AuditQuery, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...q, ...extra })) if (v) params.set(k, v);
  const s = params.toString();
  return s ? `?${s}` : '';
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

function AuditEntry(props: { row: AuditRow }) {
  const fields = auditDetails(props.row);
  return (
    <tr>
      <td class="audit-time">{localDateTimeSeconds(props.row.at)}</td>
      <td class="audit-event">
        <p class="audit-sentence">{auditSentence(props.row)}</p>
        {fields.length ? (
          <dl class="audit-details">
            {fields.map((f) => (
              <div>
                <dt>{f.label}</dt>
                <dd>{f.value}</dd>
              </div>
            ))}
          </dl>
        ) : null}
      </td>
      <td class="audit-project">{props.row.project_name ?? ''}</td>
    </tr>
  );
}

/** Three columns that fit the main column at 1,024 px; on a phone each row becomes a card. */
function AuditTable(props: { rows: AuditRow[] }) {
  if (props.rows.length === 0) return null;
  return (
    <table class="audit-table" data-testid="audit-table">
      <thead>
        <tr>
          <th scope="col">Tid</th>
          <th scope="col">Händelse</th>
          <th scope="col">Projekt</th>
        </tr>
      </thead>
      <tbody>
        {props.rows.map((r) => (
          <AuditEntry row={r} />
        ))}
      </tbody>
    </table>
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
      <p class="muted">
        Loggen kan inte ändras eller raderas. Deltagare visas bara som ”en deltagare”. CSV-filen har händelsernas koder
        och alla fält, för den som granskar loggen i ett annat program.
      </p>
      <FilterForm q={props.q} projects={props.projects} />
      {props.error ? (
        <p class="notice error" role="alert">
          {props.error}
        </p>
      ) : null}
      <AuditTable rows={props.rows} />
      {props.rows.length === 0 ? <p>Inga händelser med det urvalet.</p> : null}
      {props.next ? (
        <p>
          <a href={`/admin/audit${auditQueryString(props.q, { before: String(props.next) })}`}>Äldre händelser</a>
        </p>
      ) : null}
    </Layout>
  );
}
