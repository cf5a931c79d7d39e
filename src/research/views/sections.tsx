import { LikertChart, WAI_CATEGORY_LABELS, WaiCategoryChart } from '../charts/items.tsx';
import type { AggregateReport, ItemAggregate, WaiAggregate } from '../../store/store.ts';

type Version = AggregateReport['versions'][number];

const fmt = (n: number | null | undefined, digits = 2) =>
  n === null || n === undefined
    ? '–'
    : n.toLocaleString('sv-SE', { minimumFractionDigits: digits, maximumFractionDigits: digits });

/** The scale values a table needs columns for: from the lowest minimum to the highest maximum. */
export function scaleValues(items: ItemAggregate[]): string[] {
  if (items.length === 0) return [];
  const lo = Math.min(...items.map((i) => i.scale.min));
  const hi = Math.max(...items.map((i) => i.scale.max));
  return Array.from({ length: hi - lo + 1 }, (_, i) => String(lo + i));
}

/** "30 september 2026": the last day of the quarter starting on `firstDay` (YYYY-MM-DD). */
export function quarterEndText(firstDay: string): string {
  const [y, m] = firstDay.split('-').map(Number);
  return dateText(new Date(Date.UTC(y!, m! + 2, 0)).toISOString().slice(0, 10));
}

/** "30 september 2026" for a YYYY-MM-DD date. */
export function dateText(day: string): string {
  return new Date(`${day}T12:00:00Z`).toLocaleDateString('sv-SE', {
    timeZone: 'UTC',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  });
}

/** "2025 kv 1 – 2025 kv 3" for the quarters a result covers. */
export function periodText(period: { from: string | null; to: string | null }): string {
  const q = (d: string | null) => (d ? `${d.slice(0, 4)} kv ${Math.floor((Number(d.slice(5, 7)) - 1) / 3) + 1}` : '');
  return period.from === period.to ? q(period.from) : `${q(period.from)} – ${q(period.to)}`;
}

export function ItemRow(props: { item: ItemAggregate; label: string; values: string[] }) {
  const it = props.item;
  if (it.all_missing) {
    return (
      <tr data-all-missing="true">
        <th scope="row">{props.label}</th>
        <td>0</td>
        <td>{it.missing}</td>
        <td colSpan={4 + props.values.length}>Alla svarade Vet inte</td>
      </tr>
    );
  }
  if (it.suppressed) {
    return (
      <tr>
        <th scope="row">{props.label}</th>
        <td colSpan={6 + props.values.length} class="suppressed">
          För få svar för att visas
        </td>
      </tr>
    );
  }
  return (
    <tr data-below-reporting-minimum={it.below_reporting_minimum ? 'true' : undefined}>
      <th scope="row">
        {props.label}
        {it.below_reporting_minimum ? ' *' : ''}
      </th>
      <td>{it.n}</td>
      <td>{it.missing}</td>
      <td>{fmt(it.mean)}</td>
      <td>{fmt(it.sd)}</td>
      <td>{fmt(it.median, 1)}</td>
      <td>
        {fmt(it.q1, 1)}–{fmt(it.q3, 1)}
      </td>
      {props.values.map((v) => {
        const c = it.counts?.[v];
        if (c === undefined) return <td />;
        return (
          <td>
            {c} <span class="muted">({Math.round((100 * c) / (it.n || 1))}&nbsp;%)</span>
          </td>
        );
      })}
    </tr>
  );
}

/** The column headings of an item table: the figures, then one column per scale value. */
export function ItemTableHead(props: { values: string[] }) {
  return (
    <thead>
      <tr>
        <th scope="col">Fråga</th>
        <th scope="col">n</th>
        <th scope="col">Saknas</th>
        <th scope="col">Medel</th>
        <th scope="col">SD</th>
        <th scope="col">Median</th>
        <th scope="col">Kvartiler</th>
        {props.values.map((s) => (
          <th scope="col">{s}</th>
        ))}
      </tr>
    </thead>
  );
}

