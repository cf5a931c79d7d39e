import type { Child } from 'hono/jsx';
import type { StaffContext } from '../store/store.ts';
import { asset } from './assets.ts';
import { figureProjects } from '../domain/separation-of-duties.ts';
import { InLang, useBilingual, useLang, useTexts } from './lang.tsx';
import type { Lang } from '../domain/vocabulary.ts';
import { frameTexts } from './staff-texts.ts';

/**
 * The staff page frame: mobile first, our stylesheet, no inline script. Swedish unless the page is
 * rendered inside <InLang lang="en">; pages rendered inside InLang (those translated) get the top
 * bar's switch to the other language.
 */
export function Layout(props: { title: string; children: Child; staff?: StaffContext }) {
  const lang = useLang();
  const t = useTexts(frameTexts);
  const memberships = props.staff?.memberships ?? [];
  const roles = new Set(memberships.map((m) => m.role));
  const seesFigures = figureProjects(memberships).length > 0;
  return (
    <html lang={lang}>
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
          {useBilingual() ? <LangSwitch /> : null}
          {props.staff ? (
            <>
              <nav aria-label={t.mainMenu}>
                {roles.has('coach') || roles.has('admin') ? <a href="/coach">{t.myParticipants}</a> : null}
                {seesFigures ? <a href="/research">{t.results}</a> : null}
                {roles.has('admin') ? <a href="/admin">{t.admin}</a> : null}
              </nav>
              <form method="post" action="/logout" class="inline logout">
                <button type="submit" class="link">
                  {t.logout}
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

/**
 * The other language, as a plain link: a relative "?lang=" keeps the page (and any base path);
 * the app remembers the choice in a cookie (src/app.ts). It drops the page's other query
 * parameters, as a fresh visit would.
 */
function LangSwitch() {
  const other = useLang() === 'sv' ? 'en' : 'sv';
  const t = useTexts(frameTexts);
  return (
    <a class="staff-lang" href={`?lang=${other}`} hreflang={other} lang={other} title={t.switchLabel}>
      {t.switchTo}
    </a>
  );
}

/** On every page: the accessibility statement (required by the DOS law), for staff and participants. */
export function SiteFooter(props: { projectId?: string }) {
  const t = useTexts(frameTexts);
  const href = props.projectId ? `/tillganglighet?projekt=${encodeURIComponent(props.projectId)}` : '/tillganglighet';
  // Marked with its language: on a participant page in Arabic or Somali it is still Swedish or English.
  return (
    <footer class="site-footer">
      <a href={href} lang={useLang()}>
        {t.accessibility}
      </a>
    </footer>
  );
}

export function ErrorPage(props: { title: string; message: string; status: number; requestId: string }) {
  const t = useTexts(frameTexts);
  return (
    <Layout title={props.title}>
      <h1>{props.title}</h1>
      <p class="notice error" role="alert">
        {props.message}
      </p>
      <p class="muted">
        {t.errorCode} {props.status} · {props.requestId}
      </p>
      <p>
        <a href="/">{t.toStart}</a>
      </p>
    </Layout>
  );
}

/** The app's error page in the request's language, with its title from the frame's texts. */
export function errorPageIn(lang: Lang, props: { message: string; status: number; requestId: string }) {
  return (
    <InLang lang={lang}>
      <ErrorPage title={frameTexts[lang].errorTitle} {...props} />
    </InLang>
  );
}
