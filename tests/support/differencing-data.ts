import type { SqlExecutor } from '../../src/store/executor.ts';
import { generateCode } from '../../src/domain/pseudonym-code.ts';
import type { RpcStore } from '../../src/store/rpc-store.ts';
import type { RawRow } from './block-reference.ts';
import { openTestDatabase, type Engine } from './db.ts';
import { createWorld, type World } from './fixtures.ts';
import { prng } from '../../src/setup/demo-answers.ts';

/**
 * An adversarial data set for the differencing proof (tests/db/research-differencing.test.ts):
 * projects with different minimum group sizes, two versions of a survey of its own, three
 * occasions, eight quarters, and targets placed where differencing is most tempting.
 */

export const QUARTERS = 8; // 2024-Q1 … 2025-Q4
/** The projects' minimum group sizes: A is the world's project, B and C are made for the test. */
export const MINS: Record<string, number> = { A: 5, B: 3, C: 4 };

/** A database with projects A, B and C of one organisation, the world's researcher a researcher in all three. */
export async function openDifferencingWorld(
  engine: Engine,
): Promise<{ db: SqlExecutor; store: RpcStore; world: World; projects: Record<string, string> }> {
  const { db, store } = await openTestDatabase(engine);
  const world = await createWorld(store, { minGroupSize: MINS.A });
  const projects: Record<string, string> = { A: world.projectId };
  // In the world's organisation: a comparison spans one organisation's projects (and definitions).
  const [{ organisation_id } = { organisation_id: '' }] = await db.query<{ organisation_id: string }>(
    'select organisation_id from public.projects where id = $1',
    [world.projectId],
  );
  for (const k of ['B', 'C']) {
    projects[k] = (
      await store.createProject({
        organisation_id,
        name: `Projekt ${k}`,
        min_group_size: MINS[k]!,
      })
    ).project_id;
    await db.query(`insert into public.memberships (project_id, staff_id, role) values ($1, $2, 'researcher')`, [
      projects[k],
      world.researcher.staffId,
    ]);
  }
  return { db, store, world, projects };
}
export const OCCASIONS = ['start', 'pagaende', 'avslut'] as const;
export const VERSIONS = [1, 2] as const;
export const ITEMS = ['i1', 'i2', 'i3'] as const;

/** Quarter index → first day (the API's form). */
export const quarterDay = (q: number) => `${2024 + Math.floor(q / 4)}-${String((q % 4) * 3 + 1).padStart(2, '0')}-01`;
/** Quarter index → the query string's form. */
export const quarterLabel = (q: number) => `${2024 + Math.floor(q / 4)}-Q${(q % 4) + 1}`;
const midQuarter = (q: number) =>
  `${2024 + Math.floor(q / 4)}-${String((q % 4) * 3 + 2).padStart(2, '0')}-15T12:00:00Z`;

export { prng };

export interface Planned extends RawRow {
  /** Why this row is a target (empty for background rows). */
  target?: string;
  /** The instant stored (default: the middle of its quarter). */
  at?: string;
  /** Back-dated after insert: first stored in this quarter, then moved (UPDATE) to `quarter`. */
  insertedIn?: number;
}

