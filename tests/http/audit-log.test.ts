/**
 * The audit log in plain Swedish (issue 19): sentences with the actor's e-mail and the object in
 * words, sign-ins under the person's e-mail (never "systemet" and an id), details as labelled
 * fields, and no participant id or pseudonym code anywhere on the page. An admin of another
 * organisation learns nothing: neither their sign-ins nor their staff's e-mail addresses cross over.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqlExecutor } from '../../src/store/executor.ts';
import type { RpcStore } from '../../src/store/rpc-store.ts';
import { loginCookie, testApp } from '../support/app.ts';
import { engines, openTestDatabase } from '../support/db.ts';
import { todayInSweden } from '../../src/views/time.ts';
import { generateCode } from '../../src/domain/pseudonym-code.ts';
import { createWorld, enrolWithConsent, REGISTER, type World } from '../support/fixtures.ts';

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
const form = (body: Record<string, string | string[]>, cookie = '') => {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(body)) for (const one of Array.isArray(v) ? v : [v]) params.append(k, one);
  return {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      origin: 'http://localhost',
      ...(cookie ? { cookie } : {}),
    },
    body: params,
  };
};
const tableOf = (html: string) => /<table[^>]*data-testid="audit-table"[\s\S]*?<\/table>/.exec(html)?.[0] ?? '';

describe.each(engines.filter((e) => e !== 'supabase'))('HTTP: the audit log in plain Swedish on %s', (engine) => {
  let db: SqlExecutor;
  let store: RpcStore;
  let a: World;
  let b: World;
  let app: ReturnType<typeof testApp>['app'];
  let adminA = '';
  let adminB = '';
  const participants: { id: string; code: string }[] = [];
  const invited = `kalle-${crypto.randomUUID().slice(0, 8)}@test.local`;

  beforeAll(async () => {
    ({ db, store } = await openTestDatabase(engine));
    [a, b] = [await createWorld(store), await createWorld(store)];
    ({ app } = testApp(store));
    adminA = await loginCookie(app, a.emails.admin);
    adminB = await loginCookie(app, b.emails.admin);
    await loginCookie(app, a.emails.coach);
    await loginCookie(app, b.emails.coach);
    // A failed sign-in on A's coach's account, one on B's.
    for (const email of [a.emails.coach, b.emails.coach])
      expect((await app.request('/login', form({ email, password: 'fel lösenord' }))).status).toBe(401);
    await app.request('/admin/staff/invite', form({ email: invited, project_id: a.projectId, roles: 'coach' }, adminA));
    // Participant events: enrolment, link, consent, register change, exit, withdrawal, decline.
    const who = await enrolWithConsent(store, a);
    await store.updateParticipantRegister(a.coach, {
      participant_id: who.participantId,
      gender: 'man',
      age_band: '16_29',
    });
    await store.registerExit(a.coach, {
      participant_id: who.participantId,
      exited_on: todayInSweden(),
      reason: 'arbete',
    });
    const other = await enrolWithConsent(store, a);
    await store.withdrawConsent(other);
    const declined = await store.enrolParticipant(a.coach, {
      project_id: a.projectId,
      code: generateCode(),
      ...REGISTER,
    });
    await store.recordDecline(a.coach, { participant_id: declined.id, declined: true });
    for (const id of [who.participantId, other.participantId, declined.id]) {
      const [row] = await db.query<{ code: string }>('select code from public.participants where id = $1', [id]);
      participants.push({ id, code: row!.code });
    }
    // A definition event: a new draft of the organisation's "Pågående".
    const list = await store.definitionList(a.admin);
    const pagaende = list.find((e) => e.key === 'pagaende')!.versions.find((v) => v.status === 'published')!;
    await store.createDefinitionDraft(a.admin, pagaende.id);
  });
  afterAll(() => db.close());

  const page = async (path: string, cookie: string) => {
    const res = await app.request(path, { headers: { cookie, accept: 'text/html' } });
    expect(res.status).toBe(200);
    return res.text();
  };

  it('writes each action as a sentence with e-mails and names, never a code, "systemet" or JSON', async () => {
    const table = tableOf(await page('/admin/audit?limit=100', adminA));
    const project = (await store.adminProjects(a.admin)).projects.find((p) => p.id === a.projectId)!.name;
    for (const sentence of [
      `${a.emails.admin} loggade in`,
      `${a.emails.coach} loggade in`,
      `Misslyckad inloggning på kontot ${a.emails.coach}`,
      `${a.emails.admin} bjöd in ${invited} till projektet ${project}`,
      `${a.emails.admin} gav ${invited} rollen coach i projektet ${project}`,
      `${a.emails.coach} skrev in en deltagare`,
      `${a.emails.coach} skapade en länk till ”Hur går det? Enkät under insatsen” åt en deltagare`,
      'En deltagare gav sitt samtycke',
      'En deltagare tog tillbaka sitt samtycke',
      `${a.emails.coach} ändrade kön eller åldersgrupp för en deltagare`,
      `${a.emails.coach} registrerade att en deltagare avslutade`,
      `${a.emails.admin} skapade ett utkast: ”Hur går det? Enkät under insatsen” version`,
    ])
      expect(table, sentence).toContain(sentence);
    expect(table).toContain('<dt>Roller</dt><dd>coach</dd>');
    expect(table).toContain('<dt>Skäl</dt><dd>fel lösenord eller inaktivt konto</dd>');
    expect(table).toContain(`<dt>Länken skapad av</dt><dd>${a.emails.coach}</dd>`);
    expect(table).toContain('<dt>Skäl</dt><dd>Arbete</dd>');
    expect(table).not.toMatch(/login\.|definition\.|participant\.|consent\.|staff\.|\{&quot;|\{"/);
    // Sign-ins are the person's own: never "Systemet" (the server that records them).
    expect(tableOf(await page('/admin/audit?action=login.', adminA))).not.toMatch(/systemet/i);
    expect(table).not.toMatch(UUID);
  });

  it('the CSV keeps the codes and raw fields in stable columns, with the sentence last', async () => {
    const res = await app.request('/admin/audit.csv?action=login.', { headers: { cookie: adminA } });
    expect(res.status).toBe(200);
    const lines = (await res.text())
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe('id,tid,utford_av,handelse,projekt,mal_typ,mal_id,detaljer,beskrivning');
    const coachLogin = lines.find((l) => l.includes(`,login.success,,staff,${a.coach.staffId},`));
    expect(coachLogin).toBeDefined();
    expect(coachLogin!.split(',')[2]).toBe(a.emails.coach);
    expect(coachLogin!.endsWith(`,${a.emails.coach} loggade in`)).toBe(true);
    expect(lines.some((l) => l.includes(',login.failure,') && l.includes('password_or_inactive'))).toBe(true);
  });

  it('the filter by actor e-mail finds the sign-ins of that person', async () => {
    const table = tableOf(await page(`/admin/audit?action=login.&actor_email=${a.emails.coach}`, adminA));
    expect(table).toContain(`${a.emails.coach} loggade in`);
    expect(table).not.toContain(a.emails.admin);
  });

  it('no participant id or pseudonym code appears on the page, in any filter', async () => {
    expect(participants.length).toBeGreaterThanOrEqual(2);
    for (const path of [
      '/admin/audit',
      '/admin/audit?action=consent.',
      '/admin/audit?action=participant.',
      '/admin/audit?action=link.',
    ]) {
      const html = await page(path, adminA);
      expect(tableOf(html)).toContain('en deltagare');
      for (const p of participants) {
        expect(html).not.toContain(p.id);
        expect(html).not.toContain(p.code);
      }
    }
  });

  it("another organisation's admin sees nothing of A: no sign-ins, no e-mail addresses", async () => {
    const html = await page('/admin/audit', adminB);
    for (const email of Object.values(a.emails)) expect(html).not.toContain(email);
    expect(html).not.toContain(invited);
    expect(html).toContain(`${b.emails.coach} loggade in`);
    const rows = (await store.auditLog(b.admin, { limit: 1000 })).rows;
    const aIds = new Set([a.admin.staffId, a.coach.staffId, a.researcher.staffId, a.projectId]);
    expect(rows.filter((r) => aIds.has(r.target_id ?? '') || aIds.has(r.project_id ?? ''))).toEqual([]);
    // And A's page has no trace of B's sign-ins.
    const mine = await page('/admin/audit?action=login.', adminA);
    for (const email of Object.values(b.emails)) expect(mine).not.toContain(email);
  });
});
