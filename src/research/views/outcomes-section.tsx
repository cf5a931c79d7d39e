import { OutcomeChart, type OutcomeBar } from '../charts/outcomes.tsx';
import type { ProjectOutcomes } from '../../store/store.ts';
import { EXIT_REASON, REFERRAL } from '../../domain/vocabulary.ts';
import { periodQuery } from '../outcome-period.ts';
import { ActivityOutcome, GenderSplit } from './outcome-funder.tsx';
import { CategoryTable, FEW, num, pct } from './outcome-parts.tsx';

const REFERRAL_LABELS: Record<string, string> = { ...REFERRAL.label, saknas: 'Uppgift saknas' };
const EXIT_LABELS: Record<string, string> = { ...EXIT_REASON.label };
const OCCASION_LABELS: Record<string, string> = {
  'wai/start': 'WAI vid start',
  'pagaende/pagaende': 'Pågående',
  'avslut/avslut': 'Avslut',
  'wai/avslut': 'WAI vid avslut',
};

function ResponseRates(props: { rates: ProjectOutcomes['response_rates'] }) {
  return (
    <div class="table-wrap">
      <table data-testid="response-rates">
        <caption>Svarsfrekvens per tillfälle</caption>
        <thead>
          <tr>
            <th scope="col">Tillfälle</th>
            <th scope="col">Aktuella</th>
            <th scope="col">Svar</th>
            <th scope="col">Andel</th>
          </tr>
        </thead>
        <tbody>
          {props.rates.map((r) => (
            <tr>
              <th scope="row">{OCCASION_LABELS[`${r.survey}/${r.occasion}`] ?? `${r.survey} (${r.occasion})`}</th>
              {r.suppressed ? (
                <td colSpan={3} class="suppressed">
                  För få för att visas
                </td>
              ) : (
                <>
                  <td>{r.due}</td>
                  <td>{r.answered}</td>
                  <td>{pct(r.rate)}</td>
                </>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Enrolled(props: { o: ProjectOutcomes; chartId: string }) {
  const e = props.o.enrolled;
  return (
    <div class="outcome-pair">
      <figure class="chart">
        <OutcomeChart
          id={`${props.chartId}-enrolled`}
          title="Inskrivna deltagare"
          unit="st"
          bars={[{ label: 'Inskrivna', value: e.n, suppressed: e.suppressed }]}
          target={e.target === null ? undefined : { value: e.target, label: 'Mål' }}
        />
      </figure>
      <div class="table-wrap">
        <table data-testid="outcome-enrolled">
          <tbody>
            <tr>
              <th scope="row">Inskrivna</th>
              <td>{e.suppressed ? FEW : e.n}</td>
            </tr>
            <tr>
              <th scope="row">Mål</th>
              <td>{num(e.target)}</td>
            </tr>
          </tbody>
        </table>
      </div>
    </div>
  );
}

function Exits(props: { o: ProjectOutcomes; chartId: string }) {
  const x = props.o.exits;
  if (x.suppressed) return <p class="suppressed">Avslut: för få avslutade deltagare för att visas.</p>;
  const bars: OutcomeBar[] = x.categories.map((c) => ({
    label: EXIT_LABELS[c.category] ?? c.category,
    value: c.n,
    suppressed: c.suppressed,
  }));
  return (
    <div class="outcome-pair">
      <figure class="chart">
        <OutcomeChart id={`${props.chartId}-exits`} title="Avslutade efter orsak" unit="st" bars={bars} />
      </figure>
      <CategoryTable counts={x} labels={EXIT_LABELS} caption="Avslutade" testId="outcome-exits" />
    </div>
  );
}

function WorkOrStudies(props: { o: ProjectOutcomes; chartId: string }) {
  const w = props.o.work_or_studies;
  return (
    <div class="outcome-pair">
      <figure class="chart">
        <OutcomeChart
          id={`${props.chartId}-work`}
          title="Andel avslutade till arbete eller studier"
          unit="%"
          max={100}
          bars={[
            {
              label: 'Till arbete eller studier',
              value: w.share === null ? null : w.share * 100,
              suppressed: w.suppressed,
            },
          ]}
          target={{ value: w.goal * 100, label: 'Mål' }}
        />
      </figure>
      <div class="table-wrap">
        <table data-testid="outcome-work">
          <tbody>
            <tr>
              <th scope="row">Avslutade</th>
              <td>{w.n === null ? FEW : w.n}</td>
            </tr>
            <tr>
              <th scope="row">Till arbete eller studier</th>
              <td>{w.suppressed ? FEW : `${w.count} (${pct(w.share)})`}</td>
            </tr>
            <tr>
              <th scope="row">Mål</th>
              <td>{pct(w.goal)}</td>
            </tr>
          </tbody>
        </table>
      </div>
    </div>
  );
}

function TimeInProgramme(props: { time: ProjectOutcomes['time_in_programme'] }) {
  const t = props.time;
  return (
    <div class="table-wrap">
      <table data-testid="outcome-time">
        <caption>
          Tid i insatsen för avslutade (dagar){t.suppressed ? ': för få för att visas' : `: ${t.n} personer`}
        </caption>
        {t.suppressed ? null : (
          <tbody>
            <tr>
              <th scope="row">Medel</th>
              <td>{num(t.mean_days)}</td>
            </tr>
            <tr>
              <th scope="row">Median (kvartiler)</th>
              <td>
                {num(t.median_days)} ({num(t.q1_days)}–{num(t.q3_days)})
              </td>
            </tr>
          </tbody>
        )}
      </table>
    </div>
  );
}

/** '2025-04-01' → '2025-Q2' (the pickers' form), for the download links. */
const quarterLabel = (day: string | null) =>
  day ? `${day.slice(0, 4)}-Q${Math.floor((Number(day.slice(5, 7)) - 1) / 3) + 1}` : undefined;

/**
 * "Utfall": outcomes from the register data for the page's period (closed quarters only):
 * enrolled against the target, the gender split against the target share, exits by reason and by
 * the funder's activity categories against the goal, referrals, time in the programme, and the
 * response rates (all time). Each chart has a table with the same figures beside it. `chartId`
 * keeps SVG ids unique on the page.
 */
export function OutcomesSection(props: { outcomes: ProjectOutcomes; chartId: string; withProjectName?: boolean }) {
  const o = props.outcomes;
  const base = `project=${o.project_id}${periodQuery({ from: quarterLabel(o.period.from), to: quarterLabel(o.period.to) })}`;
  return (
    <section class="outcomes" data-testid="outcomes">
      <h2>Utfall{props.withProjectName ? `: ${o.project_name}` : ''}</h2>
      <p data-testid="outcomes-through">
        {o.period.closed_through
          ? `Uppgifter t.o.m. ${o.period.closed_through}.`
          : 'Inga uppgifter att visa för perioden ännu.'}
      </p>
      <p class="muted">
        Från registeruppgifterna för alla inskrivna, avslutade kvartal i perioden. Antal som bygger på färre än{' '}
        {o.min_group_size} personer visas inte.
      </p>
      <details class="outcome-rules">
        <summary>Så räknas utfallen</summary>
        <p class="muted">
          Kvartal räknas samman tills varje del har minst {o.min_group_size} inskrivna och minst {o.min_group_size}{' '}
          avslutade till sysselsättning respektive utan (eller inga), så att två perioder aldrig skiljer sig åt med
          färre personer; de senaste kvartalen kan därför saknas. Inskrivna och remittent: de som skrevs in under
          perioden. Avslut, sysselsättning och tid i insatsen: de som avslutades under perioden. Könsfördelning: de som
          var inskrivna någon gång under perioden. Är bara en kategori för liten döljs även den näst minsta. Arbete
          eller studier: avslutsorsak arbete eller studier. Sysselsättning: som projektets administratör har angett för
          avslutsorsak och sysselsättning vid avslut. Tid i insatsen redovisas med median och kvartiler, inte kortaste
          och längsta tid. Svarsfrekvensen gäller all tid.
        </p>
      </details>
      <p class="outcome-downloads">
        Ladda ner utfall: <a href={`/api/research/outcomes.csv?${base}`}>CSV</a> ·{' '}
        <a href={`/api/research/outcomes.csv?${base}&sep=semicolon`}>CSV för svenskt Excel</a> ·{' '}
        <a href={`/api/research/outcomes?${base}`}>JSON</a>
      </p>
      <Enrolled o={o} chartId={props.chartId} />
      <GenderSplit o={o} chartId={props.chartId} />
      <Exits o={o} chartId={props.chartId} />
      <ActivityOutcome o={o} chartId={props.chartId} />
      <WorkOrStudies o={o} chartId={props.chartId} />
      <CategoryTable
        counts={o.referrals}
        labels={REFERRAL_LABELS}
        caption="Remitterande aktör"
        testId="outcome-referrals"
      />
      <TimeInProgramme time={o.time_in_programme} />
      <ResponseRates rates={o.response_rates} />
    </section>
  );
}
