import type { AggregateReport, ProjectOutcomes } from '../../store/store.ts';
import { filterParams, type ResearchFilter } from '../filter.ts';
import { Layout } from '../../views/layout.tsx';
import { OutcomesSection } from './outcomes-section.tsx';
import { VersionFigures, versionHeading } from './sections.tsx';

export interface ReportSurvey {
  key: string;
  label: string;
  report: AggregateReport;
  labels: Record<string, string>;
}

function MethodNote(props: { minGroup: number }) {
  return (
    <section class="report-method">
      <h2>Om siffrorna</h2>
      <p>
        Siffrorna räknas i databasen från inskickade svar, per enkätversion och tillfälle. Svar som saknas eller är ”vet
        inte” ingår inte i n. Grupper, frågor, antal per svarsalternativ och WAI-kategorier med färre än{' '}
        {props.minGroup} svar visas inte; är bara ett sådant antal för litet döljs även det näst minsta, så att det inte
        kan räknas fram ur totalen. Svaren räknas i block om minst {props.minGroup} svar per projekt och period, så två
        urval kan aldrig skilja sig med färre personer än så.
      </p>
      <p>
        Staplarna för frågorna med svarsskala 1–6 visar andelen av n för varje svarsalternativ och är centrerade mellan
        3 och 4: svar 1–3 till vänster, 4–6 till höger. Tabellen under varje diagram innehåller samma uppgifter i
        siffror.
      </p>
    </section>
  );
}

/**
 * The printable report: every research survey of one project with charts and tables, a header
 * with project, date and minimum group size, and no navigation or forms.
 */
export function ReportPage(props: {
  filter: ResearchFilter;
  projectName: string;
  minGroup: number;
  date: string;
  surveys: ReportSurvey[];
  outcomes: ProjectOutcomes[];
}) {
  const f = props.filter;
  return (
    <Layout title={`Rapport ${props.projectName}`}>
      <div class="report">
        <p class="no-print">
          <a href={`/research?${filterParams(f)}`}>← Tillbaka till resultat</a> · Skriv ut eller spara som PDF med
          webbläsarens utskrift (Ctrl+P eller ⌘P).
        </p>
        <header class="report-header">
          <h1>Rapport: {props.projectName}</h1>
          <dl>
            <dt>Datum</dt>
            <dd>{props.date}</dd>
            <dt>Minsta gruppstorlek</dt>
            <dd>{props.minGroup} svar</dd>
            <dt>Period</dt>
            <dd>{f.from || f.to ? `${f.from ?? 'från början'} – ${f.to ?? 'idag'}` : 'hela tiden'}</dd>
            {f.version ? (
              <>
                <dt>Version ({f.survey})</dt>
                <dd>{f.version}</dd>
              </>
            ) : null}
            {f.occasion ? (
              <>
                <dt>Tillfälle</dt>
                <dd>{f.occasion}</dd>
              </>
            ) : null}
          </dl>
        </header>
        <MethodNote minGroup={props.minGroup} />
        <div class="report-section" data-survey="utfall">
          {props.outcomes.map((o, i) => (
            <OutcomesSection
              outcomes={o}
              chartId={`report-outcomes-${i}`}
              withProjectName={props.outcomes.length > 1}
            />
          ))}
        </div>
        {props.surveys.map((s) => (
          <section class="report-section" data-survey={s.key}>
            <h2>{s.label}</h2>
            {s.report.versions.length === 0 ? <p>Inga svar ännu.</p> : null}
            {s.report.versions.map((v, i) => (
              <div class="report-version">
                <h3>{versionHeading(v)}</h3>
                <VersionFigures
                  version={v}
                  labels={s.labels}
                  minGroup={s.report.min_group_size}
                  chartId={`${s.key}-${i}`}
                />
              </div>
            ))}
          </section>
        ))}
      </div>
    </Layout>
  );
}
