/**
 * Token attacks on participant links and staff sessions: expired, wrong signature, alg "none",
 * a token of one kind used as the other, a link for another occasion, and a link replayed after
 * consent was withdrawn. Each is refused with the standard error and nothing is stored.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTokenService } from '../../src/auth/tokens.ts';
import type { SqlExecutor } from '../../src/store/executor.ts';
import type { RpcStore } from '../../src/store/rpc-store.ts';
import { loginCookie, TEST_SECRET, testApp } from '../support/app.ts';
import { openTestDatabase } from '../support/db.ts';
import {
  createWorld,
  enrolWithConsent,
  pagaendeAnswers,
  type ParticipantPrincipal,
  type World,
} from '../support/fixtures.ts';

type App = ReturnType<typeof testApp>['app'];
const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');

describe('HTTP: token attacks', () => {
  let db: SqlExecutor;
  let store: RpcStore;
  let world: World;
  let app: App;
  let who: ParticipantPrincipal;
  let definitionId: string;
  const tokens = createTokenService({ secret: TEST_SECRET, staffTtlMinutes: 60, linkTtlDays: 14 });

  beforeAll(async () => {
    ({ db, store } = await openTestDatabase('pglite'));
    world = await createWorld(store);
    ({ app } = testApp(store));
    who = await enrolWithConsent(store, world);
    definitionId = (await store.publishedDefinition(who, 'pagaende'))!.id;
  });
  afterAll(() => db.close());

  const submitWith = (token: string) =>
    app.request('/api/p/responses', {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ id: crypto.randomUUID(), definition_id: definitionId, answers: pagaendeAnswers(4) }),
    });
  const stored = async () =>
    Number(
      (
        await db.query<{ n: number }>('select count(*)::int as n from public.responses where participant_id = $1', [
          who.participantId,
        ])
      )[0]!.n,
    );
  async function refused(res: Response, status: number, code: string) {
    expect(res.status).toBe(status);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(Object.keys(body)).toEqual(['error']);
    expect(body.error.code).toBe(code);
  }

  it('refuses expired, re-signed, unsigned and key-swapped participant links', async () => {
    const valid = (await tokens.signParticipantLink(who)).token;
    const [header, payload] = valid.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
    const expired = (
      await createTokenService({
        secret: TEST_SECRET,
        staffTtlMinutes: 60,
        linkTtlDays: 14,
        now: () => new Date(Date.now() - 15 * 86_400_000),
      }).signParticipantLink(who)
    ).token;
    const otherSecret = (
      await createTokenService({
        secret: 'another-secret-0123456789-abcdefghijklmnop',
        staffTtlMinutes: 60,
        linkTtlDays: 14,
      }).signParticipantLink(who)
    ).token;
    const algNone = `${b64({ alg: 'none', typ: 'JWT' })}.${payload}.`;
    const tampered = `${header}.${b64({ ...claims, sub: crypto.randomUUID() })}.${valid.split('.')[2]}`;
    const staffCookie = await loginCookie(app, world.emails.coach);
    const staffJwt = decodeURIComponent(staffCookie.split('=').slice(1).join('='));
    // Each is refused; an authentic but expired one is told it expired, the rest are "not whole".
    await refused(await submitWith(expired), 401, 'LINK_EXPIRED');
    for (const token of [otherSecret, algNone, tampered, staffJwt])
      await refused(await submitWith(token), 401, 'LINK_INCOMPLETE');
    expect(await stored()).toBe(0);
    // And a participant link is no staff session.
    const asStaff = await app.request('/api/coach/participants?project=' + world.projectId, {
      headers: { cookie: `${staffCookie.split('=')[0]}=${valid}` },
    });
    await refused(asStaff, 401, 'UNAUTHENTICATED');
  });

  it('refuses a link for another occasion, and a link replayed after withdrawal', async () => {
    const avslut = (await tokens.signParticipantLink({ ...who, survey: 'avslut', occasion: 'avslut' })).token;
    await refused(await submitWith(avslut), 404, 'DEFINITION_NOT_FOUND');
    const link = (await tokens.signParticipantLink(who)).token;
    await store.withdrawConsent(who);
    await refused(await submitWith(link), 409, 'CONSENT_WITHDRAWN');
    expect(await stored()).toBe(0);
  });
});
