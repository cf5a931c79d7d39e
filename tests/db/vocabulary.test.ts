/**
 * The database says the same as src/domain: each CHECK list equals its vocabulary, and each number
 * SQL enforces (defaults, ranges, intervals) equals its one definition in TypeScript. Read from the
 * catalog, so it holds whichever migration file defines the constraint.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INVITE_LINK_DAYS, MIN_GROUP_SIZE, SHORT_CODE_MAX_DAYS } from '../../src/domain/limits.ts';
import { scheduleSettingsSchema } from '../../src/domain/schedule-settings.ts';
import {
  AGE_BAND,
  DEFAULT_WITHDRAWAL_POLICY,
  EXIT_REASON,
  GENDER,
  OCCASION,
  OCCUPATION,
  REFERRAL,
  STAFF_ROLE,
  WITHDRAWAL_POLICY,
} from '../../src/domain/vocabulary.ts';
import { PARTICIPANT_LOCALES } from '../../src/client/i18n/locales.ts';
import type { SqlExecutor } from '../../src/store/executor.ts';
import { engines, openTestDatabase } from '../support/db.ts';

/** The CHECK constraints of a table's column, as PostgreSQL prints them. */
async function checksOn(db: SqlExecutor, table: string, column: string): Promise<string[]> {
  const rows = await db.query<{ def: string }>(
    `select pg_get_constraintdef(c.oid) as def
       from pg_constraint c
       join pg_attribute a on a.attrelid = c.conrelid and a.attnum = any (c.conkey)
      where c.contype = 'c' and c.conrelid = $1::regclass and a.attname = $2`,
    [table, column],
  );
  return rows.map((r) => r.def);
}

/** The quoted values of the one `IN (…)`/`= ANY (ARRAY[…])` list in a CHECK on the column. */
async function allowedValues(db: SqlExecutor, table: string, column: string): Promise<string[]> {
  const defs = (await checksOn(db, table, column)).filter((d) => /ANY \(|IN \(/i.test(d));
  expect(defs, `${table}.${column}`).toHaveLength(1);
  return [...defs[0]!.matchAll(/'([^']*)'/g)].map((m) => m[1]!).filter((v) => !['withdrawalPolicy'].includes(v));
}

describe.each(engines.filter((e) => e !== 'supabase'))('SQL agrees with src/domain on %s', (engine) => {
  let db: SqlExecutor;
  beforeAll(async () => {
    ({ db } = await openTestDatabase(engine));
  });
  afterAll(() => db.close());

  it.each([
    ['public.participants', 'referral', REFERRAL.values],
    ['public.participants', 'occupation_start', OCCUPATION.values],
    ['public.participants', 'occupation_exit', OCCUPATION.values],
    ['public.participants', 'exit_reason', EXIT_REASON.values],
    ['public.participants', 'gender', GENDER.values],
    ['public.participants', 'age_band', AGE_BAND.values],
    ['public.memberships', 'role', STAFF_ROLE.values],
    ['public.responses', 'occasion', OCCASION.values],
    ['public.drafts', 'occasion', OCCASION.values],
    ['public.short_codes', 'occasion', OCCASION.values],
    ['public.consents', 'withdrawal_policy', WITHDRAWAL_POLICY.values],
    ['public.responses', 'locale', PARTICIPANT_LOCALES],
    ['public.consents', 'locale', PARTICIPANT_LOCALES],
  ] as const)('%s.%s allows exactly the vocabulary', async (table, column, values) => {
    expect((await allowedValues(db, table, column)).sort()).toEqual([...values].sort());
  });

  it('projects.settings.withdrawalPolicy allows exactly the policies, and SQL defaults to the same one', async () => {
    expect((await allowedValues(db, 'public.projects', 'settings')).sort()).toEqual(
      [...WITHDRAWAL_POLICY.values].sort(),
    );
    const [row] = await db.query<{ policy: string }>(`select app.withdrawal_policy('{}'::jsonb) as policy`);
    expect(row!.policy).toBe(DEFAULT_WITHDRAWAL_POLICY);
  });

  it('projects.min_group_size has the default and range of MIN_GROUP_SIZE', async () => {
    const [col] = await db.query<{ def: string }>(
      `select pg_get_expr(d.adbin, d.adrelid) as def from pg_attrdef d
         join pg_attribute a on a.attrelid = d.adrelid and a.attnum = d.adnum
        where d.adrelid = 'public.projects'::regclass and a.attname = 'min_group_size'`,
    );
    expect(Number(col!.def)).toBe(MIN_GROUP_SIZE.default);
    const [check] = await checksOn(db, 'public.projects', 'min_group_size');
    const bounds = [...check!.matchAll(/>= (\d+)|<= (\d+)/g)].map((m) => Number(m[1] ?? m[2]));
    expect(bounds).toEqual([MIN_GROUP_SIZE.min, MIN_GROUP_SIZE.max]);
  });

  it("response rates open Pågående at the same default week as the coach's schedule", async () => {
    const [fn] = await db.query<{ def: string }>(
      `select pg_get_functiondef('app.response_rates(public.projects)'::regprocedure) as def`,
    );
    const sqlDefault =
      /'pagaendeFromWeeks'\)::numeric::integer ELSE (\d+) END|'pagaendeFromWeeks'\)::numeric::int else (\d+) end/i.exec(
        fn!.def,
      );
    expect(sqlDefault, fn!.def).not.toBeNull();
    expect(Number(sqlDefault![1] ?? sqlDefault![2])).toBe(scheduleSettingsSchema.parse({}).pagaendeFromWeeks);
  });

  it('one-time links and short codes expire within the TypeScript lifetimes', async () => {
    const [invite] = (await checksOn(db, 'public.staff_invites', 'expires_at')).filter((d) => d.includes('interval'));
    expect(invite).toMatch(new RegExp(`'${INVITE_LINK_DAYS} days'`));
    const [code] = (await checksOn(db, 'public.short_codes', 'expires_at')).filter((d) => d.includes('interval'));
    expect(code).toMatch(new RegExp(`'${SHORT_CODE_MAX_DAYS} day'`));
  });
});
