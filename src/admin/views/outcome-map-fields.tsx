import { ACTIVITY } from '../../domain/outcome-categories.ts';
import { OUTCOME_MAP_PARTS } from '../outcome-map-form.ts';
import type { ProjectFormValues } from '../project-settings.ts';

/**
 * The funder's outcome categories on the project form: for each exit reason and each occupation
 * at exit, where the exit counts. Plain choices; the research page and exports count by them.
 */
export function OutcomeMapFields(props: { values: ProjectFormValues }) {
  return (
    <fieldset class="outcome-map">
      <legend>Utfall som finansiären räknar dem</legend>
      <p class="muted">
        Välj var ett avslut räknas: arbete, studier, annan sysselsättning eller ingen sysselsättning. Ett avslut räknas
        i den första av dessa som antingen avslutsorsaken eller sysselsättningen vid avslut pekar på. Andelen som gått
        till arbete, studier eller annan sysselsättning jämförs med målet ovan. Standard: inskriven på
        Arbetsförmedlingen (arbetssökande) och praktik räknas som annan sysselsättning.
      </p>
      {OUTCOME_MAP_PARTS.map((p) => (
        <fieldset>
          <legend>{p.part === 'exit_reason' ? 'Avslutsorsak' : 'Sysselsättning vid avslut'}</legend>
          {(p.codes as readonly string[]).map((code) => {
            const name = `${p.prefix}${code}`;
            return (
              <label>
                {(p.labels as Record<string, string>)[code]}
                <select name={name}>
                  {ACTIVITY.map(([value, label]) => (
                    <option value={value} selected={props.values[name] === value}>
                      {label}
                    </option>
                  ))}
                </select>
              </label>
            );
          })}
        </fieldset>
      ))}
    </fieldset>
  );
}
