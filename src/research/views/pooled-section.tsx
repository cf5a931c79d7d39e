import type { AggregateReport } from '../../store/store.ts';
import { ItemRow, ItemTableHead, occasionLabel, scaleValues } from './sections.tsx';

type Pooled = NonNullable<AggregateReport['pooled']>[number];

const versionsText = (vs: number[]) =>
  vs.length === 1 ? `version ${vs[0]}` : `versionerna ${vs.slice(0, -1).join(', ')} och ${vs.at(-1)}`;

/**
 * An occasion answered in several versions, item by item across them: an item unchanged between
 * versions (name, scale and wording) is one row over all of them, so a reworded item no longer
 * leaves every other item with "för få svar" in the new version (public.item_aggregates, pooled).
 */
export function PooledSection(props: { pooled: Pooled; labels: Record<string, string> }) {
  const items = props.pooled.items;
  const values = scaleValues(items);
  return (
    <section data-testid="pooled" data-occasion={props.pooled.occasion}>
      <h2>Alla versioner (tillfälle: {occasionLabel[props.pooled.occasion] ?? props.pooled.occasion})</h2>
      <p class="muted">
        Frågor som är likadana i flera versioner (samma fråga, skala och formulering) räknas ihop. En fråga som har
        formulerats om eller fått ny skala börjar en egen rad.
      </p>
      <div class="table-wrap">
        <table data-testid="pooled-aggregates">
          <caption>Antal per svarsalternativ (andel av n).</caption>
          <ItemTableHead values={values} />
          <tbody>
            {items.map((it) => (
              <ItemRow
                item={it}
                label={`${props.labels[it.item] ?? it.item} (${versionsText(it.versions)})`}
                values={values}
              />
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
