import type { Child } from 'hono/jsx';

/** Width of every chart's viewBox; CSS scales the SVG to the column, so text scales with it. */
export const VIEW_WIDTH = 440;
export const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
export const INK = '#1d1d1f';
export const GREY = '#5b5b66';

/**
 * Percentages (0–100) of n for each value; all zeros when n is 0, so nothing downstream is NaN.
 */
export function shares(counts: Record<string, number> | undefined, values: number[], n: number): number[] {
  return values.map((v) => (n > 0 ? ((counts?.[String(v)] ?? 0) / n) * 100 : 0));
}

/** One decimal, as a plain string for attributes (the viewBox unit). */
export const round1 = (x: number) => String(Math.round(x * 10) / 10);

/** Swedish percentage for reading: "16,7 %" (whole numbers inside bars, one decimal in text). */
export const pct = (x: number, digits = 0) => `${x.toLocaleString('sv-SE', { maximumFractionDigits: digits })} %`;

/**
 * Greedy word wrap by character count. SVG text does not wrap by itself; ~0.55 em per character
 * is a safe average for the system sans-serif, so a line never runs past the viewBox. Only
 * ordinary spaces break: "n\u00a0=\u00a07" stays on one line.
 */
export function wrapText(text: string, maxChars: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/[ \t\n]+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > maxChars) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines.length ? lines : [''];
}

/**
 * The accessible frame every chart shares: role="img", a <title> and a <desc> referenced by
 * aria-labelledby, and a responsive viewBox (width from CSS, height from the content).
 */
export function ChartFrame(props: {
  id: string;
  title: string;
  desc: string;
  height: number;
  testId?: string;
  children: Child;
}) {
  const t = `${props.id}-title`;
  const d = `${props.id}-desc`;
  return (
    <svg
      xmlns="http://www.w3.org/2000/svg"
      viewBox={`0 0 ${VIEW_WIDTH} ${Math.ceil(props.height)}`}
      role="img"
      aria-labelledby={`${t} ${d}`}
      class="chart-svg"
      data-testid={props.testId}
      font-family={FONT}
      font-size="15"
      fill={INK}
    >
      <title id={t}>{props.title}</title>
      <desc id={d}>{props.desc}</desc>
      {props.children}
    </svg>
  );
}

/** Diagonal grey hatching for groups too small to show; ids are per chart so pages can hold many. */
export function HatchPattern(props: { id: string }) {
  return (
    <defs>
      <pattern id={props.id} width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
        <rect width="6" height="6" fill="#ececef" />
        <line x1="0" y1="0" x2="0" y2="6" stroke="#8a8a94" stroke-width="2" />
      </pattern>
    </defs>
  );
}

/** Multi-line label as <text> with one <tspan> per line, starting at the given baseline. */
export function Lines(props: {
  x: number;
  y: number;
  lines: string[];
  lineHeight: number;
  anchor?: 'start' | 'middle' | 'end';
  weight?: string;
}) {
  return (
    <text x={props.x} y={props.y} text-anchor={props.anchor ?? 'start'} font-weight={props.weight}>
      {props.lines.map((l, i) => (
        <tspan x={props.x} dy={i === 0 ? 0 : props.lineHeight}>
          {l}
        </tspan>
      ))}
    </text>
  );
}
