import type { Child } from 'hono/jsx';

/** The staff page frame: Swedish, mobile first, our stylesheet, no inline script. */
export function Layout(props: { title: string; children: Child; nav?: boolean; lang?: 'sv' | 'en' }) {
  return (
    <html lang={props.lang ?? 'sv'}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{props.title} – Enkät</title>
        <link rel="stylesheet" href="/assets/app.css" />
      </head>
      <body>
        <header class="topbar">
          <span class="brand">Enkät</span>
          {props.nav ? (
            <nav>
              <a href="/coach">Mina deltagare</a>
              <a href="/research">Resultat</a>
              <form method="post" action="/logout" class="inline">
                <button type="submit" class="link">Logga ut</button>
              </form>
            </nav>
          ) : null}
        </header>
        <main>{props.children}</main>
      </body>
    </html>
  );
}

export function ErrorPage(props: { title: string; message: string; status: number; requestId: string }) {
  return (
    <Layout title={props.title}>
      <h1>{props.title}</h1>
      <p class="notice error" role="alert">{props.message}</p>
      <p class="muted">Felkod {props.status} · {props.requestId}</p>
      <p><a href="/">Till startsidan</a></p>
    </Layout>
  );
}
