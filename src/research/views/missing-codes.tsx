import { MISSING_CODES, SPECIAL_VALUE_CODES } from '../missing-codes.ts';
import { useTexts } from '../../views/lang.tsx';
import { researchTexts } from '../texts.ts';

/** The codes CSV cells and syntax files use where there is no value, and what they mean. */
export function MissingCodes() {
  const t = useTexts(researchTexts);
  return (
    <section data-testid="missing-codes">
      <h2>{t.missingTitle}</h2>
      <p>{t.missingIntro}</p>
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
        {t.specialValues(Object.keys(SPECIAL_VALUE_CODES).join(', '), Object.values(SPECIAL_VALUE_CODES).join(', '))}
      </p>
    </section>
  );
}
