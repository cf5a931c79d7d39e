import { ChartFrame, GREY, HatchPattern, Lines, round1, VIEW_WIDTH, wrapText } from './parts.tsx';

export interface OutcomeBar {
  label: string;
  /** null (or suppressed) draws no bar and no number. */
  value: number | null;
  suppressed?: boolean;
}

const X0 = 4;
const PLOT = VIEW_WIDTH - 84;
const BAR_H = 22;

const num = (x: number, unit: string) =>
  `${x.toLocaleString('sv-SE', { maximumFractionDigits: 1 })}${unit ? ` ${unit}` : ''}`;
const finite = (x: number | null | undefined) => (typeof x === 'number' && Number.isFinite(x) ? Math.max(0, x) : 0);

/**
 * Generic horizontal bars with an optional target line, for outcomes such as enrolled against a
 * target or the share going to work or studies against a 40 % goal. The scale runs from 0 to
 * `max` (default: the largest value or target), so a bar's length is value / max of the plot.
 */
export function OutcomeChart(props: {
  id: string;
  title: string;
  bars: OutcomeBar[];
  unit?: string;
  max?: number;
  target?: { value: number; label: string };
}) {
  const unit = props.unit ?? '';
  const target = props.target && Number.isFinite(props.target.value) ? props.target : undefined;
  const shown = (b: OutcomeBar) => !b.suppressed && b.value !== null;
  const max =
    finite(props.max) ||
    Math.max(0, ...props.bars.filter(shown).map((b) => finite(b.value)), finite(target?.value)) ||
    1;
  const scale = (x: number) => X0 + (Math.min(finite(x), max) / max) * PLOT;
  let y = target ? 22 : 4;
  const placed = props.bars.map((bar) => {
    const lines = wrapText(bar.label, 60);
    const at = { bar, lines, labelY: y + 13, barY: y + lines.length * 17 + 2 };
    y = at.barY + BAR_H + 12;
    return at;
  });
  const hatch = `${props.id}-hatch`;
  const desc = props.bars.map((b) => `${b.label}: ${shown(b) ? num(finite(b.value), unit) : 'för få svar'}`).join('; ');
  const targetText = target ? ` ${target.label}: ${num(target.value, unit)}.` : '';
  return (
    <ChartFrame id={props.id} title={props.title} desc={`${desc}.${targetText}`} height={y} testId="outcome-chart">
      <HatchPattern id={hatch} />
      {placed.map((p) => (
        <g data-label={p.bar.label}>
          <Lines x={X0} y={p.labelY} lines={p.lines} lineHeight={17} />
          {shown(p.bar) ? (
            <g>
              <rect
                x={X0}
                y={p.barY}
                width={round1(scale(p.bar.value!) - X0)}
                height={BAR_H}
                fill="#0b5cad"
                data-value={round1(finite(p.bar.value))}
              />
              <text x={round1(scale(p.bar.value!) + 6)} y={p.barY + 16}>
                {num(finite(p.bar.value), unit)}
              </text>
            </g>
          ) : (
            <g data-suppressed="true">
              <rect x={X0} y={p.barY} width="48" height={BAR_H} fill={`url(#${hatch})`} stroke="#8a8a94" />
              <text x={X0 + 54} y={p.barY + 16} font-style="italic" fill="#3d3d45">
                för få
              </text>
            </g>
          )}
        </g>
      ))}
      {target ? (
        <g data-testid="target-line" data-x={round1(scale(target.value))}>
          <line
            x1={round1(scale(target.value))}
            x2={round1(scale(target.value))}
            y1="18"
            y2={y - 8}
            stroke="#1d1d1f"
            stroke-width="2"
            stroke-dasharray="5 3"
          />
          <text
            x={round1(scale(target.value))}
            y="13"
            text-anchor={scale(target.value) > VIEW_WIDTH * 0.7 ? 'end' : 'middle'}
            font-size="12"
            fill={GREY}
          >{`${target.label} ${num(target.value, unit)}`}</text>
        </g>
      ) : null}
    </ChartFrame>
  );
}
