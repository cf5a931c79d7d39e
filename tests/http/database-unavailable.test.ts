// A database that cannot be reached answers 503 DATABASE_UNAVAILABLE with Retry-After, never 500,
// however it fails: refused, silent (accepts TCP, never answers: postgres.js CONNECT_TIMEOUT,
// which used to end as a 500), or shutting down / crashed / full.
import { createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../src/errors.ts';
import { openPostgres } from '../../src/store/postgres-executor.ts';
import { SqlStore, translateDbError } from '../../src/store/sql-store.ts';
import { testApp } from '../support/app.ts';

function listenOn(server: Server): Promise<number> {
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port)),
  );
}

describe('database unavailable', () => {
  const sockets = new Set<Socket>();
  const silent = createServer((socket) => void sockets.add(socket));
  let silentPort = 0;
  let closedPort = 0;
  beforeAll(async () => {
    silentPort = await listenOn(silent);
    const probe = createServer();
    closedPort = await listenOn(probe);
    await new Promise((r) => probe.close(r));
  });
  afterAll(async () => {
    for (const s of sockets) s.destroy();
    await new Promise((r) => silent.close(r));
  });

  it.each([
    ['refuses connections', () => closedPort],
    ['accepts but never answers (connect timeout)', () => silentPort],
  ])('a server that %s: the participant API answers 503 with Retry-After', { timeout: 20_000 }, async (_, port) => {
    const db = openPostgres(`postgres://enkat:enkat@127.0.0.1:${port()}/enkat`, { connectTimeout: 1 });
    try {
      const { app, tokens, logs } = testApp(new SqlStore(db));
      const { token } = await tokens.signParticipantLink({
        participantId: crypto.randomUUID(),
        projectId: crypto.randomUUID(),
        survey: 'pagaende',
        occasion: 'pagaende',
        linkId: crypto.randomUUID(),
      });
      const res = await app.request('/api/p/session', { headers: { authorization: `Bearer ${token}` } });
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBe('5');
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('DATABASE_UNAVAILABLE');
      expect(logs.filter((l) => l.level === 'error')).toEqual([]);
    } finally {
      await db.close();
    }
  });

  it.each([
    '57P01',
    '57P02',
    '57P03',
    '53300',
    '08006',
    'CONNECTION_CLOSED',
    'CONNECT_TIMEOUT',
    'ECONNRESET',
    'ETIMEDOUT',
    'EPIPE',
    'EAI_AGAIN',
  ])('driver error %s becomes DATABASE_UNAVAILABLE', (code) => {
    const e = translateDbError(Object.assign(new Error('x'), { code }));
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).code).toBe('DATABASE_UNAVAILABLE');
    expect((e as AppError).retryAfterSeconds).toBe(5);
  });

  it('other driver errors stay errors (a generic 500)', () => {
    for (const code of ['42883', '23505', undefined])
      expect(translateDbError(Object.assign(new Error('x'), { code }))).not.toBeInstanceOf(AppError);
  });
});
