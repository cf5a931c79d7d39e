import { MISSING_CODES, SPECIAL_VALUE_CODES } from '../missing-codes.ts';

/** The codes CSV cells and syntax files use where there is no value, and what they mean. */
export function MissingCodes() {
  return (
    <section data-testid="missing-codes">
      <h2>Bortfallskoder i CSV-filerna</h2>
      <p>
        En tom cell betyder att frågan inte besvarats. Ja/nej skrivs 1/0, radbrytningar i fritext som mellanslag. Celler
        utan värde av andra skäl har en egen kod, som syntaxfilerna (SPSS, R, Stata) deklarerar som bortfall:
      </p>
      <ul>
        {Object.values(MISSING_CODES).map((m) => (
          <li>
            <code>{m.code}</code> = {m.sv}{' '}
            <span class="en" lang="en">
              / {m.en}
            </span>
          </li>
        ))}
      </ul>
      <p>
        Textsvar som hör till en sifferskala ({Object.keys(SPECIAL_VALUE_CODES).join(', ')}) står som text i CSV-filen
        och blir koderna {Object.values(SPECIAL_VALUE_CODES).join(', ')} när syntaxfilerna läser in den.
      </p>
    </section>
  );
}