/** Plans the rows for projects keyed 'A' (min 5), 'B' (min 3), 'C' (min 4). */
export function planRows(seed = 20261122): Planned[] {
  const rnd = prng(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
  const rows: Planned[] = [];
  const add = (project: string, version: number, occasion: string, quarter: number, extra: Partial<Planned> = {}) => {
    const scores = [
      rnd() < 0.95 ? 1 + Math.floor(rnd() * 6) : null,
      rnd() < 0.6 ? pick([1, 2, 5, 6, 6]) : null,
      rnd() < 0.15 ? pick([1, 6]) : null,
    ];
    rows.push({ id: rows.length, project, version, occasion, quarter, scores, ...extra });
  };
  const fixed: Record<string, number[]> = {
    // A v1 Pågående: alone in a middle quarter (Q2) and in a late one (Q7); one less than the minimum in Q6.
    'A|1|pagaende': [5, 1, 5, 6, 0, 4, 1, 5],
    // A v2 Pågående: one participant alone in the version.
    'A|2|pagaende': [0, 0, 0, 0, 1, 0, 0, 0],
    // A v1 Avslut: one participant alone in the occasion.
    'A|1|avslut': [0, 0, 0, 1, 0, 0, 0, 0],
    // A v1 Start: one more than the minimum, all in one quarter; then one alone two quarters later.
    'A|1|start': [6, 0, 1, 0, 0, 0, 0, 0],
    // B (min 3): exactly the minimum, one more, one less, alone.
    'B|1|pagaende': [3, 4, 2, 1, 3, 0, 1, 3],
  };
  const draw = [0, 0, 0, 1, 1, 2, 3, 4, 5, 6, 7];
  for (const project of ['A', 'B', 'C']) {
    for (const version of VERSIONS) {
      for (const occasion of OCCASIONS) {
        const plan = fixed[`${project}|${version}|${occasion}`] ?? Array.from({ length: QUARTERS }, () => pick(draw));
        plan.forEach((count, q) => {
          for (let k = 0; k < count; k++)
            add(
              project,
              version,
              occasion,
              q,
              count === 1 ? { target: `alone in ${project} v${version} ${occasion} ${quarterLabel(q)}` } : {},
            );
        });
      }
    }
  }
  // The only one answering i3 in A v1 Pågående Q4 (the rest leave it out).
  for (const r of rows)
    if (r.project === 'A' && r.version === 1 && r.occasion === 'pagaende' && r.quarter === 3) r.scores[2] = null;
  add('A', 1, 'pagaende', 3, { target: 'only answer to i3 in A v1 pagaende 2024-Q4' });
  rows.at(-1)!.scores = [2, null, 6];
  // Back-dated: answered in 2025-Q4, then moved to 2025-Q1 (empty in A v1 Pågående) and to 2024-Q3 in B.
  add('A', 1, 'pagaende', 4, { insertedIn: 7, target: 'back-dated into an empty quarter (A)' });
  add('B', 1, 'pagaende', 2, { insertedIn: 7, target: 'back-dated (B), makes 2024-Q3 the minimum' });
  // Quarter boundaries in Swedish time (C v1 Pågående): 22:30 UTC on 31 March is already Q2.
  add('C', 1, 'pagaende', 1, { at: '2024-03-31T22:30:00Z', target: 'C: first minutes of 2024-Q2 (Swedish time)' });
  add('C', 1, 'pagaende', 1, { at: '2024-06-30T21:59:00Z', target: 'C: last minute of 2024-Q2 (Swedish time)' });
  add('C', 1, 'pagaende', 2, { at: '2024-06-30T22:01:00Z', target: 'C: first minute of 2024-Q3 (Swedish time)' });
  return rows;
}

/**
 * Inserts the planned rows directly as the superuser (participants and responses; the counter
 * trigger keeps the per-value counts), then back-dates the rows that ask for it through UPDATE.
 */
export async function insertRows(
  db: SqlExecutor,
  rows: Planned[],
  projects: Record<string, string>,
  definitions: Record<number, string>,
  key: string,
): Promise<void> {
  const data = rows.map((r) => ({
    id: crypto.randomUUID(),
    participant: crypto.randomUUID(),
    project: projects[r.project]!,
    code: generateCode(),
    definition: definitions[r.version]!,
    occasion: r.occasion,
    scores: r.scores,
    at: r.insertedIn !== undefined ? midQuarter(r.insertedIn) : (r.at ?? midQuarter(r.quarter)),
    moveTo: r.insertedIn !== undefined ? midQuarter(r.quarter) : null,
  }));
  await db.query(
    `insert into public.participants (id, project_id, code)
     select x.participant, x.project, x.code from jsonb_to_recordset($1::text::jsonb) as x(participant uuid, project uuid, code text)`,
    [JSON.stringify(data)],
  );
  await db.query(
    `insert into public.responses (id, participant_id, project_id, definition_id, survey_key, occasion, answers, scores, submitted_at)
     select x.id, x.participant, x.project, x.definition, $2, x.occasion, '{}'::jsonb, x.scores, x.at
     from jsonb_to_recordset($1::text::jsonb) as x(id uuid, participant uuid, project uuid, definition uuid, occasion text, scores smallint[], at timestamptz)`,
    [JSON.stringify(data), key],
  );
  for (const d of data) {
    if (d.moveTo)
      await db.query('update public.responses set submitted_at = $1::timestamptz where id = $2', [d.moveTo, d.id]);
  }
}
