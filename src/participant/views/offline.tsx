import { asset } from '../../views/assets.ts';
import { SiteFooter } from '../../views/layout.tsx';
import { LOCALE_INFO, PARTICIPANT_LOCALES } from '../../client/i18n/locales.ts';
import { RUNNER_TEXTS } from '../../client/i18n/texts.ts';

/**
 * The page the service worker shows when a participant page is reloaded without a network
 * (client/service-worker.ts). The same for everyone: no token, nothing personal. "Försök igen"
 * is a link to the page's own address (the one that was reloaded), so it works without script.
 */
export function OfflinePage() {
  const sv = RUNNER_TEXTS.sv.offlinePage;
  return (
    <html lang="sv">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="referrer" content="no-referrer" />
        <title>Ingen uppkoppling – Enkät</title>
        <link rel="icon" href="data:," />
        <link rel="stylesheet" href={asset('app.css')} />
      </head>
      <body class="participant">
        <main id="app" class="offline-page">
          <section class="message">
            <h1>{sv.title}</h1>
            <p>{sv.kept}</p>
            <p>{sv.reload}</p>
            <p>
              <a class="button primary" href="">
                {sv.retry}
              </a>
            </p>
          </section>
          {/* The same page for everyone (no token, no language known): every other language below. */}
          {/* Easy Swedish only where it says it otherwise than the Swedish above. */}
          {PARTICIPANT_LOCALES.filter(
            (l) => l !== 'sv' && RUNNER_TEXTS[l].offlinePage.kept !== RUNNER_TEXTS.sv.offlinePage.kept,
          ).map((l) => (
            <section class="message offline-other" lang={LOCALE_INFO[l].htmlLang} dir={LOCALE_INFO[l].dir}>
              <h2>{RUNNER_TEXTS[l].offlinePage.title}</h2>
              <p>{RUNNER_TEXTS[l].offlinePage.kept}</p>
              <p>{RUNNER_TEXTS[l].offlinePage.reload}</p>
            </section>
          ))}
        </main>
        <SiteFooter />
      </body>
    </html>
  );
}
