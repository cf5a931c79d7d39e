import { createApp } from '../../src/app.ts';
import { createTokenService } from '../../src/auth/tokens.ts';
import { derivedScores } from '../../src/scoring/derived.ts';
import type { SqlExecutor } from '../../src/store/executor.ts';
import type { RpcStore } from '../../src/store/rpc-store.ts';
import { loginCookie, TEST_SECRET } from './app.ts';
import { openTestDatabase } from './db.ts';
import {
  closeQuarters,
  createWorld,
  enrolWithConsent,
  pagaendeAnswers,
  TEST_ITERATIONS,
  type World,
} from './fixtures.ts';

/** Full WAI answers (surveys/wai.json); `ability` moves the total, `over` replaces or (undefined) drops answers. */
export function waiAnswers(ability: number, over: Record<string, unknown> = {}): Record<string, unknown> {
  const answers: Record<string, unknown> = {
    bakgrund_alder: '35_44',
    bakgrund_sysselsattning: ['arbetssokande', 'praktik'],
    wai_1_formaga: ability,
    wai_2_arbetets_art: 'both',
    wai_2_fysiska: 4,
    wai_2_psykiska: 3,
    wai_3_lakardiagnos: ['none'],
    wai_4_hinder: [5],
    wai_5_sjukdagar: 4,
    wai_6_prognos: 7,
    wai_7_gladje: 3,
    wai_7_aktiv: 2,
    wai_7_hopp: 3,
    ...over,
  };
  for (const [k, v] of Object.entries(answers)) if (v === undefined) delete answers[k];
  return answers;
}

export interface ExportWorld {
  db: SqlExecutor;
  store: RpcStore;
  world: World;
  app: ReturnType<typeof createApp>;
  cookies: Record<'researcher' | 'admin' | 'coach', string>;
}

/** A closing comment that tests the CSV's quoting: a formula, commas, quotes and line breaks. */
export const AWKWARD_TEXT = '=SUM(A1)\nrad två, "citat"\r\nrad tre; slut';

/**
 * A project whose researcher holds a row-level export grant (with free text if asked), with WAI
 * at start and exit (pairs, a start alone, an exit alone, an unscorable start), Pågående answers
 * (1–6 and "none") and Avslut with a free-text comment. Answers are scored as the app scores them.
 */
export async function exportWorld(options: { freeText?: boolean } = {}): Promise<ExportWorld> {
  const { db, store } = await openTestDatabase('pglite');
  const world = await createWorld(store);
  const tokens = createTokenService({ secret: TEST_SECRET, staffTtlMinutes: 60, linkTtlDays: 14 });
  const app = createApp({ store, tokens, passwordIterations: TEST_ITERATIONS, log: () => {} });

  async function submit(
    who: Awaited<ReturnType<typeof enrolWithConsent>>,
    survey: string,
    occasion: string,
    answers: Record<string, unknown>,
  ) {
    const at = { ...who, survey, occasion: occasion as 'start' };
    const def = await store.publishedDefinition(at, survey);
    await store.submitResponse(at, {
      id: crypto.randomUUID(),
      definition_id: def!.id,
      answers,
      derived: derivedScores(survey, answers),
    });
  }
  const wai: [Record<string, unknown> | null, Record<string, unknown> | null][] = [
    [waiAnswers(5), waiAnswers(8)],
    [waiAnswers(3, { wai_2_arbetets_art: 'physical' }), waiAnswers(2)],
    [waiAnswers(7), null],
    [waiAnswers(6, { wai_6_prognos: undefined }), waiAnswers(9)],
    [null, waiAnswers(10, { wai_3_lakardiagnos: ['psykisk', 'hud'] })],
  ];
  for (const [start, exit] of wai) {
    const who = await enrolWithConsent(store, world);
    if (start) await submit(who, 'wai', 'start', start);
    if (exit) await submit(who, 'wai', 'avslut', exit);
  }
  for (const v of [1, 2, 3, 4, 5, 6, 6, 5]) {
    const who = await enrolWithConsent(store, world);
    await submit(who, 'pagaende', 'pagaende', pagaendeAnswers(v, v === 2 ? { stod_till_hjalp: 'none' } : {}));
  }
  for (const v of [3, 5]) {
    const who = await enrolWithConsent(store, world);
    const items = ['stod_till_hjalp', 'plan_finns', 'plan_start'];
    await submit(who, 'avslut', 'avslut', {
      ...Object.fromEntries(items.map((i) => [i, v])),
      ...(v === 3 ? { ovrigt: AWKWARD_TEXT, plan_finns: 'none' } : {}),
    });
  }
  // Figures count closed quarters only; the row export does not depend on it.
  await closeQuarters(db, world.projectId);
  const cookies = {
    researcher: await loginCookie(app, world.emails.researcher),
    admin: await loginCookie(app, world.emails.admin),
    coach: await loginCookie(app, world.emails.coach),
  };
  const grant = await app.request('/api/admin/export-grants', {
    method: 'POST',
    headers: { cookie: cookies.admin, 'content-type': 'application/json', origin: 'http://localhost' },
    body: JSON.stringify({
      project_id: world.projectId,
      staff_email: world.emails.researcher,
      include_free_text: options.freeText === true,
    }),
  });
  if (grant.status !== 201) throw new Error(`grant failed: ${grant.status}`);
  return { db, store, world, app, cookies };
}
