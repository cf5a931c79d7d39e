/**
 * The accessibility statement (/tillganglighet, issue 18) is public: the DOS law asks for it on
 * every page, participants' and staff's. Reached with a participant page's ?projekt=<id> it names
 * the organisation and the project's feedback contact. Threat: an outsider uses it to probe a
 * project — its name, settings, participants — or calls the lookup behind it directly. Attack:
 * open it with another organisation's project id, with random and malformed ids, and call the
 * database function as anon and as a signed-in staff member. Only the organisation's name and the
 * feedback contact may come back; an unknown id gets the general statement; the function is the
 * server's only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqlExecutor } from '../../src/store/executor.ts';
import type { RpcStore } from '../../src/store/rpc-store.ts';
import { sqlAs } from '../support/as-role.ts';
import { testApp } from '../support/app.ts';
import { engines, openTestDatabase } from '../support/db.ts';
import { createWorld, type World } from '../support/fixtures.ts';

const GENERAL_CONTACT = 'Kontakta din coach eller samordningsförbundet som gav dig länken.';

describe.each(engines)('the accessibility statement on %s', (engine) => {
  let db: SqlExecutor;
  let store: RpcStore;
  let world: World;
  let app: ReturnType<typeof testApp>['app'];
  let organisation = '';

  beforeAll(async () => {
    ({ db, store } = await openTestDatabase(engine));
    world = await createWorld(store);
    ({ app } = testApp(store));
    await store.adminUpdateProject(world.admin, {
      project_id: world.projectId,
      name: 'Hemligt projektnamn',
      min_group_size: 5,
      settings: {
        contact: 'samtycke@example.se',
        accessibility_contact: 'tillganglighet@example.se',
        ethics_reference: 'Dnr 2026-99999-01',
        municipality: 'Ockelbo',
      },
    });
    organisation = (
      await db.query<{ name: string }>(
        'select o.name from public.organisations o join public.projects p on p.organisation_id = o.id where p.id = $1',
        [world.projectId],
      )
    )[0]!.name;
  });
  afterAll(() => db.close());

  const page = async (query = '') => {
    const res = await app.request(`/tillganglighet${query}`);
    return { status: res.status, html: await res.text() };
  };

  it('holds the content the law asks for, with the link to Digg', async () => {
    const { status, html } = await page();
    expect(status).toBe(200);
    expect(html).toContain('delvis förenlig');
    expect(html).toContain('Det här fungerar inte bra än');
    expect(html).toContain('https://www.digg.se/tdosanmalan');
    expect(html).toMatch(/granskade\s+tjänsten senast <time datetime="\d{4}-\d{2}-\d{2}"/);
    expect(html).toMatch(/uppdaterades senast <time datetime="\d{4}-\d{2}-\d{2}"/);
    expect(html).toContain('självskattning');
    expect(html).toContain(GENERAL_CONTACT);
  });

  it("names the project's organisation and its feedback contact, and nothing else of the project", async () => {
    const { html } = await page(`?projekt=${world.projectId}`);
    expect(html).toContain(organisation);
    expect(html).toContain('tillganglighet@example.se');
    for (const secret of [
      'Hemligt projektnamn',
      'samtycke@example.se',
      'Dnr 2026-99999-01',
      'Ockelbo',
      world.projectId,
    ]) {
      expect(html).not.toContain(secret);
    }
  });

  it('falls back to the consent contact when no accessibility contact is set', async () => {
    const { html } = await page(`?projekt=${world.otherProjectId}`);
    expect(html).not.toContain('tillganglighet@example.se');
    expect(html).toContain(GENERAL_CONTACT);
  });

  it('an outsider probing with random or malformed ids gets the general statement, never an error', async () => {
    const general = (await page()).html;
    for (const probe of [
      crypto.randomUUID(),
      'not-a-uuid',
      "' or 1=1 --",
      `${world.projectId}x`,
      world.projectId.toUpperCase().replace(/-/g, ''),
    ]) {
      const { status, html } = await page(`?projekt=${encodeURIComponent(probe)}`);
      expect(status).toBe(200);
      expect(html).toBe(general);
    }
  });

  if (engine !== 'supabase') {
    it('the lookup is the server’s only: anon and staff cannot call it', async () => {
      const call = `select public.accessibility_statement(jsonb_build_object('project_id', '${world.projectId}'))`;
      expect(await sqlAs(db, { kind: 'anonymous' }, call)).toEqual({ error: '42501' });
      expect(await sqlAs(db, world.coach, call)).toEqual({ error: '42501' });
    });
  }
});
