import { renderSVG } from 'uqr';
import { raw } from 'hono/html';
import { formatCode } from '../../domain/pseudonym-code.ts';
import type { StaffContext } from '../../store/store.ts';
import { SURVEY_TARGETS } from './list.tsx';
import { Layout } from '../../views/layout.tsx';
import { useLang, useTexts } from '../../views/lang.tsx';
import { LOCALE_INFO, type ParticipantLocale } from '../../client/i18n/locales.ts';
import { handoutTexts } from '../handout-texts.ts';
import { localTime } from '../../views/time.ts';
import { smsText, stockholmDay } from '../handout-text.ts';

/** The link up to and including its last slash, where it may break onto the next line. */
const linkHead = (url: string) => url.slice(0, url.lastIndexOf('/') + 1);

/** The three ways to start a survey for one participant: QR/link, short code, hand-over. */
export function StartPage(props: {
  staff: StaffContext;
  participantId: string;
  code: string;
  target: string;
  /** The language the link opens in, and those the coach may choose (approved for the survey). */
  language: ParticipantLocale;
  languages: ParticipantLocale[];
  url: string;
  expiresAt: Date;
  surveyTitle: string;
  /** Named in the SMS, so the participant knows who sends it. */
  projectName: string;
}) {
  const t = useTexts(handoutTexts);
  const lang = useLang();
  const base = `/coach/participants/${props.participantId}`;
  const text = smsText({ project: props.projectName, url: props.url, expiresAt: props.expiresAt });
  const sms = `sms:?&body=${encodeURIComponent(text)}`;
  return (
    <Layout title={t.startSurvey} staff={props.staff}>
      <h1>{t.startSurvey}</h1>
      <p>
        {t.participant}{' '}
        <strong class="code" data-testid="participant-code">
          {formatCode(props.code)}
        </strong>
      </p>
      <form method="get" action={`${base}/start`} class="inline-form">
        <label>
          {t.survey}
          <select name="target">
            {SURVEY_TARGETS.map((target) => (
              <option value={target} selected={target === props.target}>
                {t.target[target]}
              </option>
            ))}
          </select>
        </label>
        {props.languages.length > 1 ? (
          <label>
            {t.participantLanguage}
            <select name="sprak">
              {props.languages.map((l) => (
                <option value={l} selected={l === props.language}>
                  {lang === 'en' ? LOCALE_INFO[l].english : LOCALE_INFO[l].swedish}
                  {['sv', 'sv-x-ll', 'en'].includes(l) ? '' : ` – ${LOCALE_INFO[l].name}`}
                </option>
              ))}
            </select>
          </label>
        ) : null}
        <button type="submit">{t.change}</button>
      </form>
      {props.languages.length > 1 ? <p class="muted">{t.languageNote}</p> : null}
      <p class="muted">
        {props.surveyTitle}. {t.neverAnswers}
      </p>

      <section class="card">
        <h2>{t.scanQr}</h2>
        <div class="qr" role="img" aria-label={t.qrLabel}>
          {raw(renderSVG(props.url, { border: 2 }))}
        </div>
      </section>

      <section class="card">
        <h2>{t.sendLink}</h2>
        <p class="link-box short-link">
          <a href={props.url} data-testid="participant-link">
            {linkHead(props.url)}
            <wbr />
            {props.url.slice(linkHead(props.url).length)}
          </a>
        </p>
        <p>
          <a class="button" href={sms}>
            {t.sendSms}
          </a>
        </p>
        <p class="muted">{t.linkValid(stockholmDay(props.expiresAt, undefined, t.dayLocale))}</p>
        <details class="sms-text">
          <summary>{t.showSms}</summary>
          <p data-testid="sms-text">{text}</p>
        </details>
      </section>

      <section class="card">
        <h2>{t.shortCode}</h2>
        <p>
          {t.shortCodeBefore}
          <strong>/k</strong>
          {t.shortCodeAfter}
        </p>
        <form method="post" action={`${base}/short-code`}>
          <input type="hidden" name="target" value={props.target} />
          <button type="submit">{t.showShortCode}</button>
        </form>
      </section>

      <section class="card">
        <h2>{t.handOver}</h2>
        <p>{t.handOverIntro}</p>
        <form method="post" action={`${base}/handover`}>
          <input type="hidden" name="target" value={props.target} />
          <input type="hidden" name="sprak" value={props.language} />
          <button type="submit" class="primary">
            {t.handOverButton}
          </button>
        </form>
      </section>
      <p>
        <a href="/coach">{t.backToList}</a>
      </p>
    </Layout>
  );
}

export function ShortCodePage(props: {
  staff: StaffContext;
  participantId: string;
  shortCode: string;
  expiresAt: Date;
  origin: string;
}) {
  const t = useTexts(handoutTexts);
  return (
    <Layout title={t.shortCodeTitle} staff={props.staff}>
      <h1>{t.shortCodeTitle}</h1>
      <p>
        {t.askToGo}
        <strong>{props.origin}/k</strong>
        {t.andType}
      </p>
      <p class="short-code" data-testid="short-code">
        {formatCode(props.shortCode)}
      </p>
      <p class="muted">{t.codeOnce(localTime(props.expiresAt))}</p>
      <p>
        <a href={`/coach/participants/${props.participantId}/start`}>{t.back}</a>
      </p>
    </Layout>
  );
}

/** Getting the phone back from the participant: the coach's password, nothing else. */
export function HandoverReturnPage(props: { error?: string }) {
  const t = useTexts(handoutTexts);
  return (
    <Layout title={t.returnTitle}>
      <h1>{t.returnTitle}</h1>
      <p>{t.returnIntro}</p>
      {props.error ? (
        <p class="notice error" role="alert">
          {props.error}
        </p>
      ) : null}
      <form method="post" action="/handover/return" class="stack">
        <label>
          {t.password}
          <input type="password" name="password" autocomplete="current-password" required />
        </label>
        <button type="submit" class="primary">
          {t.returnButton}
        </button>
      </form>
    </Layout>
  );
}
