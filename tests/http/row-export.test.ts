import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayInSweden } from '../../src/views/time.ts';
import { createApp } from '../../src/app.ts';
import { createTokenService } from '../../src/auth/tokens.ts';
import type { SqlExecutor } from '../../src/store/executor.ts';
import type { RpcStore } from '../../src/store/rpc-store.ts';
import { loginCookie, TEST_SECRET } from '../support/app.ts';
import { openTestDatabase } from '../support/db.ts';
import {
  createWorld,
  enrolWithConsent,
  pagaendeAnswers,
  PAGAENDE_ITEMS,
  TEST_ITERATIONS,
  type ParticipantPrincipal,
  type World,
} from '../support/fixtures.ts';

type App = ReturnType<typeof createApp>;
const PAGE = 2;

describe('HTTP: row-level pseudonymised export', () => {
  let db: SqlExecutor;
  let store: RpcStore;
  let world: World;
  let app: App;
  let people: ParticipantPrincipal[];
  const codes: string[] = [];
  const cookies: Record<string, string> = {};

  beforeAll(async () => {
    ({ db, store } = await openTestDatabase('pglite'));
    world = await createWorld(store);
    // A page of two rows, so five responses stream over three pages.
    const tokens = createTokenService({ secret: TEST_SECRET, staffTtlMinutes: 60, linkTtlDays: 14 });
    app = createApp({ store, tokens, passwordIterations: TEST_ITERATIONS, log: () => {}, rowExportPageSize: PAGE });
    people = [];
    for (const v of [1, 2, 3, 4, 5]) {
      const who = await enrolWithConsent(store, world);
      const def = await store.publishedDefinition(who, 'pagaende');
      await store.submitResponse(who, {
        id: crypto.randomUUID(),
        definition_id: def!.id,
        answers: pagaendeAnswers(v, v === 5 ? { stod_till_hjalp: 'none' } : {}),
      });
      people.push(who);
    }
    for (const row of await db.query<{ code: string }>('select code from public.participants where project_id = $1', [
      world.projectId,
    ]))
      codes.push(row.code);
    for (const who of ['researcher', 'admin', 'coach'] as const)
      cookies[who] = await loginCookie(app, world.emails[who]);
  });
  afterAll(() => db.close());

  const rows = (cookie: string, query = '') =>
    app.request(`/api/research/rows.csv?project=${world.projectId}&survey=pagaende${query}`, { headers: { cookie } });
  const grants = (cookie: string, method: 'POST' | 'DELETE', body: unknown) =>
    app.request('/api/admin/export-grants', {
      method,
      headers: { cookie, 'content-type': 'application/json', origin: 'http://localhost' },
      body: JSON.stringify(body),
    });

  const researchPage = async (cookie: string) =>
    (await app.request(`/research?project=${world.projectId}&survey=pagaende`, { headers: { cookie } })).text();
  /** The body as text with its BOM kept (Response.text() and a default TextDecoder drop it). */
  const body = async (res: Response) => new TextDecoder('utf-8', { ignoreBOM: true }).decode(await res.arrayBuffer());
  /** Lines of a CSV body without the BOM; no cell here holds a line break. */
  const lines = (text: string) =>
    text
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');

  it('without a grant the download is a 404 with a message that says what to do', async () => {
    for (const who of ['researcher', 'admin', 'coach'] as const) {
      const res = await rows(cookies[who]!);
      expect(res.status, who).toBe(404);
      const body = (await res.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe('ROW_EXPORT_NOT_FOUND');
      expect(body.error.message).toContain('administratör');
    }
    expect((await app.request(`/api/research/rows.csv?project=${world.projectId}&survey=pagaende`)).status).toBe(401);
    expect(await researchPage(cookies.researcher!)).not.toContain('data-testid="row-export"');
  });

  it('only an admin grants, through a same-origin JSON request', async () => {
    expect(
      (await grants(cookies.researcher!, 'POST', { project_id: world.projectId, staff_email: world.emails.researcher }))
        .status,
    ).toBe(404);
    const crossSite = await app.request('/api/admin/export-grants', {
      method: 'POST',
      headers: { cookie: cookies.admin!, 'content-type': 'application/json', 'sec-fetch-site': 'cross-site' },
      body: JSON.stringify({ project_id: world.projectId, staff_email: world.emails.researcher }),
    });
    expect(crossSite.status).toBe(403);
    expect((await grants(cookies.admin!, 'POST', { project_id: world.projectId })).status).toBe(400);
    const res = await grants(cookies.admin!, 'POST', {
      project_id: world.projectId,
      staff_email: world.emails.researcher,
    });
    expect(res.status).toBe(201);
    const list = (await (
      await app.request(`/api/admin/export-grants?project=${world.projectId}`, { headers: { cookie: cookies.admin! } })
    ).json()) as { grants: { email: string }[] };
    expect(list.grants.map((g) => g.email)).toEqual([world.emails.researcher]);
    // The research page now offers the download to the researcher, not to the (ungranted) admin.
    const html = await researchPage(cookies.researcher!);
    expect(html).toContain('data-testid="row-export"');
    expect(html).toContain(
      `href="/api/research/rows.csv?project=${world.projectId}&amp;survey=pagaende&amp;sep=semicolon"`,
    );
    expect(html).toContain('Fritextsvar ingår inte.');
    expect(await researchPage(cookies.admin!)).not.toContain('data-testid="row-export"');
  });

  it('streams a CSV with BOM, header and one row per response over several pages, pseudonymised', async () => {
    const res = await rows(cookies.researcher!);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="rader-pagaende.csv"');
    expect(res.headers.get('cache-control')).toBe('no-store');
    const text = await body(res);
    expect(text.startsWith('\uFEFF')).toBe(true);
    const [header, ...data] = lines(text);
    expect(header).toBe(['pseudonym', 'version', 'occasion', 'submitted_on', ...PAGAENDE_ITEMS].join(','));
    expect(data).toHaveLength(5);
    const cells = data.map((l) => l.split(','));
    for (const c of cells) {
      expect(c[0]).toMatch(/^[0-9a-f]{16}$/);
      // The export dates answers in Swedish time (between 00 and 01 there, UTC is still the day before).
      expect(c.slice(1, 4)).toEqual(['1', 'pagaende', todayInSweden()]);
    }
    // Every value 1–5 appears once, with "none" (the fifth participant's first item) kept as given.
    expect(cells.map((c) => c[4]).sort()).toEqual(['1', '2', '3', '4', 'none']);
    expect(cells.map((c) => c[5]).sort()).toEqual(['1', '2', '3', '4', '5']);
    // Never the participant's uuid, code or the response id.
    for (const p of people) expect(text).not.toContain(p.participantId);
    for (const code of codes) expect(text).not.toContain(code);
    const responseIds = await db.query<{ id: string }>('select id::text from public.responses where project_id = $1', [
      world.projectId,
    ]);
    for (const { id } of responseIds) expect(text).not.toContain(id);
  });

  it('pseudonyms are stable within an export and differ between two exports', async () => {
    // WAI is answered at start and at exit: the first participant has two rows, the second one.
    for (const [who, occasion, score] of [
      [people[0]!, 'start', 7],
      [people[0]!, 'avslut', 9],
      [people[1]!, 'start', 3],
    ] as const) {
      await db.query(
        `insert into public.responses (id, participant_id, project_id, definition_id, survey_key, occasion, answers)
         select gen_random_uuid(), $1, $2, d.id, 'wai', $3, jsonb_build_object('wai_1_formaga', $4::int)
         from public.survey_definitions d join public.projects pr on pr.organisation_id = d.organisation_id
         where pr.id = $2 and d.key = 'wai' and d.status = 'published' order by d.version desc limit 1`,
        [who.participantId, world.projectId, occasion, score],
      );
    }
    const wai = async () => {
      const res = await app.request(`/api/research/rows.csv?project=${world.projectId}&survey=wai`, {
        headers: { cookie: cookies.researcher! },
      });
      const [header, ...data] = lines(await body(res));
      const col = header!.split(',').indexOf('wai_1_formaga');
      return new Map(data.map((l) => l.split(',')).map((c) => [`${c[2]}:${c[col]}`, c[0]!]));
    };
    const first = await wai();
    const second = await wai();
    expect([...first.keys()].sort()).toEqual(['avslut:9', 'start:3', 'start:7']);
    // Same participant, same pseudonym within one export; another participant, another pseudonym.
    expect(first.get('start:7')).toBe(first.get('avslut:9'));
    expect(first.get('start:3')).not.toBe(first.get('start:7'));
    // A second export of the same rows cannot be linked to the first.
    for (const id of first.values()) expect([...second.values()]).not.toContain(id);
    expect(second.get('start:7')).toBe(second.get('avslut:9'));
  });

  it('semicolon style for Swedish Excel and JSON Lines', async () => {
    const semi = lines(await (await rows(cookies.researcher!, '&sep=semicolon')).text());
    expect(semi[0]).toBe(['pseudonym', 'version', 'occasion', 'submitted_on', ...PAGAENDE_ITEMS].join(';'));
    expect(semi.slice(1).every((l) => l.split(';').length === 4 + PAGAENDE_ITEMS.length)).toBe(true);
    const res = await app.request(`/api/research/rows.jsonl?project=${world.projectId}&survey=pagaende`, {
      headers: { cookie: cookies.researcher! },
    });
    expect(res.headers.get('content-type')).toBe('application/x-ndjson; charset=utf-8');
    const records = (await res.text())
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as { pseudonym: string; version: number; answers: Record<string, unknown> });
    expect(records).toHaveLength(5);
    expect(Object.keys(records[0]!).sort()).toEqual(['answers', 'occasion', 'pseudonym', 'submitted_on', 'version']);
    expect(Object.keys(records[0]!.answers).sort()).toEqual([...PAGAENDE_ITEMS].sort());
  });

  it('the stream fetches a page only when the consumer pulls', async () => {
    let pages = 0;
    const counting = new Proxy(store, {
      get(target, prop, receiver) {
        if (prop === 'rowExportPage')
          return (...args: Parameters<RpcStore['rowExportPage']>) => {
            pages++;
            return target.rowExportPage(...args);
          };
        const value = Reflect.get(target, prop, receiver) as unknown;
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    const tokens = createTokenService({ secret: TEST_SECRET, staffTtlMinutes: 60, linkTtlDays: 14 });
    // One row per page: five pages in all.
    const slow = createApp({
      store: counting,
      tokens,
      passwordIterations: TEST_ITERATIONS,
      log: () => {},
      rowExportPageSize: 1,
    });
    const res = await slow.request(`/api/research/rows.csv?project=${world.projectId}&survey=pagaende`, {
      headers: { cookie: cookies.researcher! },
    });
    const reader = res.body!.getReader();
    const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
    expect(decoder.decode((await reader.read()).value)).toMatch(/^\uFEFFpseudonym,/);
    await new Promise((r) => setTimeout(r, 50));
    // Header read: the first page and at most one ahead requested, not all five.
    expect(pages).toBeLessThanOrEqual(2);
    let text = '';
    for (let r = await reader.read(); !r.done; r = await reader.read()) text += decoder.decode(r.value);
    expect(pages).toBe(5);
    expect(text.trimEnd().split('\r\n')).toHaveLength(5);
  });

  it('after the grant is revoked the download is refused again; a malformed query is a 400', async () => {
    expect((await rows(cookies.researcher!, '&sep=tab')).status).toBe(400);
    expect(
      (await grants(cookies.admin!, 'DELETE', { project_id: world.projectId, staff_email: world.emails.researcher }))
        .status,
    ).toBe(200);
    expect((await rows(cookies.researcher!)).status).toBe(404);
  });
});
