/**
 * Server-rendered SVG charts for the researcher page and the printed report. Pure components:
 * no client script, presentation attributes only (the CSP allows no inline script). Each chart
 * is a picture of a table printed beside it; the table stays the accessible source of truth.
 */
import type { ItemAggregate, WaiAggregate } from '../../store/store.ts';
import { ChartFrame, GREY, Lines, pct, round1, shares, VIEW_WIDTH, wrapText } from './parts.tsx';

export { OutcomeChart, type OutcomeBar } from './outcomes.tsx';

export const LIKERT_VALUES = [1, 2, 3, 4, 5, 6] as const;

/** Scale labels used when the definition's own are not passed (the shipped 1–6 wording). */
export const DEFAULT_SCALE_LABELS: Record<string, string> = {
  1: 'Aldrig / inte alls',
  2: 'Sällan / i liten grad',
  3: 'Ibland / i viss grad',
  4: 'Ganska ofta / i ganska hög grad',
  5: 'Oftast / i hög grad',
  6: 'Alltid / helt och hållet',
};

/**
 * Orange–purple diverging palette (after ColorBrewer PuOr, safe for the common colour-vision
 * deficiencies). Ends darkened so white text on them and dark text on the rest reach 4.5:1.
 */
export const LIKERT_COLOURS = ['#9b4a05', '#e08214', '#fdb863', '#b2abd2', '#8e82c0', '#542788'] as const;
const TEXT_ON = ['#fff', '#1d1d1f', '#1d1d1f', '#1d1d1f', '#1d1d1f', '#fff'] as const;

export const WAI_CATEGORY_LABELS: Record<string, string> = {
  poor: 'Dålig (7–27)',
  moderate: 'Måttlig (28–36)',
  good: 'God (37–43)',
  excellent: 'Utmärkt (44–49)',
};

/** 100 % on either side of the centre line takes HALF viewBox units. */
const HALF = 200;
const CENTRE = VIEW_WIDTH / 2;
const BAR_H = 22;
const LINE_H = 18;

export interface LikertRow {
  item: ItemAggregate;
  label: string;
}

/** x and width of each value's segment: 3, 2, 1 stack leftwards from the centre, 4, 5, 6 rightwards. */
export function likertSegments(p: number[]): { value: number; pct: number; x: number; width: number }[] {
  const w = p.map((x) => (x / 100) * HALF);
  const left = CENTRE - (w[0]! + w[1]! + w[2]!);
  const starts = [left, left + w[0]!, left + w[0]! + w[1]!, CENTRE, CENTRE + w[3]!, CENTRE + w[3]! + w[4]!];
  return LIKERT_VALUES.map((value, i) => ({ value, pct: p[i]!, x: starts[i]!, width: w[i]! }));
}

function LikertBar(props: { item: ItemAggregate; y: number }) {
  const it = props.item;
  if (it.suppressed || it.all_missing) {
    return (
      <g data-suppressed="true">
        <rect
          x={CENTRE - HALF}
          y={props.y}
          width={2 * HALF}
          height={BAR_H}
          fill="#ececef"
          stroke="#8a8a94"
          stroke-width="1"
        />
        <text x={CENTRE} y={props.y + 16} text-anchor="middle" font-style="italic" fill="#3d3d45" font-size="13">
          {it.all_missing ? 'Alla svarade Vet inte' : 'För få svar'}
        </text>
      </g>
    );
  }
  const segs = likertSegments(shares(it.counts, [...LIKERT_VALUES], it.n ?? 0));
  return (
    <g>
      {segs.map((s, i) => (
        <rect
          x={round1(s.x)}
          y={props.y}
          width={round1(s.width)}
          height={BAR_H}
          fill={LIKERT_COLOURS[i]}
          stroke="#fff"
          stroke-width="1"
          data-value={s.value}
          data-pct={round1(s.pct)}
        />
      ))}
      {segs
        .filter((s) => s.width >= 34)
        .map((s) => (
          <text
            x={round1(s.x + s.width / 2)}
            y={props.y + 15.5}
            text-anchor="middle"
            font-size="12"
            fill={TEXT_ON[s.value - 1]}
          >
            {pct(Math.round(s.pct))}
          </text>
        ))}
    </g>
  );
}

function LikertLegend(props: { y: number; labels: Record<string, string> }) {
  const rows = [0, 1, 2].map((r) =>
    [r, r + 3].map((i) => wrapText(`${i + 1} = ${props.labels[i + 1] ?? DEFAULT_SCALE_LABELS[i + 1]}`, 29)),
  );
  let y = props.y;
  return (
    <g font-size="13" data-testid="likert-legend">
      {rows.map((pair, r) => {
        const top = y;
        y += Math.max(pair[0]!.length, pair[1]!.length) * 16 + 6;
        return pair.map((lines, col) => {
          const v = col * 3 + r;
          const x = col === 0 ? CENTRE - HALF : CENTRE + 8;
          return (
            <g>
              <rect x={x} y={top} width="14" height="14" fill={LIKERT_COLOURS[v]} stroke="#5b5b66" stroke-width="0.5" />
              <Lines x={x + 20} y={top + 11.5} lines={lines} lineHeight={16} />
            </g>
          );
        });
      })}
    </g>
  );
}

