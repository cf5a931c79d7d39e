import type { WaiChange, WaiChangeSummary } from '../../store/store.ts';
import { dateText } from './sections.tsx';

const FEW = <span class="suppressed">För få</span>;
const MOVEMENTS: Record<string, string> = { up: 'Högre kategori', same: 'Samma kategori', down: 'Lägre kategori' };

/** A signed change with Swedish decimals: +1,5 / −0,25 / 0. */
function signed(x: number | null): string {
  if (x === null) return '–';
  const abs = Math.abs(x).toLocaleString('sv-SE', { maximumFractionDigits: 2 });
  return x > 0 ? `+${abs}` : x < 0 ? `−${abs}` : abs;
}

function countOf(summary: { categories: { category: string; n: number | null; suppressed: boolean }[] }, key: string) {
  const c = summary.categories.find((x) => x.category === key);
  return c === undefined ? '–' : c.suppressed ? FEW : c.n;
}

function SummaryRow(props: { label: string; s: WaiChangeSummary }) {
  const { s } = props;
  if (s.suppressed) {
    return (
      <tr>
        <th scope="row">{props.label}</th>
        <td colSpan={4} class="suppressed">
          För få parade svar för att visas
        </td>
      </tr>
    );
  }
  return (
    <tr>
      <th scope="row">{props.label}</th>
      <td>{s.n}</td>
      <td>{signed(s.mean_change)}</td>
      <td>{signed(s.median_change)}</td>
      <td>
        {countOf(s.direction, 'improved')} / {countOf(s.direction, 'unchanged')} / {countOf(s.direction, 'worse')}
      </td>
    </tr>
  );
}

/**
 * Paired WAI change from start to exit (public.wai_change): one row for the total (7–49) and one
 * for the Work Ability Score (0–10), then the category movement. Suppressed cells read "För få".
 */
export function WaiChangeSection(props: { change: WaiChange; minGroup: number }) {
  const { change } = props;
  const movement = change.category_movement;
  return (
    <section class="wai-change" data-testid="wai-change">
      <h2>Förändring start → avslut (parade svar)</h2>
      <p class="hint">
        Deltagare som har svarat på WAI både vid start och vid avslut; förändring = avslut − start. Oförändrad = mindre
        än 1 poängs skillnad. Grupper under {props.minGroup} visas inte. Ett par räknas från kvartalet då avslutssvaret
        kom, och bara avslutade kvartal räknas
        {change.closed_through ? ` (svar t.o.m. ${dateText(change.closed_through)})` : ''}.
      </p>
      <div class="table-wrap">
        <table data-testid="wai-change-table">
          <thead>
            <tr>
              <th scope="col">Mått</th>
              <th scope="col">Par</th>
              <th scope="col">Medelförändring</th>
              <th scope="col">Medianförändring</th>
              <th scope="col">Förbättrad / Oförändrad / Försämrad</th>
            </tr>
          </thead>
          <tbody>
            <SummaryRow label="WAI totalt (7–49)" s={change.total} />
            <SummaryRow label="Arbetsförmåga nu (0–10)" s={change.work_ability_score} />
          </tbody>
        </table>
      </div>
      {movement.suppressed ? (
        <p class="suppressed">Kategoriförflyttning: för få parade svar för att visas.</p>
      ) : (
        <div class="table-wrap">
          <table data-testid="wai-category-movement">
            <caption>Förflyttning mellan WAI-kategorier: {movement.n} par</caption>
            <tbody>
              {movement.categories.map((c) => (
                <tr>
                  <th scope="row">{MOVEMENTS[c.category] ?? c.category}</th>
                  <td>{c.suppressed ? FEW : c.n}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
