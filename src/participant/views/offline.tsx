import { asset } from '../../views/assets.ts';
import { SiteFooter } from '../../views/layout.tsx';

/**
 * The page the service worker shows when a participant page is reloaded without a network
 * (client/service-worker.ts). The same for everyone: no token, nothing personal. "Försök igen"
 * is a link to the page's own address (the one that was reloaded), so it works without script.
 */
export function OfflinePage() {
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
            <h1>Du är inte uppkopplad</h1>
            <p>Dina svar finns kvar i telefonen. Inget har försvunnit.</p>
            <p>Ladda om sidan när du är uppkopplad igen.</p>
            <p>
              <a class="button primary" href="">
                Försök igen
              </a>
            </p>
          </section>
          <section class="message" lang="en">
            <h2>You are offline</h2>
            <p>Your answers are kept on this phone. Nothing is lost.</p>
            <p>Reload the page when you are online again.</p>
          </section>
        </main>
        <SiteFooter />
      </body>
    </html>
  );
}
