import { decodeProtectedHeader, jwtVerify } from 'jose';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/errors.ts';
import type { Principal } from '../../src/store/store.ts';
import {
  PostgrestCallError,
  SupabaseStore,
  createSupabaseStore,
  translatePostgrestError,
} from '../../src/store/supabase-store.ts';

const secret = 'unit-test-jwt-secret-0123456789-abcdefghij';
const key = new TextEncoder().encode(secret);

/** A store whose fetch records each request and answers with the given status and body. */
function storeAnswering(status: number, body: unknown, options: { ttlSeconds?: number } = {}) {
  const requests: { url: string; headers: Headers; body: unknown }[] = [];
  const fake = (async (input: RequestInfo | URL, init?: RequestInit) => {
    requests.push({ url: String(input), headers: new Headers(init?.headers), body: JSON.parse(String(init?.body)) });
    return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  }) as typeof fetch;
  const store = new SupabaseStore({
    url: 'https://project.example',
    anonKey: 'anon-key',
    jwtSecret: secret,
    fetch: fake,
    ...options,
  });
  return { store, requests };
}

async function failure(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

const staff: Principal = { kind: 'staff', staffId: '00000000-0000-4000-8000-000000000001' };
const participant: Principal = {
  kind: 'participant',
  participantId: '00000000-0000-4000-8000-000000000002',
  projectId: '00000000-0000-4000-8000-000000000003',
  survey: 'pagaende',
  occasion: 'start',
};

describe('SupabaseStore requests', () => {
  it('createClient does not throw on Node 20 without a WebSocket (realtime is left unused)', () => {
    expect(() =>
      createSupabaseStore({ url: 'https://project.example', anonKey: 'a', jwtSecret: secret }),
    ).not.toThrow();
  });

  it('posts { p: args } to /rest/v1/rpc/<fn> with the anon key and a per-call bearer token', async () => {
    const { store, requests } = storeAnswering(200, { has_staff: true });
    expect(await store.installationState()).toEqual({ has_staff: true });
    await store.projectSettings(staff, 'abc');
    expect(requests[0]!.url).toBe('https://project.example/rest/v1/rpc/installation_state');
    expect(requests[0]!.body).toEqual({ p: {} });
    expect(requests[1]!.body).toEqual({ p: { project_id: 'abc' } });
    expect(requests[1]!.headers.get('apikey')).toBe('anon-key');
    expect(requests[1]!.headers.get('authorization')).toMatch(/^Bearer ey/);
  });

  it('tokens carry the principal claims, role, aud, iat and a 60 s expiry, signed HS256 with the project secret', async () => {
    const { store, requests } = storeAnswering(200, null);
    for (const who of [staff, participant, { kind: 'anonymous' } as Principal, { kind: 'system' } as Principal])
      await store.call(who, 'f');
    const tokens = requests.map((r) => r.headers.get('authorization')!.slice('Bearer '.length));
    const payloads = await Promise.all(
      tokens.map(async (t) => (await jwtVerify(t, key, { algorithms: ['HS256'], audience: 'authenticated' })).payload),
    );
    expect(decodeProtectedHeader(tokens[0]!).alg).toBe('HS256');
    expect(payloads[0]).toMatchObject({
      role: 'authenticated',
      sub: staff.staffId,
      kind: 'staff',
      aud: 'authenticated',
    });
    expect(payloads[1]).toMatchObject({
      role: 'authenticated',
      sub: participant.participantId,
      kind: 'participant',
      project: participant.projectId,
      survey: 'pagaende',
      occasion: 'start',
    });
    expect(payloads[2]).toMatchObject({ role: 'anon' });
    expect(payloads[2]!.sub).toBeUndefined();
    // The system principal is service_role: minted here, sent only to PostgREST.
    expect(payloads[3]).toMatchObject({ role: 'service_role' });
    for (const p of payloads) {
      expect(p.exp! - p.iat!).toBe(60);
      expect(Math.abs(p.iat! - Date.now() / 1000)).toBeLessThan(5);
    }
    await expect(jwtVerify(tokens[0]!, new TextEncoder().encode(`${secret}x`))).rejects.toThrow();
  });

  it('honours ttlSeconds and rejects unusable options at construction', async () => {
    const { store, requests } = storeAnswering(200, null, { ttlSeconds: 10 });
    await store.call(staff, 'f');
    const { payload } = await jwtVerify(requests[0]!.headers.get('authorization')!.slice(7), key);
    expect(payload.exp! - payload.iat!).toBe(10);
    expect(() => new SupabaseStore({ url: 'project.example', anonKey: 'a', jwtSecret: secret })).toThrow(/url/);
    expect(() => new SupabaseStore({ url: 'https://p.example', anonKey: '', jwtSecret: secret })).toThrow(/anonKey/);
    expect(() => new SupabaseStore({ url: 'https://p.example', anonKey: 'a', jwtSecret: 'short' })).toThrow(
      /jwtSecret/,
    );
    expect(
      () => new SupabaseStore({ url: 'https://p.example', anonKey: 'a', jwtSecret: secret, ttlSeconds: 3600 }),
    ).toThrow(/ttlSeconds/);
  });
});

describe('SupabaseStore error translation', () => {
  it('EKxxx errors become AppErrors by message; FORBIDDEN is told as NOT_FOUND', async () => {
    const e1 = await failure(
      storeAnswering(400, { code: 'EK404', message: 'PROJECT_NOT_FOUND', details: null, hint: null }).store.call(
        staff,
        'f',
      ),
    );
    expect(e1).toBeInstanceOf(AppError);
    expect((e1 as AppError).code).toBe('PROJECT_NOT_FOUND');
    const e2 = await failure(
      storeAnswering(400, { code: 'EK403', message: 'FORBIDDEN', details: null, hint: null }).store.call(staff, 'f'),
    );
    expect((e2 as AppError).code).toBe('NOT_FOUND');
  });

  it('invalid input (22P02, 22023) becomes VALIDATION_FAILED', async () => {
    const e = await failure(
      storeAnswering(400, {
        code: '22P02',
        message: 'invalid input syntax for type uuid: "x"',
        details: null,
        hint: null,
      }).store.call(staff, 'f'),
    );
    expect((e as AppError).code).toBe('VALIDATION_FAILED');
  });

  it('an unreachable API or database becomes DATABASE_UNAVAILABLE (503, Retry-After)', async () => {
    const down = new SupabaseStore({
      url: 'https://project.example',
      anonKey: 'a',
      jwtSecret: secret,
      fetch: (async () => {
        throw new TypeError('fetch failed');
      }) as typeof fetch,
    });
    for (const e of [
      await failure(down.call(staff, 'f')),
      await failure(
        storeAnswering(503, {
          code: 'PGRST001',
          message: 'Database client error. Retrying the connection.',
          details: null,
          hint: null,
        }).store.call(staff, 'f'),
      ),
      await failure(
        storeAnswering(502, { message: 'An invalid response was received from the upstream server' }).store.call(
          staff,
          'f',
        ),
      ),
      translatePostgrestError({ code: '08006', message: 'connection failure' }, 503),
    ]) {
      expect((e as AppError).code).toBe('DATABASE_UNAVAILABLE');
      expect((e as AppError).retryAfterSeconds).toBe(5);
    }
  });

  it('anything else stays a PostgrestCallError (the app answers a generic 500 and never echoes it)', async () => {
    const e = await failure(
      storeAnswering(401, {
        code: '42501',
        message: 'permission denied for function item_aggregates',
        details: null,
        hint: null,
      }).store.call({ kind: 'anonymous' }, 'item_aggregates'),
    );
    expect(e).toBeInstanceOf(PostgrestCallError);
    expect(e).toMatchObject({ code: '42501', status: 401 });
    expect(e).not.toBeInstanceOf(AppError);
  });
});
