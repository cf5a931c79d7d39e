import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../src/errors.ts';
import { generateCode } from '../../src/domain/pseudonym-code.ts';
import type { SqlExecutor } from '../../src/store/executor.ts';
import { PostgrestCallError, type SupabaseStore } from '../../src/store/supabase-store.ts';
import { openSupabaseTestDatabase, standinSecrets } from '../support/db.ts';
import { createWorld, REGISTER, type World } from '../support/fixtures.ts';
import type { PostgrestStandin } from '../support/postgrest-standin.ts';

/** The contract between SupabaseStore and PostgREST, checked against the stand-in on the real database. */
describe('SupabaseStore through the PostgREST stand-in', () => {
  let db: SqlExecutor;
  let store: SupabaseStore;
  let standin: PostgrestStandin;
  let world: World;
  const key = new TextEncoder().encode(standinSecrets.jwtSecret);

  beforeAll(async () => {
    ({ db, store, standin } = await openSupabaseTestDatabase());
    world = await createWorld(store);
  });
  afterAll(() => db.close());

  const token = (claims: Record<string, unknown>, exp: number, secret = key) =>
    new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setIssuedAt().setExpirationTime(exp).sign(secret);
  const post = (fn: string, headers: Record<string, string>, body: unknown = { p: {} }) =>
    fetch(`${standin.url}/rest/v1/rpc/${fn}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
  const now = () => Math.floor(Date.now() / 1000);

  it('store calls travel over HTTP as rpc requests', async () => {
    const before = standin.calls.get('staff_context') ?? 0;
    const ctx = await store.staffContext(world.coach);
    expect(ctx?.memberships.map((m) => m.project_id)).toContain(world.projectId);
    expect(standin.calls.get('staff_context')).toBe(before + 1);
  });

  it('answers a valid token with the scalar JSON result', async () => {
    const res = await post('installation_state', {
      apikey: standinSecrets.anonKey,
      authorization: `Bearer ${await token({ role: 'service_role' }, now() + 60)}`,
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ has_staff: true });
  });

  it('rejects an expired or wrongly signed token, a foreign role and a missing apikey like PostgREST', async () => {
    const expired = await post('installation_state', {
      apikey: standinSecrets.anonKey,
      authorization: `Bearer ${await token({ role: 'service_role' }, now() - 10)}`,
    });
    expect(expired.status).toBe(401);
    expect(await expired.json()).toMatchObject({ code: 'PGRST301', message: 'JWT expired' });
    const forged = await post('installation_state', {
      apikey: standinSecrets.anonKey,
      authorization: `Bearer ${await token({ role: 'service_role' }, now() + 60, new TextEncoder().encode('another-secret-of-sufficient-length-000'))}`,
    });
    expect(forged.status).toBe(401);
    const superuser = await post('installation_state', {
      apikey: standinSecrets.anonKey,
      authorization: `Bearer ${await token({ role: 'postgres' }, now() + 60)}`,
    });
    expect(superuser.status).toBe(401);
    const noKey = await post('installation_state', {
      authorization: `Bearer ${await token({ role: 'service_role' }, now() + 60)}`,
    });
    expect(noKey.status).toBe(401);
  });

  it('an unknown function is 404 PGRST202, surfaced as a PostgrestCallError', async () => {
    const error = await store.call(world.coach, 'no_such_function').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PostgrestCallError);
    expect(error).toMatchObject({ code: 'PGRST202', status: 404 });
  });

  it('grants are enforced per role: anonymous 401, staff on a system-only function 403 (42501)', async () => {
    const anon = await store
      .itemAggregates({ kind: 'anonymous' }, { project_id: world.projectId, survey_key: 'pagaende' })
      .catch((e: unknown) => e);
    expect(anon).toMatchObject({ code: '42501', status: 401 });
    const staff = await store
      .call(world.admin, 'staff_login_lookup', { email: 'x@example.org' })
      .catch((e: unknown) => e);
    expect(staff).toMatchObject({ code: '42501', status: 403 });
  });

  it("the functions' own refusals (EKxxx, HTTP 400) become the same AppErrors as on the SQL path", async () => {
    const error = await store
      .enrolParticipant(world.researcher, { project_id: world.projectId, code: generateCode(), ...REGISTER })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('PROJECT_NOT_FOUND');
  });

  it('STABLE functions, which the stand-in runs read-only as PostgREST does on POST, still answer', async () => {
    const rows = await db.query<{ v: string }>(
      `select provolatile::text as v from pg_proc where oid = 'public.published_definition(jsonb)'::regprocedure`,
    );
    expect(rows[0]!.v).toBe('s');
    expect((await store.publishedDefinition(world.coach, 'pagaende'))?.key).toBe('pagaende');
  });
});
