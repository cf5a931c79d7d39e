import type { AggregateReport, ProjectOutcomes, StaffContext, WaiChange } from '../../store/store.ts';
import { filterParams, type ResearchFilter } from '../filter.ts';
import { Layout } from '../../views/layout.tsx';
import { ComparisonSection } from './comparison-section.tsx';
import { OutcomesSection } from './outcomes-section.tsx';
import { WaiChangeSection } from './wai-change-section.tsx';
import { PooledSection } from './pooled-section.tsx';
import { dateText, periodText, quarterEndText, VersionFigures, versionHeading } from './sections.tsx';
import { RowExportBlock, type RowExportGrantFlag } from './row-export.tsx';
import { SyntaxLinks } from './syntax-links.tsx';

export const SURVEYS_FOR_RESEARCH = [
  { key: 'pagaende', label: 'Pågående' },
  { key: 'avslut', label: 'Avslut' },
  { key: 'wai', label: 'WAI (arbetsförmåga)' },
];

const OCCASIONS = [
  { key: 'start', label: 'Start' },
  { key: 'pagaende', label: 'Under insatsen' },
  { key: 'avslut', label: 'Avslut' },
];

/** The Rapportunderlag is per project: the first selected one, with the same period. */
const basisParams = (f: ResearchFilter) =>
  new URLSearchParams({ project: f.project[0]!, ...(f.from ? { from: f.from } : {}), ...(f.to ? { to: f.to } : {}) });

const quarterText = (q: string) => q.replace(/^(\d{4})-Q(\d)$/, '$1 kv $2');

/** The filter form: projects, survey, period (whole quarters), version and occasion. */
function FilterForm(props: {
  projects: { id: string; name: string }[];
  filter: ResearchFilter;
  versions: number[];
  quarters: string[];
}) {
  const f = props.filter;
  return (
    <form method="get" action="/research" class="filter-form" data-testid="research-filter">
      {props.projects.length > 1 ? (
        <fieldset>
          <legend>Projekt</legend>
          {props.projects.map((p) => (
            <label class="check">
              <input type="checkbox" name="project" value={p.id} checked={f.project.includes(p.id)} /> {p.name}
            </label>
          ))}
        </fieldset>
      ) : (
        <input type="hidden" name="project" value={props.projects[0]?.id} />
      )}
      <div class="inline-form">
        <label>
          Enkät
          <select name="survey">
            {SURVEYS_FOR_RESEARCH.map((o) => (
              <option value={o.key} selected={f.survey === o.key}>
                {o.label}
              </option>
            ))}
          </select>
        </label>
        <label>
          Från
          <select name="from">
            <option value="">Från början</option>
            {props.quarters.map((q) => (
              <option value={q} selected={f.from === q}>
                {quarterText(q)}
              </option>
            ))}
          </select>
        </label>
        <label>
          Till och med
          <select name="to">
            <option value="">Till idag</option>
            {props.quarters.map((q) => (
              <option value={q} selected={f.to === q}>
                {quarterText(q)}
              </option>
            ))}
          </select>
        </label>
        <label>
          Version
          <select name="version">
            <option value="">Alla versioner</option>
            {props.versions.map((v) => (
              <option value={String(v)} selected={f.version === v}>
                Version {v}
              </option>
            ))}
          </select>
        </label>
        <label>
          Tillfälle
          <select name="occasion">
            <option value="">Alla tillfällen</option>
            {OCCASIONS.map((o) => (
              <option value={o.key} selected={f.occasion === o.key}>
                {o.label}
              </option>
            ))}
          </select>
        </label>
        <button type="submit">Visa</button>
      </div>
    </form>
  );
}

