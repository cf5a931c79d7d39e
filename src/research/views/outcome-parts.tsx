import type { CategoryCounts } from '../../store/store.ts';

/** What the outcomes section shows for a figure not shown (too few, or hidden with a small one). */
export const FEW = <span class="suppressed">För få</span>;

/** A share as a Swedish percentage (decimal comma, one decimal), "–" when unknown. */
export const pct = (x: number | null | undefined) =>
  x === null || x === undefined ? '–' : `${(x * 100).toLocaleString('sv-SE', { maximumFractionDigits: 1 })} %`;
/** A number the Swedish way (decimal comma, one decimal), "–" when unknown. */
export const num = (x: number | null | undefined) =>
  x === null || x === undefined ? '–' : x.toLocaleString('sv-SE', { maximumFractionDigits: 1 });

/** A breakdown as a table: one row per category with its count, and its share when `shares` is set. */
export function CategoryTable(props: {
  counts: CategoryCounts<string>;
  labels: Record<string, string>;
  caption: string;
  testId: string;
  shares?: boolean;
}) {
  const n = props.counts.n;
  return (
    <div class="table-wrap">
      <table data-testid={props.testId}>
        <caption>
          {props.caption}: {props.counts.suppressed ? 'för få för att visas' : `${n} totalt`}
        </caption>
        {props.shares && !props.counts.suppressed ? (
          <thead>
            <tr>
              <td></td>
              <th scope="col">Antal</th>
              <th scope="col">Andel</th>
            </tr>
          </thead>
        ) : null}
        <tbody>
          {props.counts.categories.map((c) => (
            <tr>
              <th scope="row">{props.labels[c.category] ?? c.category}</th>
              <td>{c.suppressed ? FEW : c.n}</td>
              {props.shares ? <td>{c.suppressed || !n ? '–' : pct(c.n! / n)}</td> : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
