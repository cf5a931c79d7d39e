import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqlExecutor } from '../../src/store/executor.ts';
import type { RpcStore } from '../../src/store/rpc-store.ts';
import { loginCookie, testApp } from '../support/app.ts';
import { openTestDatabase } from '../support/db.ts';
import { publishNextVersion } from '../support/definitions.ts';
import { createWorld, type World } from '../support/fixtures.ts';

type App = ReturnType<typeof testApp>['app'];

describe('HTTP: the codebook (researchers and admins)', () => {
  let db: SqlExecutor;
  let store: RpcStore;
  let world: World;
  let app: App;
  const cookies: Record<string, string> = {};

  beforeAll(async () => {
    ({ db, store } = await openTestDatabase('pglite'));
    world = await createWorld(store);
    ({ app } = testApp(store));
    // A second version of Pågående with one item reworded: both versions belong in the codebook.
    // The organisation's admin publishes it (definitions are the organisation's own).
    const v1 = (await store.publishedDefinition(world.admin, 'pagaende'))!.id;
    await publishNextVersion(store, world.admin, v1, (json) =>
      JSON.parse(
        JSON.stringify(json).replace(
          'Jag känner mig mer redo att arbeta eller studera än innan jag började.',
          'Version två: jag är mer redo att arbeta eller studera.',
        ),
      ),
    );
    cookies.researcher = await login(world.emails.researcher);
    cookies.admin = await login(world.emails.admin);
    cookies.coach = await login(world.emails.coach);
  });
  afterAll(() => db.close());

  const login = (email: string) => loginCookie(app, email);

  it('shows per version which language texts were edited and which were left unreviewed (page and CSV)', async () => {
    const page = await (await get('/research/codebook?survey=pagaende', 'researcher')).text();
    const v2 = page.slice(page.indexOf('id="v2"'), page.indexOf('id="v1"'));
    const row = v2.slice(v2.indexOf('<code>mer_redo</code>'));
    const note = row.slice(row.indexOf('data-testid="wording-review"'), row.indexOf('</p>'));
    expect(note).toContain('data-lang="sv" data-state="edited"');
    expect(note).toContain('data-lang="en" data-state="unreviewed"');
    // Only the reworded item carries a note, and version 1 (nothing before it) none.
    expect(v2.match(/data-testid="wording-review"/g)).toHaveLength(1);
    expect(page.slice(page.indexOf('id="v1"'))).not.toContain('wording-review');
    const csv = await (await get('/api/research/codebook.csv?survey=pagaende&version=2', 'researcher')).text();
    const line = csv.split('\r\n').find((l) => l.startsWith('pagaende,2,mer_redo,'))!;
    expect(line).toMatch(
      /,"ar=unreviewed; en=unreviewed; fa=unreviewed; prs=unreviewed; so=unreviewed; sv=edited; sv-x-ll=unreviewed; ti=unreviewed"$/,
    );
  });

  const get = (path: string, who: string) => app.request(path, { headers: { cookie: cookies[who]! } });

  it('downloads the CSV as an attachment, UTF-8 with BOM, in both styles', async () => {
    const res = await get('/api/research/codebook.csv?survey=pagaende', 'researcher');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv; charset=utf-8/);
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="kodbok-pagaende.csv"');
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    expect(text).toMatch(/^survey,version,variable,type,wording_sv,/);
    // Every version, newest first, each with its own wording.
    const lines = text.split('\r\n').filter(Boolean);
    expect(lines).toHaveLength(1 + 7 + 7);
    expect(lines[1]).toMatch(/^pagaende,2,stod_till_hjalp,/);
    expect(lines[8]).toMatch(/^pagaende,1,stod_till_hjalp,/);
    expect(text).toContain('pagaende,2,mer_redo,radiogroup,Version två: jag är mer redo att arbeta eller studera.,');
    expect(text).toContain(
      'pagaende,1,mer_redo,radiogroup,Jag känner mig mer redo att arbeta eller studera än innan jag började.,',
    );

    const one = await get('/api/research/codebook.csv?survey=pagaende&version=1', 'researcher');
    expect(one.headers.get('content-disposition')).toBe('attachment; filename="kodbok-pagaende-v1.csv"');
    const oneText = await one.text();
    expect(oneText).toContain('pagaende,1,mer_redo,');
    expect(oneText).not.toContain('pagaende,2,');

    const semi = await get('/api/research/codebook.csv?survey=avslut&sep=semicolon', 'admin');
    expect(semi.status).toBe(200);
    const semiText = await semi.text();
    expect(semiText).toMatch(/survey;version;variable;type;wording_sv;/);
    expect(semiText).toMatch(/avslut;1;ovrigt;comment;.*;1;0;0;0;/);
  });

  it('is 404 for a coach (no researcher or admin role), page and download alike', async () => {
    expect((await get('/api/research/codebook.csv?survey=pagaende', 'coach')).status).toBe(404);
    expect((await get('/research/codebook?survey=pagaende', 'coach')).status).toBe(404);
  });

  it('needs a session: 401 for the API, a redirect to login for the page', async () => {
    expect((await app.request('/api/research/codebook.csv?survey=pagaende')).status).toBe(401);
    const page = await app.request('/research/codebook');
    expect(page.status).toBe(303);
    expect(page.headers.get('location')).toBe('/login?next=%2Fresearch%2Fcodebook');
  });

  it('is 400 for a malformed survey key or separator, 404 for an unknown survey', async () => {
    const bad = await get('/api/research/codebook.csv?survey=Not%20A%20Key', 'researcher');
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.code).toBe('VALIDATION_FAILED');
    expect((await get('/api/research/codebook.csv', 'researcher')).status).toBe(400);
    expect((await get('/api/research/codebook.csv?survey=pagaende&sep=tab', 'researcher')).status).toBe(400);
    expect((await get('/research/codebook?survey=..%2Fx', 'researcher')).status).toBe(400);
    expect((await get('/api/research/codebook.csv?survey=finns-inte', 'researcher')).status).toBe(404);
    expect((await get('/api/research/codebook.csv?survey=pagaende&version=3', 'researcher')).status).toBe(404);
    expect((await get('/api/research/codebook.csv?survey=pagaende&version=x', 'researcher')).status).toBe(400);
    expect((await get('/research/codebook?survey=pagaende&version=0', 'researcher')).status).toBe(400);
  });

  it('shows a readable HTML codebook with the wording, values and flags', async () => {
    const res = await get('/research/codebook?survey=wai', 'researcher');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<h1>Kodbok</h1>');
    expect(html).toContain('data-testid="codebook"');
    expect(html).toContain('wai_1_formaga');
    expect(html).toContain('Kan inte arbeta alls');
    expect(html).toContain('Flerval');
    expect(html).toContain('href="/api/research/codebook.csv?survey=wai&amp;sep=semicolon"');

    const avslut = await (await get('/research/codebook?survey=avslut', 'researcher')).text();
    expect(avslut).toContain('Stödet från min coach har varit till hjälp för mig.');
    expect(avslut).toContain('ingår inte i forskarnedladdningar som standard');
    expect(avslut).toContain('(bortfall)');
  });

  it('defaults to pagaende when no survey is named, every version newest first', async () => {
    const html = await (await get('/research/codebook', 'admin')).text();
    expect([...html.matchAll(/data-version="(\d+)"/g)].map((m) => m[1])).toEqual(['2', '1']);
    expect(html.indexOf('Version två: jag är mer redo')).toBeLessThan(
      html.indexOf('Jag känner mig mer redo att arbeta eller studera än innan jag började.'),
    );
    expect(html).toContain('<h2>Hur går det? Enkät under insatsen – version 1</h2>');
    expect(html).toContain('href="#v1"');
  });

  it('shows one version with ?version=N, the filter kept in the form and the download links', async () => {
    const html = await (await get('/research/codebook?survey=pagaende&version=1', 'researcher')).text();
    expect([...html.matchAll(/data-version="(\d+)"/g)].map((m) => m[1])).toEqual(['1']);
    expect(html).not.toContain('Version två');
    expect(html).toContain('<option value="1" selected="">Version 1</option>');
    expect(html).toContain('href="/api/research/codebook.csv?survey=pagaende&amp;version=1&amp;sep=semicolon"');
    // The form's "all versions" choice sends an empty version.
    const all = await (await get('/research/codebook?survey=pagaende&version=', 'researcher')).text();
    expect([...all.matchAll(/data-version="(\d+)"/g)].map((m) => m[1])).toEqual(['2', '1']);
  });

  it('a coach cannot call definition_versions directly either', async () => {
    await expect(store.definitionVersions(world.coach, 'pagaende')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await store.definitionVersions(world.researcher, 'finns-inte')).toEqual([]);
    const versions = await store.definitionVersions(world.admin, 'pagaende');
    expect(versions.map((v) => [v.version, v.status])).toEqual([
      [2, 'published'],
      [1, 'published'],
    ]);
    expect(versions[0]!.published_at).toMatch(/^\d{4}-\d{2}-\d{2}T/);
  });
});
