import type { CodebookRow, Text2, WordingReview } from '../codebook.ts';
import { FREE_TEXT_NOTE, NOT_ANSWERED } from '../codebook.ts';
import type { AnswerLanguages, StaffContext } from '../../store/store.ts';
import { Layout } from '../../views/layout.tsx';
import { localDate } from '../../views/time.ts';
import { useLang, useTexts } from '../../views/lang.tsx';
import { researchTexts } from '../texts.ts';
import { AnswerLanguagesSection } from './answer-languages.tsx';
import { MissingCodes } from './missing-codes.tsx';
import { SURVEYS_FOR_RESEARCH } from './page.tsx';

/** The surveys the codebook page offers: those with figures, plus the consent form's own questions. */
export const CODEBOOK_SURVEYS = [...SURVEYS_FOR_RESEARCH, { key: 'samtycke-forskning', label: 'Samtycke (forskning)' }];

/** One definition version's codebook, as the page shows it. */
export interface CodebookBook {
  key: string;
  version: number;
  status: 'published' | 'retired';
  publishedAt: string | null;
  title: Text2;
  rows: CodebookRow[];
}

// Table text is read left to right; the print rules let wide tables run onto paper.
const CSS = `
.codebook th, .codebook td { text-align: left; vertical-align: top; }
.codebook ul { margin: 0; padding-left: 1rem; }
.codebook code { font-family: ui-monospace, monospace; }
.codebook .en { color: var(--muted); }
@media print {
  main { max-width: none; }
  .table-wrap { overflow: visible; }
  .codebook { font-size: 9pt; }
  .codebook tr { break-inside: avoid; }
  .codebook-links { display: none; }
  .codebook-version + .codebook-version { break-before: page; }
}`;

function Values(props: { row: CodebookRow }) {
  const t = useTexts(researchTexts);
  if (props.row.values.length === 0) return <span class="muted">{t.noFixedValues}</span>;
  return (
    <ul>
      {props.row.values.map((v) => (
        <li>
          <code>{v.value}</code>
          {v.code === undefined ? null : (
            <>
              {' '}
              (<code>{v.code}</code>
              {t.codeIn})
            </>
          )}{' '}
          = {v.sv}{' '}
          <span class="en" lang="en">
            / {v.en}
          </span>
          {v.missing ? <strong>{t.missing}</strong> : null}
        </li>
      ))}
    </ul>
  );
}

function Flags(props: { row: CodebookRow }) {
  const t = useTexts(researchTexts);
  const lang = useLang();
  const r = props.row;
  return (
    <ul>
      {r.scored ? (
        <li>
          {t.scored}
          {r.scale ? t.scale(r.scale.min, r.scale.max) : ''}
        </li>
      ) : (
        <li>{t.notScored}</li>
      )}
      <li>{r.required ? t.required : t.optional}</li>
      {r.conditional ? <li>{t.conditional}</li> : null}
      {r.freeText ? (
        <li>
          <strong>{FREE_TEXT_NOTE[lang]}</strong>
        </li>
      ) : null}
    </ul>
  );
}

/** Which language texts changed in this version, and whether the others were reviewed. */
function ReviewNote(props: { review: WordingReview[] }) {
  const t = useTexts(researchTexts);
  return (
    <p class="muted codebook-review" data-testid="wording-review">
      {t.reviewIntro}{' '}
      {props.review.map((r, i) => (
        <>
          {i > 0 ? '; ' : ''}
          {t.langNames[r.lang] ?? r.lang}{' '}
          <span data-lang={r.lang} data-state={r.state}>
            {t.reviewState[r.state]}
          </span>
        </>
      ))}
      .
    </p>
  );
}

function Row(props: { row: CodebookRow }) {
  const t = useTexts(researchTexts);
  const r = props.row;
  return (
    <tr>
      <td>
        <code>{r.variable}</code>
      </td>
      <td>
        {r.wording.sv}
        <br />
        <span class="en" lang="en">
          {r.wording.en}
        </span>
        {r.review ? <ReviewNote review={r.review} /> : null}
      </td>
      <td>
        {t.type[r.type] ?? r.type} <span class="muted">({r.type})</span>
      </td>
      <td>
        <Values row={r} />
      </td>
      <td>
        <ul>
          {r.missingCodes.map((code) => (
            <li>
              <code>{code}</code>
            </li>
          ))}
          <li>{NOT_ANSWERED[useLang()]}</li>
        </ul>
      </td>
      <td>
        <Flags row={r} />
      </td>
    </tr>
  );
}

