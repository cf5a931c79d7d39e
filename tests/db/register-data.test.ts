/**
 * Register data at enrolment (issue 17, funder-ready outputs point 1): gender and age band are
 * required when a participant is enrolled (nothing is stored without both), can be changed by the
 * project's coaches and admins only, and each change is audited with the names of the fields that
 * changed — never their values.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCode } from '../../src/domain/pseudonym-code.ts';
import { AppError } from '../../src/errors.ts';
import type { SqlExecutor } from '../../src/store/executor.ts';
import type { RpcStore } from '../../src/store/rpc-store.ts';
import { engines, openTestDatabase } from '../support/db.ts';
import { createWorld, type World } from '../support/fixtures.ts';

const codeOf = (p: Promise<unknown>) =>
  p.then(
    () => 'ok',
    (e: unknown) => (e instanceof AppError ? e.code : e),
  );

describe.each(engines)('register data (gender, age band) on %s', (engine) => {
  let db: SqlExecutor;
  let store: RpcStore;
  let world: World;
  let orgB: World;

  beforeAll(async () => {
    ({ db, store } = await openTestDatabase(engine));
    world = await createWorld(store);
    orgB = await createWorld(store);
  });
  afterAll(() => db.close());

  const participants = async () =>
    (
      await db.query<{ n: number }>('select count(*)::int as n from public.participants where project_id = $1', [
        world.projectId,
      ])
    )[0]!.n;
  const stored = async (id: string) =>
    (
      await db.query<{ gender: string | null; age_band: string | null }>(
        'select gender, age_band from public.participants where id = $1',
        [id],
      )
    )[0]!;
  const audit = async (id: string) =>
    db.query<{ action: string; details: Record<string, unknown> }>(
      'select action, details from public.audit_log where target_id = $1 order by id',
      [id],
    );

  it('enrolment without gender or age band, or with a value outside the lists, is refused and stores nothing', async () => {
    const before = await participants();
    const base = { project_id: world.projectId };
    for (const extra of [
      {},
      { gender: 'kvinna' },
      { age_band: '30_49' },
      { gender: 'kvinna', age_band: '' },
      { gender: 'female', age_band: '30_49' },
      { gender: 'kvinna', age_band: '18_25' },
      { gender: null, age_band: '30_49' },
    ]) {
      const error = await codeOf(
        store.call(world.coach, 'enrol_participant', { ...base, code: generateCode(), ...extra }),
      );
      expect(error, JSON.stringify(extra)).toBe('REGISTER_DATA_INVALID');
    }
    expect(await participants()).toBe(before);
  });

  it('stores both at enrolment; the enrolment audit entry names no value', async () => {
    const p = await store.enrolParticipant(world.coach, {
      project_id: world.projectId,
      code: generateCode(),
      gender: 'vill_inte_ange',
      age_band: '65_plus',
    });
    expect(await stored(p.id)).toEqual({ gender: 'vill_inte_ange', age_band: '65_plus' });
    const entries = await audit(p.id);
    expect(entries).toEqual([{ action: 'participant.enrol', details: {} }]);
  });

  it('the column checks hold even for the table owner', async () => {
    const p = await store.enrolParticipant(world.coach, {
      project_id: world.projectId,
      code: generateCode(),
      gender: 'man',
      age_band: '16_29',
    });
    await expect(
      db.query(`update public.participants set gender = 'okänt' where id = $1`, [p.id]),
    ).rejects.toMatchObject({
      code: '23514',
    });
    await expect(
      db.query(`update public.participants set age_band = '70_plus' where id = $1`, [p.id]),
    ).rejects.toMatchObject({
      code: '23514',
    });
  });

  it('a coach or admin of the project changes them; the audit entry lists the changed fields, not the values', async () => {
    const p = await store.enrolParticipant(world.coach, {
      project_id: world.projectId,
      code: generateCode(),
      gender: 'kvinna',
      age_band: '30_49',
    });
    expect(await store.participantRegister(world.coach, p.id)).toMatchObject({
      id: p.id,
      code: p.code,
      gender: 'kvinna',
      age_band: '30_49',
    });
    expect(
      await store.updateParticipantRegister(world.coach, { participant_id: p.id, gender: 'annat', age_band: '30_49' }),
    ).toEqual({
      id: p.id,
      changed: ['gender'],
    });
    expect(
      await store.updateParticipantRegister(world.admin, { participant_id: p.id, gender: 'man', age_band: '50_64' }),
    ).toEqual({
      id: p.id,
      changed: ['gender', 'age_band'],
    });
    // Saving the same values again changes nothing and writes no entry.
    expect(
      await store.updateParticipantRegister(world.coach, { participant_id: p.id, gender: 'man', age_band: '50_64' }),
    ).toEqual({
      id: p.id,
      changed: [],
    });
    expect(await stored(p.id)).toEqual({ gender: 'man', age_band: '50_64' });
    const changes = (await audit(p.id)).filter((e) => e.action === 'participant.register_changed');
    expect(changes.map((e) => e.details)).toEqual([{ fields: ['gender'] }, { fields: ['gender', 'age_band'] }]);
    const text = JSON.stringify(await audit(p.id));
    for (const value of ['kvinna', 'annat', '"man"', '30_49', '50_64']) expect(text).not.toContain(value);
  });

  it('fills in a participant enrolled before they were asked (null = not recorded)', async () => {
    const p = await store.enrolParticipant(world.coach, {
      project_id: world.projectId,
      code: generateCode(),
      gender: 'kvinna',
      age_band: '16_29',
    });
    await db.query('update public.participants set gender = null, age_band = null where id = $1', [p.id]);
    expect(await store.participantRegister(world.coach, p.id)).toMatchObject({ gender: null, age_band: null });
    const list = await store.coachParticipants(world.coach, world.projectId);
    expect(list.find((r) => r.id === p.id)!.register_missing).toBe(true);
    await store.updateParticipantRegister(world.coach, { participant_id: p.id, gender: 'kvinna', age_band: '16_29' });
    expect(
      (await store.coachParticipants(world.coach, world.projectId)).find((r) => r.id === p.id)!.register_missing,
    ).toBe(false);
  });

  it('an invalid change is refused and changes nothing', async () => {
    const p = await store.enrolParticipant(world.coach, {
      project_id: world.projectId,
      code: generateCode(),
      gender: 'kvinna',
      age_band: '30_49',
    });
    for (const change of [
      { gender: 'kvinna' },
      { gender: '', age_band: '30_49' },
      { gender: 'man', age_band: 'old' },
    ]) {
      expect(
        await codeOf(store.call(world.coach, 'update_participant_register', { participant_id: p.id, ...change })),
      ).toBe('REGISTER_DATA_INVALID');
    }
    expect(await stored(p.id)).toEqual({ gender: 'kvinna', age_band: '30_49' });
    expect((await audit(p.id)).map((e) => e.action)).toEqual(['participant.enrol']);
  });

  it('nobody else reads or changes them: researcher, coach of another project, another organisation (404)', async () => {
    const p = await store.enrolParticipant(world.coach, {
      project_id: world.projectId,
      code: generateCode(),
      gender: 'kvinna',
      age_band: '30_49',
    });
    for (const who of [world.researcher, world.otherCoach, world.otherResearcher, orgB.admin, orgB.coach]) {
      expect(await codeOf(store.participantRegister(who, p.id))).toBe('PARTICIPANT_NOT_FOUND');
      expect(
        await codeOf(
          store.updateParticipantRegister(who, { participant_id: p.id, gender: 'man', age_band: '65_plus' }),
        ),
      ).toBe('PARTICIPANT_NOT_FOUND');
      expect(
        await codeOf(
          store.enrolParticipant(who, {
            project_id: world.projectId,
            code: generateCode(),
            gender: 'man',
            age_band: '16_29',
          }),
        ),
      ).toBe('PROJECT_NOT_FOUND');
    }
    expect(await stored(p.id)).toEqual({ gender: 'kvinna', age_band: '30_49' });
    expect((await audit(p.id)).map((e) => e.action)).toEqual(['participant.enrol']);
  });
});