export function ResearchPage(props: {
  staff: StaffContext;
  projects: { id: string; name: string }[];
  filter: ResearchFilter;
  versions: number[];
  quarters: string[];
  report: AggregateReport;
  labels: Record<string, string>;
  outcomes: ProjectOutcomes[];
  comparison?: { pagaende: AggregateReport; avslut: AggregateReport } | null;
  waiChange?: WaiChange | null;
  /** The user's row-level export grant in the (first) selected project. */
  rowExport?: RowExportGrantFlag | null;
}) {
  const f = props.filter;
  const q = filterParams(f);
  const many = f.project.length > 1;
  return (
    <Layout title="Resultat" staff={props.staff}>
      <h1>Resultat</h1>
      <FilterForm projects={props.projects} filter={f} versions={props.versions} quarters={props.quarters} />
      <p class="muted" data-testid="suppression-note">
        {props.report.closed_through ? `Svar t.o.m. ${dateText(props.report.closed_through)}: ` : ''}
        siffrorna bygger bara på avslutade kvartal. Grupper med färre än {props.report.min_group_size} svar visas inte.
        Svaren räknas i block om minst {props.report.min_group_size} svar per projekt och period, och ett urval tar bara
        med hela block. Därför skiljer sig två urval, eller samma urval vid två tillfällen, aldrig med färre än{' '}
        {props.report.min_group_size} personer. Inom en grupp som visas syns hela fördelningen. Pågående och Avslut: 1 =
        aldrig / inte alls … 6 = alltid / helt och hållet.
      </p>
      <p>
        Ladda ner: <a href={`/api/research/aggregates.csv?${q}`}>CSV</a> ·{' '}
        <a href={`/api/research/aggregates.csv?${filterParams(f, { sep: 'semicolon' })}`}>CSV för svenskt Excel</a> ·{' '}
        <a href={`/api/research/aggregates?${q}`}>JSON</a>
        <SyntaxLinks path="/api/research/aggregates" query={q} />
      </p>
      <p>
        <a href={`/research/report?${q}`} data-testid="report-link">
          Skriv ut / spara som PDF
        </a>{' '}
        (alla enkäter, samma urval) ·{' '}
        <a href={`/research/rapportunderlag?${basisParams(f)}`} data-testid="basis-link">
          Rapportunderlag
        </a>{' '}
        (tabeller för slutrapporten, Word och CSV) · <a href={`/research/codebook?survey=${f.survey}`}>Kodbok</a> (
        <a href={`/api/research/codebook.csv?survey=${f.survey}`}>CSV</a>)
      </p>
      {many ? null : <RowExportBlock projectId={f.project[0]!} surveyKey={f.survey} grant={props.rowExport} />}
      {props.outcomes.map((o, i) => (
        <OutcomesSection outcomes={o} chartId={`outcomes-${i}`} withProjectName={many} />
      ))}
      {props.comparison ? <ComparisonSection {...props.comparison} labels={props.labels} /> : null}
      {props.waiChange ? <WaiChangeSection change={props.waiChange} minGroup={props.report.min_group_size} /> : null}
      {f.survey === 'wai' && many ? (
        <p class="muted">Förändring start → avslut visas för ett projekt i taget.</p>
      ) : null}
      {props.report.versions.length === 0 ? <p>Inga svar för det här urvalet.</p> : null}
      {props.report.versions.map((v, i) => (
        <section>
          <h2>{versionHeading(v)}</h2>
          {many ? <p class="muted">Projekt: {props.report.project_name}</p> : null}
          {v.period?.from ? (
            <p class="muted" data-testid="period">
              Svar från {periodText(v.period)}
              {v.period.to ? `, t.o.m. ${quarterEndText(v.period.to)}` : ''}.
              {v.below_reporting_minimum ? ` Under rapporteringsgränsen (${v.reporting_minimum} svar).` : ''}
            </p>
          ) : null}
          <VersionFigures version={v} labels={props.labels} minGroup={props.report.min_group_size} chartId={`v${i}`} />
        </section>
      ))}
      {(props.report.pooled ?? []).map((p) => (
        <PooledSection pooled={p} labels={props.labels} />
      ))}
    </Layout>
  );
}
