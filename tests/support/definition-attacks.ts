/**
 * Helpers for the attacks on definition content (tests/security/definition-*.test.ts,
 * consent-hidden-question.test.ts): an admin's calls to the definition API, and a definition put
 * straight into the database, past every check, as if the checks had once been missed.
 */
import type { SqlExecutor } from '../../src/store/executor.ts';
import type { Store } from '../../src/store/store.ts';
import { loginCookie, testApp } from './app.ts';
import type { DefinitionFileJson } from './definitions.ts';
import type { World } from './fixtures.ts';

export interface AdminApi {
  call(method: string, path: string, body?: string, type?: string): Promise<Response>;
  /** Imports a definition file as a new draft (a key of its own): the response. */
  importFile(file: DefinitionFileJson): Promise<Response>;
  /** Rows stored under a key, any status. */
  rowsOf(key: string): Promise<number>;
}

export async function adminApi(store: Store, db: SqlExecutor, world: World): Promise<AdminApi> {
  const { app } = testApp(store);
  const cookie = await loginCookie(app, world.emails.admin);
  const call = async (method: string, path: string, body?: string, type = 'application/json') =>
    app.request(path, {
      method,
      headers: { cookie, origin: 'http://localhost', 'content-type': type, accept: 'application/json' },
      body,
    });
  return {
    call,
    importFile: (file) => call('POST', '/api/admin/definitions/import', JSON.stringify(file, null, 2), 'text/plain'),
    async rowsOf(key) {
      const rows = await db.query<{ n: number }>(
        'select count(*)::int as n from public.survey_definitions where key = $1',
        [key],
      );
      return rows[0]!.n;
    },
  };
}

/** A key no other test uses. */
export const freshKey = (prefix: string) => `${prefix}-${crypto.randomUUID().slice(0, 8)}`;

/**
 * Replaces the SurveyJS JSON of every version of `key` in the database, with the guard that keeps
 * published versions unchanged switched off for the moment: the state a missed check would leave.
 * For a test's own database only (PGlite in the e2e harness).
 */
export async function injectDefinitionJson(db: SqlExecutor, key: string, json: unknown): Promise<void> {
  await db.exec('alter table public.survey_definitions disable trigger survey_definitions_immutable');
  try {
    await db.query('update public.survey_definitions set json = $2::text::jsonb where key = $1', [
      key,
      JSON.stringify(json),
    ]);
  } finally {
    await db.exec('alter table public.survey_definitions enable trigger survey_definitions_immutable');
  }
}
