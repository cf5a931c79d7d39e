import type { AggregateReport, ItemAggregate, StaffContext } from '../store/store.ts';
import { Layout } from './layout.tsx';

const fmt = (n: number | null | undefined, digits = 2) =>
  n === null || n === undefined ? '–' : n.toLocaleString('sv-SE', { minimumFractionDigits: digits, maximumFractionDigits: digits });

function ItemRow(props: { item: ItemAggregate; label: string }) {
  const it = props.item;
  if (it.suppressed) {
    return (
      <tr>
        <th scope="row">{props.label}</th>
        <td colSpan={10} class="suppressed">För få svar för att visas</td>
      </tr>
    );
  }
  const values = Array.from({ length: it.scale.max - it.scale.min + 1 }, (_, i) => String(it.scale.min + i));
  return (
    <tr>
      <th scope="row">{props.label}</th>
      <td>{it.n}</td>
      <td>{it.missing}</td>
      <td>{fmt(it.mean)}</td>
      <td>{fmt(it.sd)}</td>
      <td>{fmt(it.median, 1)}</td>
      {values.map((v) => <td>{it.counts?.[v] ?? 0}</td>)}
    </tr>
  );
}

export function ResearchPage(props: {
  staff: StaffContext;
  projects: { id: string; name: string }[];
  projectId: string;
  surveyKey: string;
  report: AggregateReport;
  labels: Record<string, string>;
}) {
  const q = `project=${props.projectId}&survey=${props.surveyKey}`;
  return (
    <Layout title="Resultat" staff={props.staff}>
      <h1>Resultat</h1>
      <form method="get" action="/research" class="inline-form">
        <label>
          Projekt
          <select name="project">
            {props.projects.map((p) => <option value={p.id} selected={p.id === props.projectId}>{p.name}</option>)}
          </select>
        </label>
        <label>
          Enkät
          <select name="survey">
            <option value="pagaende" selected={props.surveyKey === 'pagaende'}>Pågående</option>
          </select>
        </label>
        <button type="submit">Visa</button>
      </form>
      <p class="muted">
        Grupper med färre än {props.report.min_group_size} svar visas inte. Skala 1 = aldrig / inte alls … 6 = alltid / helt och hållet.
      </p>
      <p>
        Ladda ner: <a href={`/api/research/aggregates.csv?${q}`}>CSV</a> ·{' '}
        <a href={`/api/research/aggregates.csv?${q}&sep=semicolon`}>CSV för svenskt Excel</a> ·{' '}
        <a href={`/api/research/aggregates?${q}`}>JSON</a>
      </p>
      {props.report.versions.length === 0 ? <p>Inga svar ännu.</p> : null}
      {props.report.versions.map((v) => (
        <section>
          <h2>{v.title.sv} – version {v.version}</h2>
          {v.suppressed ? (
            <p class="suppressed" data-testid="suppressed">För få svar för att visas (färre än {props.report.min_group_size}).</p>
          ) : (
            <div class="table-wrap">
              <table data-testid="aggregates">
                <caption>{v.responses} svar</caption>
                <thead>
                  <tr>
                    <th scope="col">Fråga</th><th scope="col">n</th><th scope="col">Saknas</th><th scope="col">Medel</th>
                    <th scope="col">SD</th><th scope="col">Median</th>
                    {[1, 2, 3, 4, 5, 6].map((s) => <th scope="col">{s}</th>)}
                  </tr>
                </thead>
                <tbody>
                  {v.items.map((it) => <ItemRow item={it} label={props.labels[it.item] ?? it.item} />)}
                </tbody>
              </table>
            </div>
          )}
        </section>
      ))}
    </Layout>
  );
}
