import { describe, expect, it } from 'vitest';
import { createSupabaseStore } from '../../src/store/supabase-store.ts';

const { SUPABASE_URL, SUPABASE_ANON_KEY, SUPABASE_JWT_SECRET } = process.env;
const live = Boolean(SUPABASE_URL && SUPABASE_ANON_KEY && SUPABASE_JWT_SECRET);

/**
 * A small round trip against a real Supabase project whose migrations were pushed (supabase db
 * push) and whose definitions are seeded. Runs only when SUPABASE_URL, SUPABASE_ANON_KEY and
 * SUPABASE_JWT_SECRET are set; otherwise vitest reports it as skipped, not passed. Read-only.
 */
describe.skipIf(!live)('live Supabase project', () => {
  const store = live
    ? createSupabaseStore({ url: SUPABASE_URL!, anonKey: SUPABASE_ANON_KEY!, jwtSecret: SUPABASE_JWT_SECRET! })
    : undefined!;

  it('answers installation_state as the system principal (service_role token minted here)', async () => {
    const state = await store.installationState();
    expect(typeof state.has_staff).toBe('boolean');
  });

  it('serves a published definition to the system principal', async () => {
    const def = await store.publishedDefinition({ kind: 'system' }, 'pagaende');
    expect(def?.key).toBe('pagaende');
    expect(def?.version).toBeGreaterThanOrEqual(1);
  });

  it('refuses item aggregates to an anonymous caller (PostgREST 401, SQLSTATE 42501)', async () => {
    const error = await store
      .itemAggregates({ kind: 'anonymous' }, { project_id: crypto.randomUUID(), survey_key: 'pagaende' })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: '42501', status: 401 });
  });
});