function ItemTable(props: { version: Version; labels: Record<string, string> }) {
  const v = props.version;
  const values = scaleValues(v.items);
  return (
    <div class="table-wrap">
      <table data-testid="aggregates">
        <caption>
          {v.responses} svar{v.period?.from ? ` (${periodText(v.period)})` : ''}. Antal per svarsalternativ (andel av
          n).
          {v.items.some((i) => i.below_reporting_minimum)
            ? ` * = färre än ${v.reporting_minimum} svar, rapporteringsgränsen för den här enkäten.`
            : ''}
        </caption>
        <ItemTableHead values={values} />
        <tbody>
          {v.items.map((it) => (
            <ItemRow item={it} label={props.labels[it.item] ?? it.item} values={values} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function WaiSummary(props: { wai: WaiAggregate; minGroup: number }) {
  const w = props.wai;
  if (w.suppressed)
    return <p class="suppressed">WAI-poäng: för få fullständiga svar för att visas (färre än {props.minGroup}).</p>;
  return (
    <div class="table-wrap">
      <table data-testid="wai-summary">
        <caption>
          WAI-totalpoäng (7–49): {w.n} fullständiga svar{w.incomplete ? `, ${w.incomplete} utan totalpoäng` : ''}
        </caption>
        <tbody>
          <tr>
            <th scope="row">Medel (SD)</th>
            <td>
              {fmt(w.total?.mean)} ({fmt(w.total?.sd)})
            </td>
          </tr>
          <tr>
            <th scope="row">Median (kvartiler)</th>
            <td>
              {fmt(w.total?.median, 1)} ({fmt(w.total?.q1, 1)}–{fmt(w.total?.q3, 1)})
            </td>
          </tr>
          <tr>
            <th scope="row">Work Ability Score (0–10), medel</th>
            <td>{w.work_ability_score ? fmt(w.work_ability_score.mean) : '–'}</td>
          </tr>
          {(w.categories ?? []).map((c) => (
            <tr>
              <th scope="row">{WAI_CATEGORY_LABELS[c.category]}</th>
              <td>{c.n}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export const occasionLabel: Record<string, string> = { start: 'start', pagaende: 'under insatsen', avslut: 'avslut' };

/** Heading text for one version and occasion. */
export const versionHeading = (v: Version) =>
  `${v.title.sv} (tillfälle: ${occasionLabel[v.occasion] ?? v.occasion}, version ${v.version})`;

const isLikert = (it: ItemAggregate) => it.scale.min === 1 && it.scale.max === 6;

/**
 * One version's figures: the chart (Likert bars for 1–6 items, WAI categories for WAI) above the
 * table it pictures. `chartId` keeps SVG ids unique when a page holds several sections.
 */
export function VersionFigures(props: {
  version: Version;
  labels: Record<string, string>;
  minGroup: number;
  chartId: string;
  scaleLabels?: Record<string, string>;
}) {
  const v = props.version;
  const likert = v.items.filter(isLikert);
  const wai = v.wai && !v.wai.suppressed && v.wai.categories?.length ? v.wai : null;
  return (
    <>
      {wai ? (
        <figure class="chart">
          <WaiCategoryChart id={`${props.chartId}-wai`} title={`WAI-kategorier: ${versionHeading(v)}`} wai={wai} />
        </figure>
      ) : null}
      {v.wai ? <WaiSummary wai={v.wai} minGroup={props.minGroup} /> : null}
      {v.suppressed ? (
        <p class="suppressed" data-testid="suppressed">
          För få svar för att visas (färre än {props.minGroup}).
        </p>
      ) : (
        <>
          {likert.length > 0 ? (
            <figure class="chart">
              <LikertChart
                id={`${props.chartId}-likert`}
                title={`Svarsfördelning per fråga: ${versionHeading(v)}`}
                rows={likert.map((item) => ({ item, label: props.labels[item.item] ?? item.item }))}
                scaleLabels={props.scaleLabels}
              />
            </figure>
          ) : null}
          <ItemTable version={v} labels={props.labels} />
        </>
      )}
    </>
  );
}
