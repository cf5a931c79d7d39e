import { asset } from '../../views/assets.ts';
import { dirOf, htmlLangOf } from '../../client/texts.ts';
import { FirstScreen, type FirstScreenProps } from './first-screen.tsx';
import { SiteFooter } from '../../views/layout.tsx';

/**
 * The participant page: a shell the survey runner fills. No inline script (CSP). A notice (e.g. an
 * invalid link) is shown as it is without JavaScript; the runner then shows it with its language
 * switch.
 */
export function ParticipantShell(props: {
  /** The language of the page (a notice's), when no questionnaire is drawn. */
  lang: string;
  notice?: { title: string; message: string };
  handover?: boolean;
  /** A hand-over's link token, which is not in the address (read by the runner, see client/api.ts). */
  linkToken?: string;
  /** The first screen drawn here, before the runner has loaded (first-screen.ts). */
  first?: FirstScreenProps | null;
  /** The link's project: the accessibility statement then names its organisation and contact. */
  projectId?: string;
  /**
   * The editor's preview (participant/preview-page.tsx): the preview runner instead of the
   * participant's, a banner above the page, and the definition as data (no inline script).
   */
  preview?: { banner: string; data: string };
}) {
  const first = props.notice ? null : props.first;
  const lang = first ? first.contentLocale : props.lang;
  return (
    <html lang={htmlLangOf(lang)} dir={first || dirOf(lang) === 'rtl' ? dirOf(lang) : undefined}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="referrer" content="no-referrer" />
        {props.linkToken ? <meta name="enkat-link" content={props.linkToken} /> : null}
        <title>Enkät</title>
        <link rel="icon" href="data:," />
        {/* The first screen paints from survey-core's few rules it needs; the whole stylesheet loads
            without blocking that paint (media="print" until the runner switches it on, see
            client/takeover.ts), and keeps its place before app.css in the cascade. */}
        <link rel="stylesheet" href={asset('survey-core.critical.css')} />
        <link rel="stylesheet" href={asset('survey-core.fontless.min.css')} media="print" id="survey-styles" />
        <link rel="stylesheet" href={asset('app.css')} />
        {props.preview ? (
          // A classic script: the preview's sandboxed frame has an opaque origin (see client/build.node.ts).
          <script src={asset('participant-preview.js')} defer></script>
        ) : (
          <script type="module" src={asset('survey-runner.js')}></script>
        )}
      </head>
      <body class="participant">
        {props.preview ? (
          <>
            <p class="preview-banner" role="note" lang="sv" dir="ltr">
              {props.preview.banner}
            </p>
            <script
              type="application/json"
              id="preview-data"
              dangerouslySetInnerHTML={{ __html: props.preview.data }}
            ></script>
          </>
        ) : null}
        <main id="app" data-first-screen={first?.definitionId}>
          {first ? (
            <FirstScreen {...first} />
          ) : props.notice ? (
            <>
              <h1>{props.notice.title}</h1>
              <p class="notice error" role="alert">
                {props.notice.message}
              </p>
            </>
          ) : (
            <p class="loading">Laddar …</p>
          )}
          <noscript>Den här sidan behöver JavaScript. / This page needs JavaScript.</noscript>
        </main>
        <SiteFooter projectId={props.projectId} />
        {props.handover ? (
          // Hand-over mode: the coach's phone; only the coach's password leads back.
          <footer class="handover-return">
            <a href="/handover/return">Lämna tillbaka telefonen till coachen</a>
          </footer>
        ) : null}
      </body>
    </html>
  );
}
