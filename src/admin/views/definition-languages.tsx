import { LOCALE_INFO, isParticipantLocale } from '../../client/i18n/locales.ts';
import type { AdminDefinition, LanguageApproval, StaffContext } from '../../store/store.ts';
import { langName } from '../../surveys/findings.ts';
import { Layout } from '../../views/layout.tsx';
import { formatTime } from './definitions.tsx';

/** One language of a version, as the approval page lists it. */
export interface LanguageRow {
  lang: string;
  /** Texts of the version that have words in this language, of all its texts. */
  have: number;
  of: number;
  review: 'source' | 'reviewed' | 'unreviewed';
  note?: string;
  approval: LanguageApproval | null;
}

const REVIEW_WORDS = {
  source: 'Källspråket',
  reviewed: 'Granskad av någon som har språket som modersmål',
  unreviewed: 'Inte granskad av någon som har språket som modersmål',
} as const;

function ownName(lang: string): string | null {
  return isParticipantLocale(lang) && LOCALE_INFO[lang].htmlLang !== 'sv' ? LOCALE_INFO[lang].name : null;
}

function ApproveForm(props: { def: AdminDefinition; row: LanguageRow }) {
  const { def, row } = props;
  const complete = row.have === row.of;
  if (row.approval)
    return (
      <form method="post" action={`/admin/definitions/${def.id}/languages`} class="inline">
        <input type="hidden" name="lang" value={row.lang} />
        <input type="hidden" name="approved" value="false" />
        <button type="submit" class="link">
          Ta bort godkännandet
        </button>
      </form>
    );
  if (def.status !== 'published') return <span class="muted">Kan godkännas när versionen är publicerad.</span>;
  if (!complete) return <span class="muted">Kan godkännas när alla texter finns på språket.</span>;
  return (
    <form method="post" action={`/admin/definitions/${def.id}/languages`} class="stack approve-language">
      <input type="hidden" name="lang" value={row.lang} />
      <input type="hidden" name="approved" value="true" />
      {def.kind === 'consent' ? (
        <label class="check">
          <input type="checkbox" name="consent_warning" value="understood" required />
          Jag förstår att deltagare samtycker utifrån den här översättningen. Den måste säga exakt samma sak som den
          svenska texten.
        </label>
      ) : null}
      <button type="submit" class="primary">
        Godkänn {langName(row.lang)}
      </button>
    </form>
  );
}

/**
 * /admin/definitions/:id/languages: which of a version's languages participants are offered. Swedish
 * always; another language only after an admin has approved it for this version (audited), having
 * checked it in the preview. A shipped translation says that no native speaker has reviewed it.
 */
export function DefinitionLanguagesPage(props: {
  staff: StaffContext;
  def: AdminDefinition;
  rows: LanguageRow[];
  notice?: string;
}) {
  const { def, rows } = props;
  const title = def.meta.title?.sv ?? def.key;
  return (
    <Layout title={`Språk – ${title}`} staff={props.staff}>
      <p>
        <a href="/admin/definitions">← Alla enkäter</a>
      </p>
      <h1>Språk för deltagare</h1>
      <p>
        <strong>{title}</strong>, version {def.version}.
      </p>
      {props.notice ? (
        <p class="notice" role="status">
          {props.notice}
        </p>
      ) : null}
      <p>
        Deltagare får alltid välja svenska. Ett annat språk visas för deltagarna först när någon här har godkänt det för
        den här versionen. Läs översättningen i förhandsvisningen först, helst tillsammans med någon som har språket som
        modersmål. Varje godkännande sparas i granskningsloggen.
      </p>
      {def.kind === 'consent' ? (
        <p class="notice warning" role="note">
          Det här är ett samtyckesformulär. Deltagaren samtycker utifrån den text hen läser. Godkänn bara en
          översättning som någon som har språket som modersmål har granskat mot den svenska texten.
        </p>
      ) : null}
      <ul class="language-list">
        {rows.map((row) => {
          const own = ownName(row.lang);
          return (
            <li class="language-row" data-lang={row.lang}>
              <h2>
                {langName(row.lang)}
                {own ? (
                  <span lang={LOCALE_INFO[row.lang as 'ar'].htmlLang} dir={LOCALE_INFO[row.lang as 'ar'].dir}>
                    {' '}
                    – {own}
                  </span>
                ) : null}
              </h2>
              <p>
                {REVIEW_WORDS[row.review]}
                {row.note ? <span class="muted"> ({row.note})</span> : null}
              </p>
              <p>
                {row.have} av {row.of} texter finns på språket.{' '}
                <a href={`/admin/definitions/${def.id}/preview?lang=${encodeURIComponent(row.lang)}`}>
                  Förhandsvisa på {langName(row.lang)}
                </a>
              </p>
              <p data-testid={`approval-${row.lang}`}>
                {row.approval
                  ? `Godkänt för deltagare ${formatTime(row.approval.approved_at)}${row.approval.approved_by ? ` av ${row.approval.approved_by}` : ''}.`
                  : 'Inte godkänt: deltagarna får inte välja språket.'}
              </p>
              <ApproveForm def={def} row={row} />
            </li>
          );
        })}
      </ul>
      {rows.length === 0 ? <p>Versionen har bara svenska texter.</p> : null}
    </Layout>
  );
}
