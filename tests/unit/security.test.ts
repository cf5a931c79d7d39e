import { describe, expect, it } from 'vitest';
import { hashPassword, randomPassword, verifyPassword } from '../../src/auth/passwords.ts';
import { createTokenService } from '../../src/auth/tokens.ts';
import { parseConfig } from '../../src/config.ts';
import { createRateLimiter } from '../../src/http/security.ts';
import { aggregatesCsv } from '../../src/research/csv.ts';
import { redactPath } from '../../src/app.ts';

const secret = 'x'.repeat(40);

describe('passwords', () => {
  it('hash and verify with PBKDF2-SHA256; wrong or malformed never match', async () => {
    const hash = await hashPassword('hemligt lösenord', 1000);
    expect(hash).toMatch(/^pbkdf2-sha256\$1000\$/);
    expect(await verifyPassword('hemligt lösenord', hash)).toBe(true);
    expect(await verifyPassword('hemligt losenord', hash)).toBe(false);
    expect(await verifyPassword('x', 'garbage')).toBe(false);
    expect(await verifyPassword('x', 'pbkdf2-sha256$10$AA==$AA==')).toBe(false);
  });
  it('defaults to at least 600,000 iterations', async () => {
    expect(await hashPassword('a')).toMatch(/^pbkdf2-sha256\$600000\$/);
  });
  it('random passwords are long and differ', () => {
    const a = randomPassword();
    expect(a).toHaveLength(20);
    expect(a).not.toBe(randomPassword());
  });
});

describe('tokens', () => {
  const claims = {
    participantId: crypto.randomUUID(),
    projectId: crypto.randomUUID(),
    survey: 'pagaende',
    occasion: 'pagaende' as const,
    linkId: crypto.randomUUID(),
  };

  it('participant links round-trip and are not staff sessions', async () => {
    const t = createTokenService({ secret, staffTtlMinutes: 60, linkTtlDays: 14 });
    const { token } = await t.signParticipantLink(claims);
    expect(await t.verifyParticipantLink(token)).toEqual(claims);
    expect(await t.verifyStaffSession(token)).toBeNull();
    const { token: staff } = await t.signStaffSession(claims.participantId);
    expect(await t.verifyParticipantLink(staff)).toBeNull();
  });

  it('refuses expired, tampered, wrong-key and alg:none tokens', async () => {
    let now = new Date('2026-01-01T00:00:00Z');
    const t = createTokenService({ secret, staffTtlMinutes: 60, linkTtlDays: 1, now: () => now });
    const { token } = await t.signParticipantLink(claims);
    now = new Date('2026-01-02T00:00:01Z');
    expect(await t.verifyParticipantLink(token)).toBeNull();
    now = new Date('2026-01-01T00:00:00Z');
    const other = createTokenService({ secret: 'y'.repeat(40), staffTtlMinutes: 60, linkTtlDays: 1, now: () => now });
    expect(await other.verifyParticipantLink(token)).toBeNull();
    const [h, p] = token.split('.');
    expect(await t.verifyParticipantLink(`${h}.${p}.`)).toBeNull();
    const none = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
    expect(await t.verifyParticipantLink(`${none}.${p}.`)).toBeNull();
    const forged = Buffer.from(
      JSON.stringify({ ...JSON.parse(Buffer.from(p!, 'base64url').toString()), svy: 'wai' }),
    ).toString('base64url');
    expect(await t.verifyParticipantLink(`${h}.${forged}.${token.split('.')[2]}`)).toBeNull();
  });

  it('refuses a short secret', () => {
    expect(() => createTokenService({ secret: 'short', staffTtlMinutes: 1, linkTtlDays: 1 })).toThrow();
  });
});

