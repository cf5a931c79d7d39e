/**
 * The editor's preview of a definition version: the participant page itself (shell, stylesheets,
 * the server-drawn first screen, right to left where the language is), run by the preview runner
 * (client/participant-preview.ts), which draws with the participant's code but stores nothing and
 * calls no API. The admin route (admin/definition-preview-routes.tsx) decides who may see it and
 * gets this page through createApp, since capabilities do not import each other.
 */
import type { HtmlEscapedString } from 'hono/utils/html';
import { localesOf } from '../client/locales.ts';
import { uiLangOf } from '../client/texts.ts';
import { contentLocaleOf, factsOf, type ProjectFacts } from './first-screen.ts';
import { ParticipantShell } from './views/shell.tsx';

export interface PreviewInput {
  definition: {
    id: string;
    key: string;
    version: number;
    kind: 'consent' | 'survey';
    json: Record<string, unknown>;
    meta: { title?: { sv: string; en: string } };
  };
  /** The locale asked for (?lang=). */
  locale: string;
  /** The admin's project when there is exactly one; else example facts are shown. */
  project: ProjectFacts | null;
}

/** Facts a consent text refers to, as examples: in English for English, else in Swedish. */
const factsLang = (locale: string): 'sv' | 'en' => (uiLangOf(locale) === 'en' ? 'en' : 'sv');

const EXAMPLE_FACTS: Record<'sv' | 'en', ProjectFacts> = {
  sv: {
    name: 'Projektets namn',
    organisation: 'Organisationens namn',
    contact: 'Kontaktpersonens namn, telefon och e-post',
    ethics_reference: 'Dnr 0000-00000',
    withdrawal_policy: 'erase',
  },
  en: {
    name: 'Project name',
    organisation: 'Organisation name',
    contact: 'Contact name, phone and e-mail',
    ethics_reference: 'Ref. 0000-00000',
    withdrawal_policy: 'erase',
  },
};

/** JSON inside <script type="application/json">: nothing in it can end the element or open a comment. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(
    /[<>&\u2028\u2029]/g,
    (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

export function participantPreviewPage(input: PreviewInput): HtmlEscapedString | Promise<HtmlEscapedString> {
  const { definition: def, project } = input;
  const contentLocale = contentLocaleOf(def.json, input.locale);
  const projects = project ? { sv: project, en: project } : EXAMPLE_FACTS;
  const banner = project
    ? `Förhandsvisning – svaren sparas inte. Projektuppgifterna kommer från projektet ”${project.name}”.`
    : 'Förhandsvisning – svaren sparas inte. Projektuppgifterna är exempel.';
  const data = {
    locale: input.locale,
    definition: {
      id: def.id,
      key: def.key,
      version: def.version,
      kind: def.kind,
      title: def.meta.title ?? { sv: def.key, en: def.key },
      json: def.json,
    },
    projects,
  };
  return (
    <ParticipantShell
      lang={factsLang(input.locale)}
      first={{
        kind: def.kind,
        definitionId: def.id,
        json: def.json,
        locale: input.locale,
        contentLocale,
        // The admin checks every language of the version, approved or not.
        languages: [...new Set(['sv', ...localesOf(def.json)])],
        facts: factsOf(projects[factsLang(contentLocale)], contentLocale),
        renewing: false,
      }}
      preview={{ banner, data: scriptJson(data) }}
    />
  );
}
