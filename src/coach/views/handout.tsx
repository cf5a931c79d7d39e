import { renderSVG } from 'uqr';
import { raw } from 'hono/html';
import { formatCode } from '../../domain/pseudonym-code.ts';
import type { StaffContext } from '../../store/store.ts';
import { SURVEY_TARGETS } from './list.tsx';
import { Layout } from '../../views/layout.tsx';
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
  url: string;
  expiresAt: Date;
  surveyTitle: string;
  /** Named in the SMS, so the participant knows who sends it. */
  projectName: string;
}) {
  const base = `/coach/participants/${props.participantId}`;
  const text = smsText({ project: props.projectName, url: props.url, expiresAt: props.expiresAt });
  const sms = `sms:?&body=${encodeURIComponent(text)}`;
  return (
    <Layout title="Starta enkät" staff={props.staff}>
      <h1>Starta enkät</h1>
      <p>
        Deltagare{' '}
        <strong class="code" data-testid="participant-code">
          {formatCode(props.code)}
        </strong>
      </p>
      <form method="get" action={`${base}/start`} class="inline-form">
        <label>
          Enkät
          <select name="target">
            {SURVEY_TARGETS.map((t) => (
              <option value={t.value} selected={t.value === props.target}>
                {t.label}
              </option>
            ))}
          </select>
        </label>
        <button type="submit">Byt</button>
      </form>
      <p class="muted">{props.surveyTitle}. Du ser aldrig svaren.</p>

      <section class="card">
        <h2>1. Deltagaren skannar QR-koden</h2>
        <div class="qr" role="img" aria-label="QR-kod med länken till enkäten">
          {raw(renderSVG(props.url, { border: 2 }))}
        </div>
      </section>

      <section class="card">
        <h2>2. Skicka länken</h2>
        <p class="link-box short-link">
          <a href={props.url} data-testid="participant-link">
            {linkHead(props.url)}
            <wbr />
            {props.url.slice(linkHead(props.url).length)}
          </a>
        </p>
        <p>
          <a class="button" href={sms}>
            Skicka som sms
          </a>
        </p>
        <p class="muted">Länken gäller till {stockholmDay(props.expiresAt)} och bara för den här enkäten.</p>
        <details class="sms-text">
          <summary>Visa sms-texten</summary>
          <p data-testid="sms-text">{text}</p>
        </details>
      </section>

      <section class="card">
        <h2>3. Kort kod</h2>
        <p>
          Deltagaren går till <strong>/k</strong> och skriver en kod på 8 tecken. Koden gäller i 30 minuter.
        </p>
        <form method="post" action={`${base}/short-code`}>
          <input type="hidden" name="target" value={props.target} />
          <button type="submit">Visa kort kod</button>
        </form>
      </section>

      <section class="card">
        <h2>4. Lämna över din telefon</h2>
        <p>Din telefon visar bara enkäten. Du loggas ut, och för att komma tillbaka behöver du ditt lösenord.</p>
        <form method="post" action={`${base}/handover`}>
          <input type="hidden" name="target" value={props.target} />
          <button type="submit" class="primary">
            Lämna över till deltagaren
          </button>
        </form>
      </section>
      <p>
        <a href="/coach">Tillbaka till mina deltagare</a>
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
  return (
    <Layout title="Kort kod" staff={props.staff}>
      <h1>Kort kod</h1>
      <p>
        Be deltagaren gå till <strong>{props.origin}/k</strong> och skriva:
      </p>
      <p class="short-code" data-testid="short-code">
        {formatCode(props.shortCode)}
      </p>
      <p class="muted">Koden fungerar en gång och gäller till kl. {localTime(props.expiresAt)}.</p>
      <p>
        <a href={`/coach/participants/${props.participantId}/start`}>Tillbaka</a>
      </p>
    </Layout>
  );
}

/** Getting the phone back from the participant: the coach's password, nothing else. */
export function HandoverReturnPage(props: { error?: string }) {
  return (
    <Layout title="Tillbaka till coachen">
      <h1>Tillbaka till coachen</h1>
      <p>Coachen skriver sitt lösenord för att komma tillbaka.</p>
      {props.error ? (
        <p class="notice error" role="alert">
          {props.error}
        </p>
      ) : null}
      <form method="post" action="/handover/return" class="stack">
        <label>
          Lösenord
          <input type="password" name="password" autocomplete="current-password" required />
        </label>
        <button type="submit" class="primary">
          Tillbaka till coachvyn
        </button>
      </form>
    </Layout>
  );
}
