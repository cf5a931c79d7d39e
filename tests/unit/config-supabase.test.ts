import { describe, expect, it } from 'vitest';
import { parseConfig, supabaseApi } from '../../src/config.ts';
import { openStore } from '../../src/store/open-database.node.ts';
import { SupabaseStore } from '../../src/store/supabase-store.ts';

const secret = 'a-project-jwt-secret-of-forty-characters!';
const full = {
  SUPABASE_URL: 'https://xyz.supabase.co',
  SUPABASE_ANON_KEY: 'anon-key-value',
  SUPABASE_JWT_SECRET: secret,
};

describe('Supabase configuration', () => {
  it('takes all three settings together', () => {
    expect(supabaseApi(parseConfig(full))).toEqual({
      url: 'https://xyz.supabase.co',
      anonKey: 'anon-key-value',
      jwtSecret: secret,
    });
    expect(supabaseApi(parseConfig({}))).toBeUndefined();
    expect(supabaseApi(parseConfig({ DATABASE_URL: 'postgres://u:p@h/db' }))).toBeUndefined();
  });

  it('refuses a partial set, naming what is missing and never echoing a value', () => {
    const attempt = () => parseConfig({ SUPABASE_URL: full.SUPABASE_URL, SUPABASE_JWT_SECRET: secret });
    expect(attempt).toThrow(/SUPABASE_ANON_KEY/);
    try {
      attempt();
    } catch (error) {
      expect((error as Error).message).not.toContain(secret);
    }
    expect(() => parseConfig({ ...full, SUPABASE_JWT_SECRET: 'short' })).toThrow(
      /SUPABASE_JWT_SECRET: must be at least 32/,
    );
    expect(() => parseConfig({ ...full, SUPABASE_URL: 'ftp://xyz' })).toThrow(/SUPABASE_URL/);
  });

  it('the server then uses SupabaseStore, runs no migrations, and its startup line names no key', async () => {
    const { store, description, applied } = await openStore(parseConfig(full));
    expect(store).toBeInstanceOf(SupabaseStore);
    expect(applied).toEqual([]);
    expect(description).toBe(
      'Supabase https://xyz.supabase.co via supabase-js (migrations are applied with supabase db push)',
    );
    expect(description).not.toContain('anon-key-value');
    expect(description).not.toContain(secret);
  });
});
