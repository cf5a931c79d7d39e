import { Layout } from '../../views/layout.tsx';

/** When the statement was last assessed and updated; change both when the list below changes. */
export const STATEMENT_ASSESSED_ON = '2026-12-07';
export const STATEMENT_UPDATED_ON = '2026-12-07';
export const DIGG_COMPLAINT_URL = 'https://www.digg.se/tdosanmalan';

/**
 * The accessibility statement (tillgänglighetsredogörelse) required of public bodies by the DOS law
 * (lag 2018:1937; EN 301 549 / WCAG 2.1 AA), with the content Digg lists as mandatory: the body
 * and the service, the compliance status, the content that is not accessible and why, the dates
 * of assessment and update, the method, how to report a problem, and the link to Digg's form.
 * Reached with a participant's project it names that organisation and its feedback contact.
 */
export function AccessibilityPage(props: { organisation: string | null; contact: string | null }) {
  const body = props.organisation ?? 'Det samordningsförbund som använder tjänsten';
  return (
    <Layout title="Tillgänglighet">
      <h1>Tillgänglighet för Enkät</h1>
      <p>
        {body} står bakom den här tjänsten, Enkät. Med Enkät svarar deltagare på frågor om sitt deltagande, och personal
        ser vad som ska göras och vad svaren visar. Vi vill att alla ska kunna använda tjänsten. Här berättar vi hur den
        fungerar för dig som har en funktionsnedsättning, vad som inte fungerar bra än och hur du kan säga till om något
        är svårt.
      </p>

      <h2>Hur tillgänglig är tjänsten?</h2>
      <p data-testid="compliance">
        Tjänsten är <strong>delvis förenlig</strong> med lagen om tillgänglighet till digital offentlig service. Det
        beror på bristerna som står nedan.
      </p>

      <h2>Det här fungerar inte bra än</h2>
      <ul data-testid="shortcomings">
        <li>
          Enkäterna finns inte på alla språk som deltagarna talar. Om en enkät inte finns på ditt språk kan din coach
          hjälpa dig eller boka tolk.
        </li>
        <li>
          Frågorna i enkäterna och samtyckestexterna skrivs av den organisation som använder tjänsten. Alla texter är
          inte skrivna på lätt svenska. Fråga din coach om något är svårt att förstå.
        </li>
        <li>Enkätsidorna behöver JavaScript. Med JavaScript avstängt går det inte att svara. Sidan säger det.</li>
        <li>
          Tjänsten är inte testad med skärmläsare (till exempel VoiceOver eller TalkBack) av personer som använder dem
          varje dag. Vi har testat med automatiska verktyg och med tangentbord.
        </li>
        <li>
          För personal: Word-filen i Rapportunderlag är inte granskad för tillgänglighet. Samma siffror finns som
          tabeller på webbsidan och som CSV-fil.
        </li>
      </ul>

      <h2>Säg till om något inte fungerar</h2>
      <p>
        Om du inte kan använda någon del av tjänsten, eller behöver innehållet i en annan form, kan du kontakta oss. Vi
        svarar så snart vi kan, senast inom två veckor.
      </p>
      {props.contact ? (
        <p data-testid="feedback-contact">
          Kontakt: <strong>{props.contact}</strong>
        </p>
      ) : (
        <p data-testid="feedback-contact">Kontakta din coach eller samordningsförbundet som gav dig länken.</p>
      )}

      <h2>Om du inte är nöjd med vårt svar</h2>
      <p>
        Myndigheten för digital förvaltning (Digg) har tillsyn över lagen om tillgänglighet till digital offentlig
        service. Om du inte är nöjd med hur vi tar hand om det du säger, kan du{' '}
        <a href={DIGG_COMPLAINT_URL} rel="noreferrer">
          anmäla det till Digg
        </a>
        .
      </p>

      <h2>Så har vi granskat tjänsten</h2>
      <p>
        Vi har gjort en självskattning: automatiska tester med axe på deltagarsidorna, tester av kontrast och att inget
        blir för brett på en mobil som är 360 pixlar bred, och prov med tangentbord. Vi granskade tjänsten senast{' '}
        <time datetime={STATEMENT_ASSESSED_ON}>{STATEMENT_ASSESSED_ON}</time>. Redogörelsen uppdaterades senast{' '}
        <time datetime={STATEMENT_UPDATED_ON}>{STATEMENT_UPDATED_ON}</time>.
      </p>
      <p>Inget innehåll är undantaget för att det skulle vara för betungande att göra det tillgängligt.</p>

      <section lang="en" aria-labelledby="accessibility-en">
        <h2 id="accessibility-en">In English</h2>
        <p>
          This service is partially compliant with the Swedish law on accessibility of digital public services (WCAG 2.1
          AA). Known problems: not all surveys exist in every participant's language; survey texts are written by the
          organisation and are not all in plain language; answering needs JavaScript; it has not been tested with screen
          readers by their everyday users. To report a problem, use the contact above. If you are not satisfied with our
          answer, you can{' '}
          <a href={DIGG_COMPLAINT_URL} rel="noreferrer">
            report it to Digg
          </a>
          .
        </p>
      </section>
    </Layout>
  );
}