const day = (iso: string | null) => (iso ? localDate(iso) : null);

function statusText(b: CodebookBook, t: (typeof researchTexts)['sv']): string {
  const published = day(b.publishedAt);
  if (b.status === 'retired') return t.retired(published);
  return published ? t.publishedOn(published) : t.published;
}

function BookTable(props: { book: CodebookBook }) {
  const t = useTexts(researchTexts);
  const b = props.book;
  return (
    <section class="codebook-version" id={`v${b.version}`} data-version={String(b.version)}>
      <h2>
        {b.title[useLang()]} – {t.version} {b.version}
      </h2>
      <p class="muted">{statusText(b, t)}</p>
      <div class="table-wrap">
        <table class="codebook" data-testid="codebook">
          <caption>
            {t.surveyWord} <code>{b.key}</code>, {t.version} {b.version}: {t.caption(b.rows.length)}
          </caption>
          <thead>
            <tr>
              <th scope="col">{t.colVariable}</th>
              <th scope="col">{t.colWording}</th>
              <th scope="col">{t.colType}</th>
              <th scope="col">{t.colValues}</th>
              <th scope="col">{t.colMissing}</th>
              <th scope="col">{t.colFlags}</th>
            </tr>
          </thead>
          <tbody>
            {b.rows.map((row) => (
              <Row row={row} />
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** Links to the CSV of what the page shows, and to each version's section. */
function Downloads(props: { surveyKey: string; version?: number; books: CodebookBook[]; project?: string }) {
  const t = useTexts(researchTexts);
  const q =
    `survey=${encodeURIComponent(props.surveyKey)}${props.version === undefined ? '' : `&version=${props.version}`}` +
    (props.project ? `&project=${encodeURIComponent(props.project)}` : '');
  return (
    <div class="codebook-links">
      <p>
        {t.download} <a href={`/api/research/codebook.csv?${q}`}>CSV</a> ·{' '}
        <a href={`/api/research/codebook.csv?${q}&sep=semicolon`}>{t.csvExcel}</a>
      </p>
      {props.books.length > 1 ? (
        <p>
          {t.versionsOnPage}{' '}
          {props.books.map((b, i) => (
            <>
              {i > 0 ? ' · ' : ''}
              <a href={`#v${b.version}`}>
                {t.version} {b.version}
              </a>
            </>
          ))}
        </p>
      ) : null}
    </div>
  );
}

/** The codebook page: per definition version (newest first) a table of variables, wording, values and flags. */
export function CodebookPage(props: {
  staff: StaffContext;
  surveyKey: string;
  version?: number;
  versions: number[];
  books: CodebookBook[];
  /** Responses per answer language in one project (surveys with figures only). */
  languages?: { result: AnswerLanguages; projectName: string } | null;
  /** The project chosen with ?project= (the counts are its). */
  project?: string;
}) {
  const t = useTexts(researchTexts);
  return (
    <Layout title={t.title} staff={props.staff}>
      <style>{CSS}</style>
      <h1>{t.title}</h1>
      <form method="get" action="/research/codebook" class="inline-form">
        <label>
          {t.surveyWord}
          <select name="survey">
            {CODEBOOK_SURVEYS.map((o) => (
              <option value={o.key} selected={props.surveyKey === o.key}>
                {t.survey[o.key] ?? o.label}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t.versionLabel}
          <select name="version">
            <option value="" selected={props.version === undefined}>
              {t.allVersions}
            </option>
            {props.versions.map((v) => (
              <option value={String(v)} selected={props.version === v}>
                {t.versionLabel} {v}
              </option>
            ))}
          </select>
        </label>
        {props.project ? <input type="hidden" name="project" value={props.project} /> : null}
        <button type="submit">{t.show}</button>
      </form>
      <p class="muted">
        {props.version === undefined ? t.showingAll : t.showingOne(props.version)} {t.howStored}
      </p>
      <Downloads surveyKey={props.surveyKey} version={props.version} books={props.books} project={props.project} />
      <MissingCodes />
      {props.languages ? (
        <AnswerLanguagesSection result={props.languages.result} projectName={props.languages.projectName} />
      ) : null}
      {props.books.map((book) => (
        <BookTable book={book} />
      ))}
    </Layout>
  );
}
