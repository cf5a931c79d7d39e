import type { CodebookRow, Text2, WordingReview } from '../codebook.ts';
import { langName } from '../../surveys/findings.ts';
import { FREE_TEXT_NOTE, NOT_ANSWERED } from '../codebook.ts';
import type { StaffContext } from '../../store/store.ts';
import { Layout } from '../../views/layout.tsx';
import { localDate } from '../../views/time.ts';
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

const typeLabel: Record<string, string> = {
  radiogroup: 'Enkelval',
  dropdown: 'Rullista (enkelval)',
  checkbox: 'Flerval',
  tagbox: 'Flerval (lista)',
  rating: 'Skala',
  boolean: 'Ja/nej',
  text: 'Text (en rad)',
  comment: 'Fritext',
  signaturepad: 'Underskrift',
  ranking: 'Rangordning',
  derived: 'Beräknad',
};

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
  if (props.row.values.length === 0) return <span class="muted">Inga fasta svarsalternativ</span>;
  return (
    <ul>
      {props.row.values.map((v) => (
        <li>
          <code>{v.value}</code>
          {v.code === undefined ? null : (
            <>
              {' '}
              (<code>{v.code}</code> i SPSS, R och Stata)
            </>
          )}{' '}
          = {v.sv}{' '}
          <span class="en" lang="en">
            / {v.en}
          </span>
          {v.missing ? <strong> (bortfall)</strong> : null}
        </li>
      ))}
    </ul>
  );
}

function Flags(props: { row: CodebookRow }) {
  const r = props.row;
  return (
    <ul>
      {r.scored ? <li>Poängsatt{r.scale ? `, skala ${r.scale.min}–${r.scale.max}` : ''}</li> : <li>Ej poängsatt</li>}
      <li>{r.required ? 'Obligatorisk' : 'Frivillig'}</li>
      {r.conditional ? <li>Visas bara under villkor</li> : null}
      {r.freeText ? (
        <li>
          <strong>{FREE_TEXT_NOTE.sv}</strong>
        </li>
      ) : null}
    </ul>
  );
}

const REVIEW_STATE: Record<WordingReview['state'], string> = {
  edited: 'ändrad',
  reviewed: 'oförändrad, granskad mot den nya texten',
  unreviewed: 'oförändrad, inte granskad mot den nya texten',
};

/** Which language texts changed in this version, and whether the others were reviewed. */
function ReviewNote(props: { review: WordingReview[] }) {
  return (
    <p class="muted codebook-review" data-testid="wording-review">
      Ny formulering i denna version:{' '}
      {props.review.map((r, i) => (
        <>
          {i > 0 ? '; ' : ''}
          {langName(r.lang)}{' '}
          <span data-lang={r.lang} data-state={r.state}>
            {REVIEW_STATE[r.state]}
          </span>
        </>
      ))}
      .
    </p>
  );
}

function Row(props: { row: CodebookRow }) {
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
        {typeLabel[r.type] ?? r.type} <span class="muted">({r.type})</span>
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
          <li>{NOT_ANSWERED.sv}</li>
        </ul>
      </td>
      <td>
        <Flags row={r} />
      </td>
    </tr>
  );
}

const day = (iso: string | null) => (iso ? localDate(iso) : null);

function statusText(b: CodebookBook): string {
  const published = day(b.publishedAt);
  if (b.status === 'retired') return `Används inte längre${published ? ` (publicerad ${published})` : ''}.`;
  return published ? `Publicerad ${published}.` : 'Publicerad.';
}

function BookTable(props: { book: CodebookBook }) {
  const b = props.book;
  return (
    <section class="codebook-version" id={`v${b.version}`} data-version={String(b.version)}>
      <h2>
        {b.title.sv} – version {b.version}
      </h2>
      <p class="muted">{statusText(b)}</p>
      <div class="table-wrap">
        <table class="codebook" data-testid="codebook">
          <caption>
            Enkät <code>{b.key}</code>, version {b.version}: {b.rows.length} frågor
          </caption>
          <thead>
            <tr>
              <th scope="col">Variabel</th>
              <th scope="col">Frågetext (svenska / engelska)</th>
              <th scope="col">Typ</th>
              <th scope="col">Värden och etiketter</th>
              <th scope="col">Bortfallskoder</th>
              <th scope="col">Egenskaper</th>
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
function Downloads(props: { surveyKey: string; version?: number; books: CodebookBook[] }) {
  const q = `survey=${encodeURIComponent(props.surveyKey)}${props.version === undefined ? '' : `&version=${props.version}`}`;
  return (
    <div class="codebook-links">
      <p>
        Ladda ner: <a href={`/api/research/codebook.csv?${q}`}>CSV</a> ·{' '}
        <a href={`/api/research/codebook.csv?${q}&sep=semicolon`}>CSV för svenskt Excel</a>
      </p>
      {props.books.length > 1 ? (
        <p>
          Versioner på sidan:{' '}
          {props.books.map((b, i) => (
            <>
              {i > 0 ? ' · ' : ''}
              <a href={`#v${b.version}`}>version {b.version}</a>
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
}) {
  return (
    <Layout title="Kodbok" staff={props.staff}>
      <style>{CSS}</style>
      <h1>Kodbok</h1>
      <form method="get" action="/research/codebook" class="inline-form">
        <label>
          Enkät
          <select name="survey">
            {CODEBOOK_SURVEYS.map((o) => (
              <option value={o.key} selected={props.surveyKey === o.key}>
                {o.label}
              </option>
            ))}
          </select>
        </label>
        <label>
          Version
          <select name="version">
            <option value="" selected={props.version === undefined}>
              Alla versioner
            </option>
            {props.versions.map((v) => (
              <option value={String(v)} selected={props.version === v}>
                Version {v}
              </option>
            ))}
          </select>
        </label>
        <button type="submit">Visa</button>
      </form>
      <p class="muted">
        {props.version === undefined
          ? 'Visar alla publicerade versioner, den nyaste först.'
          : `Visar version ${props.version}.`}{' '}
        Varje svar hör till den version deltagaren svarade på. Svaren lagras med värdet i första kolumnen av ”Värden och
        etiketter”; en fråga som inte besvarats är en tom cell.
      </p>
      <Downloads surveyKey={props.surveyKey} version={props.version} books={props.books} />
      <MissingCodes />
      {props.books.map((book) => (
        <BookTable book={book} />
      ))}
    </Layout>
  );
}
