/** The participant page: a shell the survey runner fills. No inline script (CSP). */
export function ParticipantShell(props: { lang: 'sv' | 'en' }) {
  return (
    <html lang={props.lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="referrer" content="no-referrer" />
        <title>Enkät</title>
        <link rel="icon" href="data:," />
        <link rel="stylesheet" href="/assets/survey-core.fontless.min.css" />
        <link rel="stylesheet" href="/assets/app.css" />
        <script type="module" src="/assets/survey-runner.js"></script>
      </head>
      <body class="participant">
        <main id="app" aria-live="polite">
          <p class="loading">Laddar …</p>
          <noscript>Den här sidan behöver JavaScript. / This page needs JavaScript.</noscript>
        </main>
      </body>
    </html>
  );
}
