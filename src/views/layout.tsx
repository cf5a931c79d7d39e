import type { Child } from 'hono/jsx';
import type { StaffContext } from '../store/store.ts';
import { asset } from './assets.ts';
import { figureProjects } from '../domain/separation-of-duties.ts';

/** The staff page frame: Swedish, mobile first, our stylesheet, no inline script. */
export function Layout(props: { title: string; children: Child; staff?: StaffContext; lang?: 'sv' | 'en' }) {
  const memberships = props.staff?.memberships ?? [];
  const roles = new Set(memberships.map((m) => m.role));
  const seesFigures = figureProjects(memberships).length > 0;
  return (
    <html lang={props.lang ?? 'sv'}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{props.title} – Enkät</title>
        <link rel="icon" href="data:," />
        <link rel="stylesheet" href={asset('app.css')} />
      </head>
      <body>
        <header class="topbar">
          <span class="brand">Enkät</span>
          {props.staff ? (
            <>
              <nav aria-label="Huvudmeny">
                {roles.has('coach') || roles.has('admin') ? <a href="/coach">Mina deltagare</a> : null}
                {seesFigures ? <a href="/research">Resultat</a> : null}
                {roles.has('admin') ? <a href="/admin">Admin</a> : null}
              </nav>
              <form method="post" action="/logout" class="inline logout">
                <button type="submit" class="link">
                  Logga ut
                </button>
              </form>
            </>
          ) : null}
        </header>
        <main>{props.children}</main>
        <SiteFooter />
      </body>
    </html>
  );
}

/** On every page: the accessibility statement (required by the DOS law), for staff and participants. */
export function SiteFooter(props: { projectId?: string }) {
  const href = props.projectId ? `/tillganglighet?projekt=${encodeURIComponent(props.projectId)}` : '/tillganglighet';
  return (
    <footer class="site-footer">
      <a href={href}>Tillgänglighet</a>
    </footer>
  );
}

export function ErrorPage(props: { title: string; message: string; status: number; requestId: string }) {
  return (
    <Layout title={props.title}>
      <h1>{props.title}</h1>
      <p class="notice error" role="alert">
        {props.message}
      </p>
      <p class="muted">
        Felkod {props.status} · {props.requestId}
      </p>
      <p>
        <a href="/">Till startsidan</a>
      </p>
    </Layout>
  );
}
