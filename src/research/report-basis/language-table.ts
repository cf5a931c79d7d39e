import type { AnswerLanguages } from '../../store/store.ts';
import { languageName, orderLanguages } from '../answer-languages.ts';
import { count, TOO_FEW } from './format.ts';
import { row, type BasisCell, type BasisRow, type BasisSection } from './model.ts';

/** One survey's answer-language counts for the period (public.answer_languages). */
export interface SurveyLanguages {
  label: string;
  languages: AnswerLanguages;
}

/**
 * A survey's cell for one language: its count, "för få" where the database hid it (the whole column
 * when the survey has too few responses), 0 where nobody in the published groups answered in it.
 */
function cell(l: AnswerLanguages, language: string): BasisCell {
  if (l.responses === null) return { text: TOO_FEW, kind: 'suppressed' };
  const found = l.languages.find((x) => x.language === language);
  if (!found) return { text: count(0) };
  return found.suppressed || found.n === null ? { text: TOO_FEW, kind: 'suppressed' } : { text: count(found.n) };
}

/**
 * "Svarsspråk": responses per language the questions were shown in, one column per survey. Each
 * column is suppressed on its own in SQL; no row totals, which could give a hidden cell back.
 */
export function languageSection(surveys: SurveyLanguages[], minGroup: number): BasisSection {
  const keys = orderLanguages(
    [...new Set(surveys.flatMap((s) => s.languages.languages.map((l) => l.language)))].map((language) => ({
      language,
    })),
  ).map((l) => l.language);
  const rows: BasisRow[] = keys.map((k) => ({
    head: languageName(k, 'sv'),
    cells: surveys.map((s) => cell(s.languages, k)),
  }));
  const totals = row(
    'Totalt',
    surveys.map((s) => (s.languages.responses === null ? TOO_FEW : count(s.languages.responses))),
    true,
  );
  return {
    id: 'svarssprak',
    title: 'Svarsspråk',
    intro:
      'Antal svar per språk som frågorna visades på. Svar på alla språk räknas i samma frågeserie och ingår i ' +
      `tabellerna ovan. Ett antal under ${minGroup} visas som ”${TOO_FEW}”, och då också det näst minsta i samma ` +
      'kolumn, så att det inte kan räknas fram ur summan.',
    tables: [
      {
        id: 'svarssprak',
        title: 'Svar per språk',
        columns: ['Språk', ...surveys.map((s) => s.label)],
        rows: keys.length > 0 ? [...rows, totals] : [],
        ...(keys.length > 0 ? {} : { empty: 'Inga svar i perioden.' }),
      },
    ],
  };
}
