/**
 * What the runner will show first on a participant page, decided on the server so the page can
 * carry it as HTML (views/first-screen.tsx): the consent form while consent is missing or asked
 * again, else the questionnaire's first page. Only a screen that is certain: nothing when the
 * questionnaire is answered, consent is withdrawn, or this browser has a draft (the runner resumes
 * it at its own page; the draft is this device's, auth/device.ts). The runner decides the same way
 * from GET /api/p/session (session-api.ts).
 */
import type { Context } from 'hono';
import { existingDeviceHash } from '../auth/device.ts';
import { localesOf } from '../client/locales.ts';
import { parseLocale, textsFor, uiLangOf } from '../client/texts.ts';
import type { AppEnv } from '../http/env.ts';
import type { Principal } from '../store/store.ts';
import type { FirstScreenProps } from './views/first-screen.tsx';
import { publicDefinition } from './inputs.ts';

type Link = Omit<Extract<Principal, { kind: 'participant' }>, 'kind' | 'deviceHash'>;

export interface ProjectFacts {
  name: string;
  organisation: string;
  contact: string | null;
  ethics_reference: string | null;
  withdrawal_policy: 'keep' | 'erase';
}

/** The project facts a consent text refers to, as the runner's survey-view.ts fills them in. */
export function factsOf(project: ProjectFacts, contentLocale: string): Record<string, string> {
  const unknown = textsFor(contentLocale).page.unknownFact;
  return {
    projectName: project.name ?? unknown,
    organisationName: project.organisation ?? unknown,
    contact: project.contact ?? unknown,
    ethicsReference: project.ethics_reference ?? unknown,
    withdrawalAnswers: textsFor(contentLocale).sentAnswers[project.withdrawal_policy ?? 'erase'],
  };
}

/** The locale asked for when the definition has it; else our texts' language; else Swedish (as survey-view.ts). */
export function contentLocaleOf(json: unknown, locale: string): string {
  const have = localesOf(json);
  return [locale, uiLangOf(locale)].find((l) => have.has(l)) ?? 'sv';
}

/** The first screen for this link and browser, or null when the runner should decide alone. */
export async function firstScreenFor(c: Context<AppEnv>, link: Link): Promise<FirstScreenProps | null> {
  const { store, definitions } = c.get('services');
  const deviceHash = (await existingDeviceHash(c)) ?? undefined;
  const who: Principal = { kind: 'participant', ...link, deviceHash };
  const state = await store.participantSession(who);
  if (!state || state.consent === 'withdrawn') return null;
  const consent = state.consent === 'missing' || state.consent === 'renew';
  if (!consent) {
    if (state.submitted.some((s) => s.survey === link.survey && s.occasion === link.occasion)) return null;
    if (state.draft) return null;
  }
  const def = publicDefinition(await definitions.latest(store, who, consent ? 'samtycke-forskning' : link.survey));
  // As the runner: ?lang= or Swedish (client/survey-runner.ts).
  const locale = parseLocale(c.req.query('lang') ?? null) ?? 'sv';
  const contentLocale = contentLocaleOf(def.json, locale);
  return {
    kind: consent ? 'consent' : 'survey',
    definitionId: def.id,
    json: def.json as Record<string, unknown>,
    locale,
    contentLocale,
    languages: def.languages,
    facts: factsOf(state.project, contentLocale),
    renewing: state.consent === 'renew',
  };
}
