import type { AnswerLanguages } from '../../store/store.ts';
import { useLang, useTexts, type Catalogue } from '../../views/lang.tsx';
import { languageName, orderLanguages, UNKNOWN_LANGUAGE } from '../answer-languages.ts';

// Counts read as numbers: right-aligned, and "för få" kept on one line in a narrow column.
const CSS = `.answer-languages td, .answer-languages thead th + th { text-align: right; white-space: nowrap; }`;

const sv = {
  title: 'Svarsspråk',
  intro: (project: string, min: number, through: string) =>
    `Antal svar per språk som frågorna visades på, i projektet ${project}. Alla språk räknas i samma frågeserie. ` +
    `Svar t.o.m. ${through}; bara grupper med minst ${min} svar. Ett antal under ${min} visas som ”för få”, och då ` +
    'också det näst minsta, så att det inte kan räknas fram ur summan.',
  colLanguage: 'Språk',
  colResponses: 'Svar',
  tooFew: 'för få',
  total: 'Totalt',
  none: (min: number) => `För få svar för att visa svarsspråk (färre än ${min}).`,
};

const en: typeof sv = {
  title: 'Answer language',
  intro: (project, min, through) =>
    `Responses per language the questions were shown in, in the project ${project}. Every language counts in ` +
    `the same item series. Answers through ${through}; only groups of at least ${min} responses. A count below ` +
    `${min} shows as “too few”, and then the next smallest too, so that it cannot be worked out from the total.`,
  colLanguage: 'Language',
  colResponses: 'Responses',
  tooFew: 'too few',
  total: 'Total',
  none: (min) => `Too few responses to show answer languages (fewer than ${min}).`,
};

const texts: Catalogue<typeof sv> = { sv, en };

/** The codebook's small table of answer languages: counts only, suppressed as the database decided. */
export function AnswerLanguagesSection(props: { result: AnswerLanguages; projectName: string }) {
  const t = useTexts(texts);
  const lang = useLang();
  const r = props.result;
  return (
    <section class="answer-languages" data-testid="answer-languages">
      <style>{CSS}</style>
      <h2>{t.title}</h2>
      <p class="muted">{t.intro(props.projectName, r.min_group_size, r.closed_through)}</p>
      {r.responses === null ? (
        <p class="suppressed">{t.none(r.min_group_size)}</p>
      ) : (
        <div class="table-wrap">
          <table class="codebook" data-testid="answer-languages-table">
            <thead>
              <tr>
                <th scope="col">{t.colLanguage}</th>
                <th scope="col">{t.colResponses}</th>
              </tr>
            </thead>
            <tbody>
              {orderLanguages(r.languages).map((l) => (
                <tr data-language={l.language}>
                  <th scope="row">
                    {languageName(l.language, lang)}
                    {l.language === UNKNOWN_LANGUAGE ? null : <span class="muted"> ({l.language})</span>}
                  </th>
                  <td class={l.suppressed ? 'suppressed' : undefined}>
                    {l.suppressed || l.n === null ? t.tooFew : String(l.n)}
                  </td>
                </tr>
              ))}
              <tr class="total">
                <th scope="row">{t.total}</th>
                <td>{String(r.responses)}</td>
              </tr>
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
