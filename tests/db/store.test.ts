import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../src/errors.ts';
import { migrate } from '../../src/store/migrate.ts';
import { readMigrationFiles } from '../../src/store/migration-files.node.ts';
import type { SqlExecutor } from '../../src/store/executor.ts';
import type { RpcStore } from '../../src/store/rpc-store.ts';
import { generateCode } from '../../src/domain/pseudonym-code.ts';
import { engines, openTestDatabase } from '../support/db.ts';
import { createWorld, enrol, enrolWithConsent, pagaendeAnswers, REGISTER, type World } from '../support/fixtures.ts';

async function code(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'ok';
  } catch (error) {
    if (error instanceof AppError) return error.code;
    throw error;
  }
}

describe.each(engines)('store on %s', (engine) => {
  let db: SqlExecutor;
  let store: RpcStore;
  let world: World;
  let pagaendeId: string;

  beforeAll(async () => {
    ({ db, store } = await openTestDatabase(engine));
    world = await createWorld(store);
    pagaendeId = (await store.publishedDefinition(world.coach, 'pagaende'))!.id;
  });
  afterAll(() => db.close());

  const responsesOf = async (participantId: string) =>
    Number(
      (
        await db.query<{ n: string }>('select count(*)::text as n from public.responses where participant_id = $1', [
          participantId,
        ])
      )[0]!.n,
    );

  it('migrations are recorded and a second run applies nothing', async () => {
    const files = await readMigrationFiles();
    expect(await migrate(db, files.bootstrap, files.migrations)).toEqual([]);
  });

  it('refuses to start when an applied migration file was changed afterwards', async () => {
    const files = await readMigrationFiles();
    const edited = files.migrations.map((m, i) => (i === 0 ? { ...m, sql: `${m.sql}\n-- edited` } : m));
    await expect(migrate(db, files.bootstrap, edited)).rejects.toThrow(/was changed after it was applied/);
  });

  it('has no column that could hold a participant name, personnummer, e-mail or phone', async () => {
    const cols = await db.query<{ table_name: string; column_name: string }>(
      `select table_name, column_name from information_schema.columns
       where table_schema = 'public' and table_name in ('participants', 'consents', 'responses')`,
    );
    expect(cols.length).toBeGreaterThan(10);
    for (const c of cols)
      expect(c.column_name).not.toMatch(/name|personnummer|pnr|ssn|email|mail|phone|telefon|address|adress|birth/i);
  });

  it('a coach enrols; a researcher or a coach of another project cannot', async () => {
    const p = await store.enrolParticipant(world.coach, {
      project_id: world.projectId,
      code: generateCode(),
      ...REGISTER,
    });
    expect(p.code).toMatch(/^[0-9A-HJKMNP-TV-Z]{8}$/);
    expect(
      await code(
        store.enrolParticipant(world.researcher, { project_id: world.projectId, code: generateCode(), ...REGISTER }),
      ),
    ).toBe('PROJECT_NOT_FOUND');
    expect(
      await code(
        store.enrolParticipant(world.otherCoach, { project_id: world.projectId, code: generateCode(), ...REGISTER }),
      ),
    ).toBe('PROJECT_NOT_FOUND');
    expect(
      await code(store.enrolParticipant(world.coach, { project_id: world.projectId, code: p.code, ...REGISTER })),
    ).toBe('CODE_TAKEN');
    expect(await code(store.participantForLink(world.otherCoach, p.id))).toBe('PARTICIPANT_NOT_FOUND');
  });

  it('refuses a survey without consent and stores nothing', async () => {
    const who = await enrol(store, world);
    expect(
      await code(
        store.submitResponse(who, { id: crypto.randomUUID(), definition_id: pagaendeId, answers: pagaendeAnswers(3) }),
      ),
    ).toBe('CONSENT_REQUIRED');
    expect(await responsesOf(who.participantId)).toBe(0);
  });

  it('the same client uuid twice stores one response; another uuid for the same occasion is refused', async () => {
    const who = await enrolWithConsent(store, world);
    const id = crypto.randomUUID();
    const first = await store.submitResponse(who, { id, definition_id: pagaendeId, answers: pagaendeAnswers(4) });
    const again = await store.submitResponse(who, { id, definition_id: pagaendeId, answers: pagaendeAnswers(4) });
    expect([first.created, again.created, again.id]).toEqual([true, false, id]);
    expect(
      await code(
        store.submitResponse(who, { id: crypto.randomUUID(), definition_id: pagaendeId, answers: pagaendeAnswers(4) }),
      ),
    ).toBe('ALREADY_SUBMITTED');
    expect(await responsesOf(who.participantId)).toBe(1);
  });

  it('concurrent retries of one submission store exactly one response', async () => {
    const who = await enrolWithConsent(store, world);
    const id = crypto.randomUUID();
    const results = await Promise.all(
      Array.from({ length: 6 }, () =>
        store.submitResponse(who, { id, definition_id: pagaendeId, answers: pagaendeAnswers(2) }),
      ),
    );
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(await responsesOf(who.participantId)).toBe(1);
  });

  it('the database itself refuses out-of-range and non-integer scored answers, storing nothing', async () => {
    const who = await enrolWithConsent(store, world);
    for (const bad of [7, 0, 2.5, '3']) {
      expect(
        await code(
          store.submitResponse(who, {
            id: crypto.randomUUID(),
            definition_id: pagaendeId,
            answers: pagaendeAnswers(3, { mer_redo: bad }),
          }),
        ),
      ).toBe('ANSWER_OUT_OF_RANGE');
    }
    expect(await responsesOf(who.participantId)).toBe(0);
  });

  it('stores scored items in definition order, missing as NULL, and the table refuses values off the scale', async () => {
    const who = await enrolWithConsent(store, world);
    const id = crypto.randomUUID();
    await store.submitResponse(who, {
      id,
      definition_id: pagaendeId,
      answers: pagaendeAnswers(2, { paverka_plan: 'none', mer_redo: 6 }),
    });
    const [row] = await db.query<{ scores: (number | null)[] }>(
      'select array_to_json(scores) as scores from public.responses where id = $1',
      [id],
    );
    expect(row!.scores).toEqual([2, null, 2, 2, 2, 2, 6]);
    await expect(
      db.query(`update public.responses set scores = '{1,2,101}' where id = $1`, [id]),
    ).rejects.toMatchObject({ code: '23514' });
  });

  it('a token for another survey cannot submit to this one; a uuid used by someone else conflicts', async () => {
    const who = await enrolWithConsent(store, world);
    expect(
      await code(
        store.submitResponse(
          { ...who, survey: 'avslut' },
          { id: crypto.randomUUID(), definition_id: pagaendeId, answers: pagaendeAnswers(3) },
        ),
      ),
    ).toBe('DEFINITION_NOT_FOUND');
    const id = crypto.randomUUID();
    await store.submitResponse(who, { id, definition_id: pagaendeId, answers: pagaendeAnswers(3) });
    const other = await enrolWithConsent(store, world);
    expect(
      await code(store.submitResponse(other, { id, definition_id: pagaendeId, answers: pagaendeAnswers(3) })),
    ).toBe('RESPONSE_ID_CONFLICT');
  });

  it('after withdrawal nothing more is collected and the coach sees it', async () => {
    const who = await enrolWithConsent(store, world);
    await store.withdrawConsent(who);
    expect(
      await code(
        store.submitResponse(who, { id: crypto.randomUUID(), definition_id: pagaendeId, answers: pagaendeAnswers(3) }),
      ),
    ).toBe('CONSENT_WITHDRAWN');
    const consentDef = await store.publishedDefinition(who, 'samtycke-forskning');
    expect(
      await code(
        store.giveConsent(who, { definition_id: consentDef!.id, answers: { samtycker: true }, method: 'self' }),
      ),
    ).toBe('CONSENT_WITHDRAWN');
    const rows = await store.coachParticipants(world.coach, world.projectId);
    expect(rows.find((r) => r.id === who.participantId)?.consent).toBe('withdrawn');
    expect(await code(store.participantForLink(world.coach, who.participantId))).toBe('CONSENT_WITHDRAWN');
  });

  it('consent and withdrawal are in the audit log, and nobody can change the log', async () => {
    const who = await enrolWithConsent(store, world);
    await store.withdrawConsent(who);
    const actions = await db.query<{ action: string }>(
      `select action from public.audit_log where target_id = $1 order by id`,
      [who.participantId],
    );
    expect(actions.map((a) => a.action)).toEqual([
      'participant.enrol',
      'link.minted',
      'consent.give',
      'consent.withdraw',
    ]);
  });
});
