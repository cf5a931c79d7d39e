import type { StaffContext } from '../../store/store.ts';
import { Layout } from '../../views/layout.tsx';
import { quarterLabelText } from '../report-basis/format.ts';
import type { BasisQuery } from '../report-basis/load.ts';
import type { BasisRow, BasisTable, ReportBasis } from '../report-basis/model.ts';

function Row(props: { table: BasisTable; row: BasisRow }) {
  const r = props.row;
  let column = 1;
  return (
    <tr class={r.total ? 'total' : undefined}>
      <th scope="row">{r.head}</th>
      {r.cells.map((c) => {
        const text = c.span !== undefined || (props.table.textColumns ?? []).includes(column);
        // On a phone each row becomes a card and the cell names its column (CSS, data-label).
        const label = c.span === undefined ? props.table.columns[column] : undefined;
        column += c.span ?? 1;
        const cls = [c.kind ? 'suppressed' : '', text ? 'text' : ''].filter(Boolean).join(' ');
        return (
          <td colSpan={c.span} class={cls || undefined} data-label={label}>
            {c.text}
          </td>
        );
      })}
    </tr>
  );
}

/** One table as plain semantic HTML: what pastes into Word as a Word table. */
function Table(props: { table: BasisTable }) {
  const t = props.table;
  return (
    <div class="basis-table" data-table={t.id}>
      <h3>{t.title}</h3>
      {t.empty ? <p class="suppressed">{t.empty}</p> : null}
      {t.rows.length > 0 ? (
        <div class="table-wrap">
          <table data-testid={`basis-${t.id}`}>
            {t.caption ? <caption>{t.caption}</caption> : null}
            <thead>
              <tr>
                {t.columns.map((c, i) => (
                  <th scope="col" class={i === 0 || (t.textColumns ?? []).includes(i) ? 'text' : undefined}>
                    {c}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {t.rows.map((r) => (
                <Row table={t} row={r} />
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {(t.notes ?? []).map((n) => (
        <p class="basis-note">{n}</p>
      ))}
    </div>
  );
}

function PeriodForm(props: { projects: { id: string; name: string }[]; query: BasisQuery; quarters: string[] }) {
  const q = props.query;
  const quarterSelect = (name: 'from' | 'to', label: string, none: string) => (
    <label>
      {label}
      <select name={name}>
        <option value="">{none}</option>
        {props.quarters.map((x) => (
          <option value={x} selected={q[name] === x}>
            {quarterLabelText(x)}
          </option>
        ))}
      </select>
    </label>
  );
  return (
    <form method="get" action="/research/rapportunderlag" class="inline-form no-print" data-testid="basis-filter">
      {props.projects.length > 1 ? (
        <label>
          Projekt
          <select name="project">
            {props.projects.map((p) => (
              <option value={p.id} selected={p.id === q.project}>
                {p.name}
              </option>
            ))}
          </select>
        </label>
      ) : (
        <input type="hidden" name="project" value={q.project} />
      )}
      {quarterSelect('from', 'Från', 'Från början')}
      {quarterSelect('to', 'Till och med', 'Till idag')}
      <button type="submit">Visa</button>
    </form>
  );
}

/** The Rapportunderlag: the funder's tables and the item tables for one project and period. */
export function ReportBasisPage(props: {
  staff: StaffContext;
  projects: { id: string; name: string }[];
  query: BasisQuery;
  quarters: string[];
  basis: ReportBasis;
}) {
  const b = props.basis;
  const q = new URLSearchParams({ project: props.query.project });
  if (props.query.from) q.set('from', props.query.from);
  if (props.query.to) q.set('to', props.query.to);
  return (
    <Layout title={`Rapportunderlag ${b.projectName}`} staff={props.staff}>
      <div class="basis">
        <p class="no-print">
          <a href={`/research?project=${props.query.project}`}>← Tillbaka till resultat</a>
        </p>
        <h1>Rapportunderlag: {b.projectName}</h1>
        <PeriodForm projects={props.projects} query={props.query} quarters={props.quarters} />
        <p class="basis-through" data-testid="answers-through">
          <strong>{b.answersThrough}</strong> · Period: {b.period} · Minsta gruppstorlek: {b.minGroup} · Framtaget{' '}
          {b.made}
        </p>
        <p class="no-print">
          Ladda ner: <a href={`/api/research/rapportunderlag.docx?${q}`}>Word (.docx)</a> ·{' '}
          <a href={`/api/research/rapportunderlag.csv?${q}`}>CSV (svenskt Excel)</a>. Nedladdningar loggas. Du kan också
          markera en tabell här och klistra in den i Word.
        </p>
        {b.sections.map((s) => (
          <section data-section={s.id}>
            <h2>{s.title}</h2>
            {s.intro ? <p class="muted">{s.intro}</p> : null}
            {s.tables.map((t) => (
              <Table table={t} />
            ))}
          </section>
        ))}
      </div>
    </Layout>
  );
}
