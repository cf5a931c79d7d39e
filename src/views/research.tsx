import type { AggregateReport, ProjectOutcomes, StaffContext, WaiChange } from '../store/store.ts';
import { Layout } from './layout.tsx';
import { ComparisonSection } from './comparison-section.tsx';
import { OutcomesSection } from './outcomes-section.tsx';
import { WaiChangeSection } from './wai-change-section.tsx';
import { VersionFigures, versionHeading } from './research-sections.tsx';
import { RowExportBlock, type RowExportGrantFlag } from './row-export.tsx';

export const SURVEYS_FOR_RESEARCH = [
  { key: 'pagaende', label: 'Pågående' },
  { key: 'avslut', label: 'Avslut' },
  { key: 'wai', label: 'WAI (arbetsförmåga)' },
];

export function ResearchPage(props: {
  staff: StaffContext;
  projects: { id: string; name: string }[];
  projectId: string;
  surveyKey: string;
  report: AggregateReport;
  labels: Record<string, string>;
  outcomes: ProjectOutcomes;
  comparison?: { pagaende: AggregateReport; avslut: AggregateReport } | null;
  waiChange?: WaiChange | null;
  rowExport?: RowExportGrantFlag | null;
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
      <p>
        <a href={`/research/report?${q}`} data-testid="report-link">Skriv ut / spara som PDF</a> (alla enkäter i projektet) ·{' '}
        <a href={`/research/codebook?survey=${props.surveyKey}`}>Kodbok</a> (<a href={`/api/research/codebook.csv?survey=${props.surveyKey}`}>CSV</a>)
      </p>
      <RowExportBlock projectId={props.projectId} surveyKey={props.surveyKey} grant={props.rowExport} />
      <OutcomesSection outcomes={props.outcomes} chartId="outcomes" />
      {props.comparison ? <ComparisonSection {...props.comparison} labels={props.labels} /> : null}
      {props.waiChange ? <WaiChangeSection change={props.waiChange} minGroup={props.report.min_group_size} /> : null}
      {props.report.versions.length === 0 ? <p>Inga svar ännu.</p> : null}
      {props.report.versions.map((v, i) => (
        <section>
          <h2>{versionHeading(v)}</h2>
          <VersionFigures version={v} labels={props.labels} minGroup={props.report.min_group_size} chartId={`v${i}`} />
        </section>
      ))}
    </Layout>
  );
}
