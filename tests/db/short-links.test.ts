/**
 * Short links in SQL: the row a short id's hash stands for, live until it expires or a newer link
 * for the same questionnaire replaces it; nobody but the server (service_role) may look one up,
 * and a lookup that finds nothing usable says why, never whose link it was.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256Hex } from '../../src/auth/link-tokens.ts';
import { generateShortId } from '../../src/domain/short-link-id.ts';
import { AppError } from '../../src/errors.ts';
import type { SqlExecutor } from '../../src/store/executor.ts';
import type { RpcStore } from '../../src/store/rpc-store.ts';
import { engines, openTestDatabase } from '../support/db.ts';
import { createWorld, enrol, type World } from '../support/fixtures.ts';

describe.each(engines)('short links on %s', (engine) => {
  let db: SqlExecutor;
  let store: RpcStore;
  let world: World;

  beforeAll(async () => {
    ({ db, store } = await openTestDatabase(engine));
    world = await createWorld(store);
  });
  afterAll(() => db.close());

  async function mint(participantId: string, via: 'link' | 'handover' = 'link') {
    const id = generateShortId();
    const hash = await sha256Hex(id.toUpperCase());
    const link = await store.mintParticipantLink(world.coach, {
      participant_id: participantId,
      survey: 'pagaende',
      occasion: 'pagaende',
      via,
      ttl_days: 14,
      short_hash: hash,
    });
    return { id, hash, link };
  }

  it('a live short link resolves to its one participant, survey, occasion and the row’s own times', async () => {
    const who = await enrol(store, world);
    const { hash, link } = await mint(who.participantId);
    const found = await store.resolveShortLink(hash);
    expect(found).toEqual({
      state: 'live',
      link_id: link.link_id,
      participant_id: who.participantId,
      project_id: world.projectId,
      survey: 'pagaende',
      occasion: 'pagaende',
      created_at: link.created_at,
      expires_at: link.expires_at,
    });
    const days = (Date.parse(link.expires_at) - Date.parse(link.created_at)) / 86_400_000;
    expect(days).toBe(14);
    // Only the hash is stored.
    const rows = await db.query<{ short_hash: string }>(
      'select short_hash from public.participant_links where id = $1',
      [link.link_id],
    );
    expect(rows[0]!.short_hash).toBe(hash);
  });

  it('a newer link for the questionnaire revokes the short link; the lookup says only "revoked"', async () => {
    const who = await enrol(store, world);
    const first = await mint(who.participantId);
    const second = await mint(who.participantId);
    expect(await store.resolveShortLink(first.hash)).toEqual({ state: 'revoked' });
    expect((await store.resolveShortLink(second.hash)).state).toBe('live');
  });

  it('an expired short link says only "expired"; an unknown hash says only "unknown"', async () => {
    const who = await enrol(store, world);
    const { hash, link } = await mint(who.participantId);
    await db.query(
      `update public.participant_links set created_at = now() - interval '15 days', expires_at = now() - interval '1 day'
       where id = $1`,
      [link.link_id],
    );
    expect(await store.resolveShortLink(hash)).toEqual({ state: 'expired' });
    expect(await store.resolveShortLink(await sha256Hex(generateShortId().toUpperCase()))).toEqual({
      state: 'unknown',
    });
    expect(await store.resolveShortLink('not a hash')).toEqual({ state: 'unknown' });
  });

  it('refuses a malformed hash, a short id on a hand-over, and a hash already taken, keeping nothing', async () => {
    const who = await enrol(store, world);
    const before = await store.resolveShortLink((await mint(who.participantId)).hash);
    expect(before.state).toBe('live');
    const attempt = (input: Partial<Parameters<RpcStore['mintParticipantLink']>[1]>) =>
      store
        .mintParticipantLink(world.coach, {
          participant_id: who.participantId,
          survey: 'pagaende',
          occasion: 'pagaende',
          via: 'link',
          ttl_days: 14,
          ...input,
        })
        .then(
          () => 'minted',
          (e: unknown) => (e instanceof AppError ? e.code : String(e)),
        );
    expect(await attempt({ short_hash: 'ABC' })).toBe('VALIDATION_FAILED');
    expect(await attempt({ short_hash: await sha256Hex('x'), via: 'handover' })).toBe('VALIDATION_FAILED');
    const other = await enrol(store, world);
    const taken = await mint(other.participantId);
    expect(await attempt({ short_hash: taken.hash })).toBe('CODE_TAKEN');
    // The refused calls revoked nothing: the participant's own short link still works.
    const live = await db.query<{ n: number }>(
      'select count(*)::int as n from public.participant_links where participant_id = $1 and revoked_at is null',
      [who.participantId],
    );
    expect(live[0]!.n).toBe(1);
  });

  it('a redeemed short code becomes a link with a short id; a second use keeps nothing', async () => {
    const who = await enrol(store, world);
    const codeHash = await sha256Hex(crypto.randomUUID());
    await store.createShortCode(world.coach, {
      participant_id: who.participantId,
      survey: 'pagaende',
      occasion: 'pagaende',
      code_hash: codeHash,
      ttl_minutes: 30,
    });
    const shortHash = await sha256Hex(generateShortId().toUpperCase());
    const redeemed = await store.redeemShortCode(codeHash, 14, shortHash);
    expect(await store.resolveShortLink(shortHash)).toMatchObject({ state: 'live', link_id: redeemed.link_id });
    const links = await db.query<{ via: string; live: boolean }>(
      'select via, revoked_at is null as live from public.participant_links where participant_id = $1 order by created_at',
      [who.participantId],
    );
    // The link the participant had before is replaced by the short code's.
    expect(links).toEqual([
      { via: 'link', live: false },
      { via: 'short_code', live: true },
    ]);
    const again = await store.redeemShortCode(codeHash, 14, await sha256Hex(generateShortId())).then(
      () => 'redeemed',
      (e: unknown) => (e instanceof AppError ? e.code : String(e)),
    );
    expect(again).toBe('SHORT_CODE_INVALID');
  });

  it('only the server resolves short links: not anonymous callers, participants or staff', async () => {
    const who = await enrol(store, world);
    const { hash } = await mint(who.participantId);
    for (const principal of [world.coach, world.admin, who, { kind: 'anonymous' } as const]) {
      const refused = await store.call(principal, 'resolve_short_link', { short_hash: hash }).then(
        () => 'answered',
        (e: unknown) => (e instanceof AppError ? e.code : 'denied'),
      );
      expect(refused).not.toBe('answered');
    }
  });
});
