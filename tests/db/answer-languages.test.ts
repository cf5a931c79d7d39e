/**
 * The answer language (issue 20, point 6): stored with each response and consent, checked in SQL
 * too, kept by a retry; counted by public.answer_languages over the survey figures' blocks with
 * register-count suppression; and not a new item series (answers in every language count together).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../src/errors.ts';
import type { SqlExecutor } from '../../src/store/executor.ts';
import type { RpcStore } from '../../src/store/rpc-store.ts';
import type { AnswerLanguages } from '../../src/store/store.ts';
import { sqlAs } from '../support/as-role.ts';
import { engines, openTestDatabase } from '../support/db.ts';
import {
  createWorld,
  enrol,
  enrolWithConsent,
  pagaendeAnswers,
  type ParticipantPrincipal,
  type World,
} from '../support/fixtures.ts';

const codeOf = (p: Promise<unknown>) =>
  p.then(
    () => 'ok',
    (e: unknown) => (e instanceof AppError ? e.code : String(e)),
  );

/** language → count, or 'hidden' where suppressed. */
const table = (r: AnswerLanguages) =>
  Object.fromEntries(r.languages.map((l) => [l.language, l.suppressed ? 'hidden' : l.n]));

describe.each(engines)('answer languages on %s', (engine) => {
  let db: SqlExecutor;
  let store: RpcStore;

  beforeAll(async () => ({ db, store } = await openTestDatabase(engine)));
  afterAll(() => db.close());

  /** Submits Pågående for a new participant in the given language (none: not recorded). */
  async function answer(world: World, locale: string | undefined, value = 4): Promise<ParticipantPrincipal> {
    const who = await enrolWithConsent(store, world);
    const def = await store.publishedDefinition(who, 'pagaende');
    const input = { id: crypto.randomUUID(), definition_id: def!.id, answers: pagaendeAnswers(value) };
    await store.submitResponse(who, locale ? { ...input, locale } : input);
    return who;
  }

  async function answerMany(world: World, counts: Record<string, number>): Promise<void> {
    for (const [locale, n] of Object.entries(counts))
      for (let i = 0; i < n; i++) await answer(world, locale === 'unknown' ? undefined : locale);
  }

  /** Moves the project's responses not yet moved into the quarter `months` back (a closed quarter). */
  async function intoQuarter(world: World, months: number): Promise<void> {
    await db.query(
      `update public.responses set submitted_at = date_trunc('quarter', now() - make_interval(months => $2)) + interval '10 days'
       where project_id = $1 and submitted_at > now() - interval '1 day'`,
      [world.projectId, months],
    );
  }

  const languages = (world: World, extra: { from?: string; to?: string } = {}) =>
    store.answerLanguages(world.researcher, { project_id: world.projectId, survey_key: 'pagaende', ...extra });

  const stored = async (participantId: string) =>
    db.query<{ locale: string | null }>('select locale from public.responses where participant_id = $1', [
      participantId,
    ]);

  const consentLocale = async (participantId: string) =>
    db.query<{ locale: string | null }>('select locale from public.consents where participant_id = $1', [
      participantId,
    ]);

  /** Gives consent as the participant, in the given language or none. */
  async function consent(world: World, locale?: string): Promise<{ who: ParticipantPrincipal; result: string }> {
    const who = await enrol(store, world);
    const def = await store.publishedDefinition(who, 'samtycke-forskning');
    const input = { definition_id: def!.id, answers: { samtycker: true, svarar_med: 'self' }, method: 'self' as const };
    return { who, result: await codeOf(store.giveConsent(who, locale ? { ...input, locale } : input)) };
  }

  it('stores the language with the response and the consent; none stays NULL', async () => {
    const world = await createWorld(store);
    const ar = await answer(world, 'ar');
    const none = await answer(world, undefined);
    expect(await stored(ar.participantId)).toEqual([{ locale: 'ar' }]);
    expect(await stored(none.participantId)).toEqual([{ locale: null }]);
    const so = await consent(world, 'so');
    expect(so.result).toBe('ok');
    expect(await consentLocale(so.who.participantId)).toEqual([{ locale: 'so' }]);
    const plain = await consent(world);
    expect(await consentLocale(plain.who.participantId)).toEqual([{ locale: null }]);
  });

  it('SQL refuses a language that is not a participant language, storing nothing', async () => {
    const world = await createWorld(store);
    const who = await enrolWithConsent(store, world);
    const def = await store.publishedDefinition(who, 'pagaende');
    for (const locale of ['de', 'AR', 'sv-SE', "sv'; drop table public.responses; --"]) {
      const res = store.submitResponse(who, {
        id: crypto.randomUUID(),
        definition_id: def!.id,
        answers: pagaendeAnswers(3),
        locale,
      });
      expect(await codeOf(res)).toBe('VALIDATION_FAILED');
    }
    expect(await stored(who.participantId)).toEqual([]);
    const bad = await consent(world, 'xx');
    expect(bad.result).toBe('VALIDATION_FAILED');
    expect(await consentLocale(bad.who.participantId)).toEqual([]);
    // The columns' own constraints hold too, whatever writes them.
    await answer(world, 'so');
    for (const t of ['responses', 'consents']) {
      const update = db.query(
        `update public.${t} set locale = 'xx' where ${t === 'responses' ? 'project_id' : 'participant_id'} = $1`,
        [t === 'responses' ? world.projectId : who.participantId],
      );
      expect(
        await update.then(
          () => 'updated',
          () => 'refused',
        ),
      ).toBe('refused');
    }
  });

  it('a retry of the same response id in another language changes nothing', async () => {
    const world = await createWorld(store);
    const who = await enrolWithConsent(store, world);
    const def = await store.publishedDefinition(who, 'pagaende');
    const input = { id: crypto.randomUUID(), definition_id: def!.id, answers: pagaendeAnswers(5) };
    expect((await store.submitResponse(who, { ...input, locale: 'ti' })).created).toBe(true);
    expect((await store.submitResponse(who, { ...input, locale: 'sv' })).created).toBe(false);
    expect((await store.submitResponse(who, input)).created).toBe(false);
    expect(await stored(who.participantId)).toEqual([{ locale: 'ti' }]);
  });

  it('answers in Arabic and Swedish to one version count together in the item figures', async () => {
    const world = await createWorld(store);
    await answerMany(world, { ar: 3 });
    for (let i = 0; i < 3; i++) await answer(world, 'sv', 2);
    await intoQuarter(world, 12);
    const report = await store.itemAggregates(world.researcher, {
      project_id: world.projectId,
      survey_key: 'pagaende',
    });
    const group = report.versions.find((v) => v.occasion === 'pagaende' && v.responses !== null)!;
    expect(group.responses).toBe(6);
    const item = group.items.find((i) => i.item === 'stod_till_hjalp')!;
    // Three 4s (Arabic) and three 2s (Swedish): one series of six, mean 3.
    expect(item).toMatchObject({ suppressed: false, n: 6, mean: 3, counts: { '2': 3, '4': 3 } });
    expect(table(await languages(world))).toEqual({ ar: 'hidden', sv: 'hidden' });
  });

  it('counts per language with a small count and its complement hidden, older answers as unknown', async () => {
    const world = await createWorld(store);
    await answerMany(world, { sv: 7, ar: 5, so: 1, unknown: 6 });
    await intoQuarter(world, 12);
    const r = await languages(world);
    // so (1) is below 5; the next smallest (ar, 5) is hidden with it, so the total cannot give so back.
    expect(r).toMatchObject({ responses: 19, suppressed: false, min_group_size: 5 });
    expect(table(r)).toEqual({ ar: 'hidden', so: 'hidden', sv: 7, unknown: 6 });
    expect(r.languages.filter((l) => l.suppressed).every((l) => l.n === null)).toBe(true);
  });

  it('attack: a language one or two people used shows no count, in any period or combination', async () => {
    const world = await createWorld(store);
    // Block 1 (a year back): 6 in Swedish and 2 in Tigrinya. Block 2 (two quarters later): 5 and 5.
    await answerMany(world, { sv: 6, ti: 2 });
    await intoQuarter(world, 12);
    await answerMany(world, { sv: 5, ti: 5 });
    await intoQuarter(world, 6);
    const whole = await languages(world);
    expect(whole.responses).toBe(18);
    // Tigrinya is 7 over both, but a block hides it, so every result holding that block hides it.
    expect(table(whole)).toEqual({ sv: 'hidden', ti: 'hidden' });
    const quarters = await db.query<{ first: string; second: string }>(
      `select to_char(date_trunc('quarter', now() - interval '12 months'), 'YYYY-MM-DD') as first,
              to_char(date_trunc('quarter', now() - interval '6 months'), 'YYYY-MM-DD') as second`,
    );
    const { first, second } = quarters[0]!;
    const later = await languages(world, { from: second });
    expect(table(later)).toEqual({ sv: 5, ti: 5 });
    const earlier = await languages(world, { from: first, to: first });
    expect(table(earlier)).toEqual({ sv: 'hidden', ti: 'hidden' });
    // No pair of results gives the two back: every shown Tigrinya count is 0 or at least 5.
    for (const r of [whole, later, earlier])
      for (const l of r.languages) if (!l.suppressed) expect(l.n === 0 || l.n! >= 5).toBe(true);
  });

  it('answers in the open quarter and blocks below the minimum are not counted', async () => {
    const world = await createWorld(store);
    await answerMany(world, { fa: 3 });
    await intoQuarter(world, 12);
    await answerMany(world, { prs: 6 });
    const r = await languages(world);
    expect(r).toMatchObject({ responses: null, suppressed: true, languages: [] });
  });

  it('only researchers and admins of the project; a coach and another project are told it does not exist', async () => {
    const world = await createWorld(store);
    await answerMany(world, { sv: 5 });
    await intoQuarter(world, 12);
    const ask = (who: World['coach'], project = world.projectId) =>
      codeOf(store.answerLanguages(who, { project_id: project, survey_key: 'pagaende' }));
    expect(await ask(world.admin)).toBe('ok');
    expect(await ask(world.coach)).toBe('PROJECT_NOT_FOUND');
    expect(await ask(world.otherResearcher)).toBe('PROJECT_NOT_FOUND');
    const stranger = await createWorld(store);
    expect(await ask(stranger.researcher)).toBe('PROJECT_NOT_FOUND');
    // Nobody on staff reads a response's language directly.
    const direct = await sqlAs(db, world.researcher, 'select locale from public.responses');
    expect(direct).toEqual({ error: '42501' });
  });

  it('a download is recorded in the audit log', async () => {
    const world = await createWorld(store);
    await store.answerLanguages(world.researcher, {
      project_id: world.projectId,
      survey_key: 'pagaende',
      export: true,
      format: 'codebook-csv',
    });
    const rows = await db.query<{ format: string; what: string }>(
      `select details ->> 'format' as format, details ->> 'what' as what from public.audit_log
       where project_id = $1 and action = 'research.export'`,
      [world.projectId],
    );
    expect(rows).toEqual([{ format: 'codebook-csv', what: 'answer_languages' }]);
  });
});