/** Height the legend takes (same arithmetic as LikertLegend). */
function legendHeight(labels: Record<string, string>): number {
  let h = 0;
  for (const r of [0, 1, 2]) {
    const a = wrapText(`${r + 1} = ${labels[r + 1] ?? DEFAULT_SCALE_LABELS[r + 1]}`, 29).length;
    const b = wrapText(`${r + 4} = ${labels[r + 4] ?? DEFAULT_SCALE_LABELS[r + 4]}`, 29).length;
    h += Math.max(a, b) * 16 + 6;
  }
  return h;
}

function likertDesc(rows: LikertRow[]): string {
  const parts = rows.map(({ item, label }) => {
    if (item.all_missing) return `${label}: alla svarade Vet inte (${item.missing ?? 0}).`;
    if (item.suppressed) return `${label}: för få svar.`;
    const p = shares(item.counts, [...LIKERT_VALUES], item.n ?? 0);
    const each = p.map((x, i) => `${i + 1}: ${pct(x, 1)}`).join(', ');
    const low = p[0]! + p[1]! + p[2]!;
    return `${label}: 1–3 ${pct(low, 1)}, 4–6 ${pct(p[3]! + p[4]! + p[5]!, 1)} (${each}; n = ${item.n ?? 0}).`;
  });
  return `Staplar per fråga, centrerade mellan 3 och 4: andelen svar 1–3 till vänster och 4–6 till höger. ${parts.join(' ')}`;
}

/**
 * Diverging stacked bars for 1–6 items: one bar per item, each value's share of n (missing
 * excluded), centred on the boundary between 3 and 4. Suppressed items are a grey row without numbers.
 */
export function LikertChart(props: {
  id: string;
  title: string;
  rows: LikertRow[];
  scaleLabels?: Record<string, string>;
}) {
  const labels = { ...DEFAULT_SCALE_LABELS, ...props.scaleLabels };
  let y = 30;
  const placed = props.rows.map((row) => {
    const it = row.item;
    const text =
      it.suppressed || it.all_missing
        ? row.label
        : `${row.label} (n\u00a0=\u00a0${it.n ?? 0})${it.below_reporting_minimum ? ' *' : ''}`;
    const lines = wrapText(text, 48);
    const at = { row, lines, labelY: y + 13, barY: y + lines.length * LINE_H + 2 };
    y = at.barY + BAR_H + 14;
    return at;
  });
  const legendY = y + 6;
  const ticks = [-100, -50, 0, 50, 100];
  return (
    <ChartFrame
      id={props.id}
      title={props.title}
      desc={likertDesc(props.rows)}
      height={legendY + legendHeight(labels) + 4}
      testId="likert-chart"
    >
      <g font-size="12" fill={GREY}>
        {ticks.map((t) => (
          <text x={CENTRE + (t / 100) * HALF} y="12" text-anchor={t === -100 ? 'start' : t === 100 ? 'end' : 'middle'}>
            {t === 0 ? '0' : pct(Math.abs(t))}
          </text>
        ))}
        <text x={CENTRE - 6} y="25" text-anchor="end">
          ← 1–3
        </text>
        <text x={CENTRE + 6} y="25">
          4–6 →
        </text>
      </g>
      {placed.map((p) => (
        <g data-item={p.row.item.item}>
          <Lines x={CENTRE - HALF} y={p.labelY} lines={p.lines} lineHeight={LINE_H} />
          {/* Grid lines only beside the bar, so they never cross a label. */}
          {p.row.item.suppressed || p.row.item.all_missing
            ? null
            : ticks
                .filter((t) => t !== 0)
                .map((t) => (
                  <line
                    x1={CENTRE + (t / 100) * HALF}
                    x2={CENTRE + (t / 100) * HALF}
                    y1={p.barY - 3}
                    y2={p.barY + BAR_H + 3}
                    stroke="#c4c4cc"
                    stroke-width="1"
                  />
                ))}
          <LikertBar item={p.row.item} y={p.barY} />
          {p.row.item.suppressed || p.row.item.all_missing ? null : (
            <line
              x1={CENTRE}
              x2={CENTRE}
              y1={p.barY - 4}
              y2={p.barY + BAR_H + 4}
              stroke="#1d1d1f"
              stroke-width="1.5"
              data-testid="likert-centre"
            />
          )}
        </g>
      ))}
      <LikertLegend y={legendY} labels={labels} />
    </ChartFrame>
  );
}

/** WAI category counts as bars, every category shown with its count. */
export function WaiCategoryChart(props: { id: string; title: string; wai: WaiAggregate }) {
  const cats = props.wai.categories ?? [];
  const max = Math.max(1, ...cats.map((c) => c.n));
  const x0 = 150;
  const plot = 250;
  const desc = cats.map((c) => `${WAI_CATEGORY_LABELS[c.category]}: ${c.n} svar`).join('; ');
  return (
    <ChartFrame
      id={props.id}
      title={props.title}
      desc={`Antal svar per WAI-kategori. ${desc}.`}
      height={cats.length * 32 + 8}
      testId="wai-chart"
    >
      {cats.map((c, i) => {
        const y = 4 + i * 32;
        const w = (c.n / max) * plot;
        return (
          <g data-category={c.category}>
            <text x={x0 - 8} y={y + 17} text-anchor="end">
              {WAI_CATEGORY_LABELS[c.category]}
            </text>
            <rect x={x0} y={y} width={round1(w)} height="24" fill="#0b5cad" />
            <text x={round1(x0 + w + 6)} y={y + 17}>
              {String(c.n)}
            </text>
          </g>
        );
      })}
    </ChartFrame>
  );
}
