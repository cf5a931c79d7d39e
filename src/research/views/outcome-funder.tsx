import { ACTIVITY_LABEL, GENDER_LABEL } from '../../domain/outcome-categories.ts';
import type { ProjectOutcomes } from '../../store/store.ts';
import { OutcomeChart } from '../charts/outcomes.tsx';
import { activityShare, womenShare } from '../outcome-shares.ts';
import { CategoryTable, FEW, pct } from './outcome-parts.tsx';

/**
 * The funder's figures (seed 000, section 5): the gender split of the participants reached
 * against the target share of women, and exits by activity category with the share to work,
 * studies or other activity against the goal. Each chart has a table with the same figures.
 */
export function GenderSplit(props: { o: ProjectOutcomes; chartId: string }) {
  const g = props.o.gender;
  const women = womenShare(g);
  const target = g.target_women_percent;
  return (
    <div class="outcome-pair">
      <figure class="chart">
        <OutcomeChart
          id={`${props.chartId}-gender`}
          title="Andel kvinnor bland deltagarna"
          unit="%"
          max={100}
          bars={[{ label: 'Kvinnor', value: women ? women.share * 100 : null, suppressed: !women }]}
          target={target === null ? undefined : { value: target, label: 'Mål' }}
        />
      </figure>
      <div class="outcome-tables">
        <CategoryTable counts={g} labels={GENDER_LABEL} caption="Deltagare efter kön" testId="outcome-gender" shares />
        <p class="muted">Mål för andelen kvinnor: {target === null ? 'inget angivet' : pct(target / 100)}.</p>
        {g.suppressed ? (
          <p class="muted" data-testid="gender-carried-note">
            Könsfördelningen visas när deltagarna är minst {props.o.min_group_size} och perioden börjar utan deltagare
            som fortsätter från tidigare, till exempel från insatsens start. Annars skulle de som fortsätter gå att
            räkna fram.
          </p>
        ) : null}
      </div>
    </div>
  );
}

export function ActivityOutcome(props: { o: ProjectOutcomes; chartId: string }) {
  const a = props.o.activity;
  const share = activityShare(a);
  return (
    <div class="outcome-pair">
      <figure class="chart">
        <OutcomeChart
          id={`${props.chartId}-activity`}
          title="Andel avslutade till arbete, studier eller annan sysselsättning"
          unit="%"
          max={100}
          bars={[
            {
              label: 'Arbete, studier eller annan sysselsättning',
              value: share ? share.share * 100 : null,
              suppressed: !share,
            },
          ]}
          target={{ value: a.goal_percent, label: 'Mål' }}
        />
      </figure>
      <div class="outcome-tables">
        <CategoryTable
          counts={a}
          labels={ACTIVITY_LABEL}
          caption="Avslutade efter sysselsättning"
          testId="outcome-activity"
          shares
        />
        <div class="table-wrap">
          <table data-testid="outcome-activity-share">
            <tbody>
              <tr>
                <th scope="row">Arbete, studier eller annan sysselsättning</th>
                <td>{share ? `${share.count} av ${share.n} (${pct(share.share)})` : FEW}</td>
              </tr>
              <tr>
                <th scope="row">Mål</th>
                <td>{pct(a.goal_percent / 100)}</td>
              </tr>
            </tbody>
          </table>
        </div>
      </div>
    </div>
  );
}
