import type { AggregateReport, ItemAggregate } from '../../store/store.ts';

const fmt = (n: number | null | undefined, digits = 2) =>
  n === null || n === undefined
    ? '–'
    : n.toLocaleString('sv-SE', { minimumFractionDigits: digits, maximumFractionDigits: digits });

/** The newest version that has figures, item by item. */
function newestItems(report: AggregateReport): Map<string, ItemAggregate> {
  const withItems = report.versions.filter((v) => !v.suppressed && v.items.length > 0);
  const newest = withItems[withItems.length - 1];
  return new Map((newest?.items ?? []).map((it) => [it.item, it]));
}

function Cell(props: { item: ItemAggregate | undefined }) {
  const it = props.item;
  if (!it || it.suppressed) return <td class="suppressed">För få</td>;
  return (
    <td>
      {fmt(it.mean)} ({fmt(it.sd)}), n = {it.n}
    </td>
  );
}

/**
 * Pågående and Avslut side by side for the items both ask (same variable name), from each survey's
 * newest version with figures. Groups are independent (not paired): the difference is descriptive.
 */
export function ComparisonSection(props: {
  pagaende: AggregateReport;
  avslut: AggregateReport;
  labels: Record<string, string>;
}) {
  const during = newestItems(props.pagaende);
  const exit = newestItems(props.avslut);
  const shared = [...during.keys()].filter((k) => exit.has(k));
  if (shared.length === 0) return null;
  return (
    <section data-testid="comparison">
      <h2>Pågående och Avslut jämförda</h2>
      <p class="muted">
        Medel (SD) och antal svar för frågorna som finns i båda enkäterna. Grupperna är inte parade; skillnaden är
        beskrivande.
      </p>
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">Fråga</th>
              <th scope="col">Pågående</th>
              <th scope="col">Avslut</th>
              <th scope="col">Skillnad i medel</th>
            </tr>
          </thead>
          <tbody>
            {shared.map((name) => {
              const a = during.get(name);
              const b = exit.get(name);
              const diff =
                a && b && !a.suppressed && !b.suppressed && a.mean !== undefined && b.mean !== undefined
                  ? b.mean - a.mean
                  : null;
              return (
                <tr>
                  <th scope="row">{props.labels[name] ?? name}</th>
                  <Cell item={a} />
                  <Cell item={b} />
                  <td>{diff === null ? '–' : `${diff > 0 ? '+' : ''}${fmt(diff)}`}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
