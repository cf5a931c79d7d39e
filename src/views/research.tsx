import type { AggregateReport, ItemAggregate, StaffContext, WaiAggregate } from '../store/store.ts';
import { Layout } from './layout.tsx';

const fmt = (n: number | null | undefined, digits = 2) =>
  n === null || n === undefined ? '–' : n.toLocaleString('sv-SE', { minimumFractionDigits: digits, maximumFractionDigits: digits });

/** The scale values a table needs columns for: from the lowest minimum to the highest maximum. */
function scaleValues(items: ItemAggregate[]): string[] {
  if (items.length === 0) return [];
  const lo = Math.min(...items.map((i) => i.scale.min));
  const hi = Math.max(...items.map((i) => i.scale.max));
  return Array.from({ length: hi - lo + 1 }, (_, i) => String(lo + i));
}

function ItemRow(props: { item: ItemAggregate; label: string; values: string[] }) {
  const it = props.item;
  if (it.suppressed) {
    return (
      <tr>
        <th scope="row">{props.label}</th>
        <td colSpan={5 + props.values.length} class="suppressed">För få svar för att visas</td>
      </tr>
    );
  }
  return (
    <tr>
      <th scope="row">{props.label}</th>
      <td>{it.n}</td>
      <td>{it.missing}</td>
      <td>{fmt(it.mean)}</td>
      <td>{fmt(it.sd)}</td>
      <td>{fmt(it.median, 1)}</td>
      {props.values.map((v) => <td>{it.counts?.[v] ?? ''}</td>)}
    </tr>
  );
}

const occasionLabel: Record<string, string> = { start: 'vid start', pagaende: 'under insatsen', avslut: 'vid avslut' };
const categoryLabel: Record<string, string> = { poor: 'Dålig (7–27)', moderate: 'Måttlig (28–36)', good: 'God (37–43)', excellent: 'Utmärkt (44–49)' };
export const SURVEYS_FOR_RESEARCH = [
  { key: 'pagaende', label: 'Pågående' },
  { key: 'avslut', label: 'Avslut' },
  { key: 'wai', label: 'WAI (arbetsförmåga)' },
];

function WaiSummary(props: { wai: WaiAggregate; minGroup: number }) {
  const w = props.wai;
  if (w.suppressed) return <p class="suppressed">WAI-poäng: för få fullständiga svar för att visas (färre än {props.minGroup}).</p>;
  return (
    <div class="table-wrap">
      <table data-testid="wai-summary">
        <caption>WAI-totalpoäng (7–49): {w.n} fullständiga svar{w.incomplete ? `, ${w.incomplete} utan totalpoäng` : ''}</caption>
        <tbody>
          <tr><th scope="row">Medel (SD)</th><td>{fmt(w.total?.mean)} ({fmt(w.total?.sd)})</td></tr>
          <tr><th scope="row">Median (kvartiler)</th><td>{fmt(w.total?.median, 1)} ({fmt(w.total?.q1, 1)}–{fmt(w.total?.q3, 1)})</td></tr>
          <tr><th scope="row">Work Ability Score (0–10), medel</th><td>{w.work_ability_score ? fmt(w.work_ability_score.mean) : '–'}</td></tr>
          {(w.categories ?? []).map((c) => (
            <tr><th scope="row">{categoryLabel[c.category]}</th><td>{c.suppressed ? <span class="suppressed">För få</span> : c.n}</td></tr>
          ))}
        </tbody>
      </table>
    </div>
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
            {SURVEYS_FOR_RESEARCH.map((o) => <option value={o.key} selected={props.surveyKey === o.key}>{o.label}</option>)}
          </select>
        </label>
        <button type="submit">Visa</button>
      </form>
      <p class="muted">
        Grupper med färre än {props.report.min_group_size} svar visas inte. Pågående och Avslut: 1 = aldrig / inte alls … 6 = alltid / helt och hållet.
      </p>
      <p>
        Ladda ner: <a href={`/api/research/aggregates.csv?${q}`}>CSV</a> ·{' '}
        <a href={`/api/research/aggregates.csv?${q}&sep=semicolon`}>CSV för svenskt Excel</a> ·{' '}
        <a href={`/api/research/aggregates?${q}`}>JSON</a>
      </p>
      {props.report.versions.length === 0 ? <p>Inga svar ännu.</p> : null}
      {props.report.versions.map((v) => (
        <section>
          <h2>{v.title.sv} {occasionLabel[v.occasion] ?? v.occasion} – version {v.version}</h2>
          {v.wai ? <WaiSummary wai={v.wai} minGroup={props.report.min_group_size} /> : null}
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
                    {scaleValues(v.items).map((s) => <th scope="col">{s}</th>)}
                  </tr>
                </thead>
                <tbody>
                  {v.items.map((it) => <ItemRow item={it} label={props.labels[it.item] ?? it.item} values={scaleValues(v.items)} />)}
                </tbody>
              </table>
            </div>
          )}
        </section>
      ))}
    </Layout>
  );
}
