import type { CountReport, StaffContext } from '../../store/store.ts';
import { Layout } from '../../views/layout.tsx';
import { GENDER_COLUMNS, MEASURES, periodOptions, type ReportPeriod } from '../count-report.ts';

/** The page's choices: projects (every project the admin administers when none is ticked) and the period. */
export interface CountReportChoice {
  projects: string[];
  period: ReportPeriod | null;
}

const dateSv = (iso: string) =>
  new Intl.DateTimeFormat('sv-SE', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(`${iso}T00:00:00Z`),
  );

/** The choice as a query string, for the CSV link. */
export function choiceQuery(choice: CountReportChoice, extra: Record<string, string> = {}): string {
  const p = new URLSearchParams();
  for (const id of choice.projects) p.append('project', id);
  if (choice.period?.period === 'egen') {
    p.set('from', choice.period.from);
    p.set('to', choice.period.to);
  } else if (choice.period) p.set('period', choice.period.period);
  for (const [k, v] of Object.entries(extra)) p.set(k, v);
  return p.toString();
}

function ChoiceForm(props: { choice: CountReportChoice; projects: { id: string; name: string }[] }) {
  const period = props.choice.period;
  const custom = period?.period === 'egen';
  return (
    <form method="get" action="/admin/count-report" class="card stack-wide filter-form" data-testid="count-choice">
      <fieldset>
        <legend>Projekt</legend>
        {props.projects.map((p) => (
          <label class="check">
            <input type="checkbox" name="project" value={p.id} checked={props.choice.projects.includes(p.id)} />
            {p.name}
          </label>
        ))}
      </fieldset>
      <label>
        Period
        <select name="period">
          {periodOptions().map((o) => (
            <option value={o.value} selected={!custom && period?.period === o.value}>
              {o.label}
            </option>
          ))}
        </select>
      </label>
      <fieldset>
        <legend>Eller egna datum</legend>
        <p class="muted">Fyll i båda. De ersätter perioden ovan.</p>
        <div class="inline-form">
          <label>
            Från
            <input type="date" name="from" value={custom ? period.from : ''} />
          </label>
          <label>
            Till
            <input type="date" name="to" value={custom ? period.to : ''} />
          </label>
        </div>
      </fieldset>
      <button type="submit" class="primary">
        Visa
      </button>
    </form>
  );
}

function ProjectCounts(props: { project: CountReport['projects'][number] }) {
  const c = props.project.counts;
  return (
    <section class="count-project" data-testid="count-project">
      <h2>{props.project.name}</h2>
      <div class="table-wrap">
        <table class="counts">
          <thead>
            <tr>
              <th scope="col">Kön</th>
              {MEASURES.map(([, label]) => (
                <th scope="col">{label.replace(' under perioden', '')}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {GENDER_COLUMNS.map(([key, label]) => (
              <tr class={key === 'total' ? 'total' : undefined}>
                <th scope="row">{label}</th>
                {MEASURES.map(([m]) => (
                  <td data-count={`${m}:${key}`}>{c[m][key]}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** /admin/count-report: exact counts by gender per project and period, for filing the follow-up. */
export function CountReportPage(props: {
  staff: StaffContext;
  projects: { id: string; name: string }[];
  choice: CountReportChoice;
  report?: CountReport;
  error?: string;
}) {
  const report = props.report;
  return (
    <Layout title="Antal deltagare" staff={props.staff}>
      <h1>Antal deltagare per kön</h1>
      <p>
        <a href="/admin">Administration</a>
      </p>
      <p class="muted">
        Underlag för den nationella uppföljningen (Uppföljning Finsam): exakta antal, inga dolda celler. Bara projektets
        administratörer ser sidan. <strong>Aktiva</strong>: inskrivna senast periodens sista dag och inte avslutade före
        dess första dag. <strong>Nya</strong>: inskrivna under perioden. <strong>Avslutade</strong>: avslutade under
        perioden.
      </p>
      <ChoiceForm choice={props.choice} projects={props.projects} />
      {props.error ? (
        <p class="notice error" role="alert">
          {props.error}
        </p>
      ) : null}
      {report ? (
        <>
          <p data-testid="count-period">
            Period: {dateSv(report.from)} – {dateSv(report.to)}
          </p>
          <p class="actions">
            <a class="button" href={`/admin/count-report.csv?${choiceQuery(props.choice)}`}>
              Ladda ner CSV
            </a>
            <a class="button" href={`/admin/count-report.csv?${choiceQuery(props.choice, { sep: 'semicolon' })}`}>
              CSV för svenskt Excel
            </a>
          </p>
          <p class="muted">Nedladdningen sparas i granskningsloggen.</p>
          {report.projects.map((p) => (
            <ProjectCounts project={p} />
          ))}
        </>
      ) : null}
    </Layout>
  );
}
