/** The e2e log check must actually catch what it looks for; clean request logs must pass. */
import { describe, expect, it } from 'vitest';
import { logPrivacyProblems } from '../support/log-privacy.ts';
import { redactPath } from '../../src/app.ts';
import { TEST_PASSWORD } from '../support/fixtures.ts';

const clean = {
  at: '2026-11-22T10:00:00.000Z',
  id: '3f2a9c1e-5b7d-4e8f-9a0b-1c2d3e4f5a6b',
  method: 'GET',
  path: '/api/p/session',
  status: 200,
  ms: 4,
};

describe('logPrivacyProblems', () => {
  it('passes a clean request log and error log', () => {
    const error = {
      at: clean.at,
      id: clean.id,
      level: 'error',
      name: 'Error',
      code: undefined,
      stack: 'at f (file:///work/src/app.ts:1:1)',
    };
    expect(logPrivacyProblems([clean, error], ['Database: PGlite ./data'], ['K7M2P9QX'])).toEqual([]);
  });

  it('fails when nothing was captured', () => {
    expect(logPrivacyProblems([], [], [])).toEqual(['no log lines were captured']);
  });

  it('catches a pseudonym code, a free-text answer, an e-mail and the test password anywhere', () => {
    const secrets = ['K7M2P9QX', 'jag vill prata om min chef', 'coach@example.org'];
    for (const leak of [...secrets, TEST_PASSWORD]) {
      expect(logPrivacyProblems([clean], [`debug: ${leak.toUpperCase()}`], secrets).length, leak).toBe(1);
      expect(
        logPrivacyProblems([{ ...clean, path: `/x/${leak}` }], [], secrets).some((p) =>
          p.startsWith('secret in the logs'),
        ),
        leak,
      ).toBe(true);
    }
  });

  it('catches unexpected log fields (bodies, answers) and unredacted ids or tokens in paths', () => {
    expect(logPrivacyProblems([{ ...clean, body: { stod_till_hjalp: 5 } }], [], [])).toEqual([
      'log line with unexpected keys body',
    ]);
    expect(
      logPrivacyProblems(
        [{ ...clean, path: '/coach/participants/3f2a9c1e-5b7d-4e8f-9a0b-1c2d3e4f5a6b/start' }],
        [],
        [],
      )[0],
    ).toMatch(/^id in a logged path/);
    expect(logPrivacyProblems([{ ...clean, path: '/invite/abc' }], [], [])[0]).toMatch(/^token in a logged path/);
  });

  it('catches JWTs and long random tokens in fields and on the console', () => {
    const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl';
    expect(logPrivacyProblems([{ ...clean, path: `/api/x/${jwt}` }], [], []).length).toBeGreaterThan(0);
    expect(logPrivacyProblems([clean], [`link: http://localhost/d/${jwt}`], [])).toHaveLength(1);
    expect(logPrivacyProblems([clean], ['invite Zm9vYmFyYmF6cXV4cXV1eHh5enp5MTIzNDU2Nzg5MA'], [])).toHaveLength(1);
    // A short link id is short, but it is the credential: its path must be redacted too.
    expect(logPrivacyProblems([{ ...clean, path: '/l/7k3f9qx2m4abz' }], [], [])).toHaveLength(1);
  });

  it('the app redacts what the check forbids', () => {
    for (const path of [
      '/d/eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln',
      '/invite/Zm9vYmFyYmF6cXV4cXV1eHh5enp5MTIzNDU2Nzg5MA',
      '/l/7k3f9qx2m4abz',
      '/admin/staff/3f2a9c1e-5b7d-4e8f-9a0b-1c2d3e4f5a6b/reset',
    ]) {
      expect(logPrivacyProblems([{ ...clean, path: redactPath(path) }], [], [])).toEqual([]);
    }
  });
});
