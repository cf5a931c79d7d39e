/**
 * Threat: an outsider guessing short codes from many addresses (issue 16, finding 8). A budget per
 * address does not bound a guesser with a thousand addresses. Attack: guess well-formed codes,
 * each from a fresh address. The installation's failure budget stops them; codes that work do not
 * spend it, and neither do typos the check character catches.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256Hex } from '../../src/auth/link-tokens.ts';
import { generateCode, normaliseCode } from '../../src/domain/pseudonym-code.ts';
import type { SqlExecutor } from '../../src/store/executor.ts';
import type { RpcStore } from '../../src/store/rpc-store.ts';
import { testApp } from '../support/app.ts';
import { engines, openTestDatabase } from '../support/db.ts';
import { createWorld, enrol, type World } from '../support/fixtures.ts';

type App = ReturnType<typeof testApp>['app'];

describe.each(engines)('the installation-wide short-code failure budget on %s', (engine) => {
  let db: SqlExecutor;
  let store: RpcStore;
  let world: World;
  let address = 0;

  beforeAll(async () => {
    ({ db, store } = await openTestDatabase(engine));
    world = await createWorld(store);
  });
  afterAll(() => db.close());

  const budget = { shortCodeAll: { max: 5, windowSeconds: 600 } };
  /** Each guess from an address of its own, so only the installation's budget can stop it. */
  const guess = (app: App, code: string) =>
    app.request('/k', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': `192.0.2.${++address % 250}` },
      body: new URLSearchParams({ code }),
    });
  async function issuedCode(): Promise<string> {
    const who = await enrol(store, world);
    const code = generateCode();
    await store.createShortCode(world.coach, {
      participant_id: who.participantId,
      survey: 'pagaende',
      occasion: 'pagaende',
      code_hash: await sha256Hex(normaliseCode(code)!),
      ttl_minutes: 30,
    });
    return code;
  }

  it('guesses from fresh addresses are refused once the budget is spent, with the wait', async () => {
    const { app } = testApp(store, { trustedProxyHops: 1, rateLimits: budget });
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) statuses.push((await guess(app, generateCode())).status);
    expect(statuses).toEqual([...Array(5).fill(404), 429, 429, 429]);
    const refused = await guess(app, generateCode());
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(590);
    expect(await refused.text()).toContain('Vänta 10 minuter och försök igen');
  });

  it('codes that work and typos caught by the check character do not spend it', async () => {
    const { app } = testApp(store, { trustedProxyHops: 1, rateLimits: budget });
    for (let i = 0; i < 3; i++) {
      const used = await guess(app, await issuedCode());
      expect(used.status).toBe(303);
      expect(used.headers.get('location')).toMatch(/^\/l\/[0-9a-z]{13}$/);
    }
    // 'ABCD-EFGH' fails its check character: refused without asking the database.
    for (let i = 0; i < 10; i++) expect((await guess(app, 'ABCD-EFGH')).status).toBe(400);
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await guess(app, generateCode())).status);
    expect(statuses).toEqual([...Array(5).fill(404), 429]);
  });
});