describe('config', () => {
  it('has working defaults and refuses bad values with readable messages', () => {
    const c = parseConfig({});
    expect(c.PORT).toBe(8787);
    expect(c.DATABASE_URL).toBeUndefined();
    expect(parseConfig({ PORT: '9000', DATABASE_URL: 'postgres://u@h/db' }).PORT).toBe(9000);
    expect(() => parseConfig({ PORT: 'abc' })).toThrow(/PORT/);
    expect(() => parseConfig({ SESSION_SECRET: 'short' })).toThrow(/SESSION_SECRET/);
    expect(() => parseConfig({ PASSWORD_ITERATIONS: '1000' })).toThrow(/PASSWORD_ITERATIONS/);
  });
});

describe('rate limiter', () => {
  it('allows max hits per window per key', () => {
    let now = 0;
    const rl = createRateLimiter({ max: 2, windowMs: 1000, now: () => now });
    expect([rl.hit('a'), rl.hit('a'), rl.hit('a'), rl.hit('b')]).toEqual([true, true, false, true]);
    now = 1000;
    expect(rl.hit('a')).toBe(true);
  });
});

describe('log redaction', () => {
  it('never logs a participant link token', () => {
    expect(redactPath('/d/eyJhbGciOi.abc.def')).toBe('/d/[token]');
    expect(redactPath('/l/7k3f9qx2m4abz')).toBe('/l/[token]');
    expect(redactPath('/api/p/session')).toBe('/api/p/session');
    expect(redactPath('/invite/abc123')).toBe('/invite/[token]');
    expect(redactPath('/coach/participants/3f2a9c1e-5b7d-4e8f-9a0b-1c2d3e4f5a6b/start')).toBe(
      '/coach/participants/[id]/start',
    );
    expect(redactPath('/admin/staff/3F2A9C1E-5B7D-4E8F-9A0B-1C2D3E4F5A6B/reset')).toBe('/admin/staff/[id]/reset');
  });
});

describe('aggregates CSV', () => {
  const report = {
    project_id: 'p',
    project_name: 'EHA "Ockelbo"',
    survey_key: 'pagaende',
    min_group_size: 5,
    versions: [
      {
        definition_id: 'd',
        version: 1,
        title: { sv: 'x', en: 'x' },
        occasion: 'pagaende' as const,
        responses: 16,
        suppressed: false,
        wai: null,
        period: { from: '2025-01-01', to: '2025-04-01' },
        items: [
          {
            item: 'a',
            scale: { min: 1, max: 6 },
            suppressed: false,
            n: 16,
            missing: 0,
            mean: 3.5,
            sd: 1.8708,
            median: 3.5,
            q1: 2,
            q3: 5.25,
            counts: { 1: 5, 2: 2, 3: 0, 4: 6, 5: 3, 6: 0 },
          },
          { item: 'b', scale: { min: 1, max: 6 }, suppressed: true },
        ],
      },
    ],
  };
  it('comma style: BOM, decimal point, quoted text, a suppressed item coded -997', () => {
    const csv = aggregatesCsv(report, 'comma');
    expect(
      csv.startsWith(
        '\uFEFFproject,survey,version,occasion,period_from,period_to,item,suppressed,n,missing,mean,sd,median,q1,q3,count_1',
      ),
    ).toBe(true);
    // Every value count of a published item; zero counts stay 0.
    expect(csv).toContain(
      '"EHA ""Ockelbo""",pagaende,1,pagaende,2025-Q1,2025-Q2,a,0,16,0,3.5,1.8708,3.5,2,5.25,5,2,0,6,3,0',
    );
    expect(csv).toContain(
      '"EHA ""Ockelbo""",pagaende,1,pagaende,2025-Q1,2025-Q2,b,1,-997,-997,-997,-997,-997,-997,-997,-997,-997,-997,-997,-997,-997',
    );
  });
  it('semicolon style uses decimal comma for Swedish Excel', () => {
    expect(aggregatesCsv(report, 'semicolon')).toContain(';a;0;16;0;3,5;1,8708;3,5;2;5,25;5;2;0;6;3;0');
  });
});
