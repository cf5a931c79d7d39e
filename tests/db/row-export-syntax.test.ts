import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../src/errors.ts';
import { derivedScores } from '../../src/scoring/derived.ts';
import type { SqlExecutor } from '../../src/store/executor.ts';
import type { RpcStore } from '../../src/store/rpc-store.ts';
import { engines, openTestDatabase } from '../support/db.ts';
import { waiAnswers } from '../support/export-data.ts';
import { createWorld, enrolWithConsent, type World } from '../support/fixtures.ts';

describe.each(engines)('row-level export: syntax columns and WAI scores on %s', (engine) => {
  let db: SqlExecutor;
  let store: RpcStore;
  beforeAll(async () => ({ db, store } = await openTestDatabase(engine)));
  afterAll(() => db.close());

  const code = (p: Promise<unknown>) =>
    p.then(
      () => 'resolved',
      (e: unknown) => (e instanceof AppError ? e.code : String(e)),
    );

  async function submit(world: World, answers: [Record<string, unknown> | null, Record<string, unknown> | null]) {
    const who = await enrolWithConsent(store, world);
    for (const [occasion, a] of [
      ['start', answers[0]],
      ['avslut', answers[1]],
    ] as const) {
      if (!a) continue;
      const at = { ...who, survey: 'wai', occasion };
      const def = await store.publishedDefinition(at, 'wai');
      await store.submitResponse(at, {
        id: crypto.randomUUID(),
        definition_id: def!.id,
        answers: a,
        derived: derivedScores('wai', a),
      });
    }
    return who.participantId;
  }

  it('gives the columns of the CSV only under a grant, for a known format, and audits each call', async () => {
    const world = await createWorld(store);
    const input = { project_id: world.projectId, survey_key: 'avslut', format: 'sps' as const };
    for (const who of [world.researcher, world.admin, world.coach])
      expect(await code(store.rowExportSyntax(who, input))).toBe('ROW_EXPORT_NOT_FOUND');
    await store.grantRowExport(world.admin, {
      project_id: world.projectId,
      staff_id: world.researcher.staffId,
      include_free_text: true,
    });
    expect(await code(store.rowExportSyntax(world.researcher, { ...input, format: 'xlsx' as 'sps' }))).toBe(
      'VALIDATION_FAILED',
    );
    for (const include_free_text of [true, false]) {
      const syntax = await store.rowExportSyntax(world.researcher, { ...input, include_free_text });
      const begun = await store.beginRowExport(world.researcher, { ...input, include_free_text });
      expect(syntax).toEqual({ columns: begun.columns, include_free_text });
    }
    const audit = await db.query<{ details: Record<string, unknown> }>(
      `select details from public.audit_log where project_id = $1 and action = 'research.row_export_syntax' order by id`,
      [world.projectId],
    );
    expect(audit.map((a) => a.details)).toEqual([
      { survey_key: 'avslut', version: null, include_free_text: true, format: 'sps' },
      { survey_key: 'avslut', version: null, include_free_text: false, format: 'sps' },
    ]);
  });

  it('WAI rows carry the stored score, and exit rows the start total when there is a start response', async () => {
    const world = await createWorld(store);
    await store.grantRowExport(world.admin, { project_id: world.projectId, staff_id: world.researcher.staffId });
    const pair = await submit(world, [waiAnswers(5), waiAnswers(8)]);
    const alone = await submit(world, [null, waiAnswers(2)]);
    const unscorable = await submit(world, [waiAnswers(6, { wai_6_prognos: undefined }), waiAnswers(9)]);
    const start = await store.beginRowExport(world.researcher, { project_id: world.projectId, survey_key: 'wai' });
    const page = await store.rowExportPage(world.researcher, { export_id: start.export_id, limit: 100 });
    const of = (participant: string, occasion: string) =>
      page.rows.find((r) => r.participant_id === participant && r.occasion === occasion)!.wai;
    const total = (a: Record<string, unknown>) => (derivedScores('wai', a).wai as { total: number | null }).total;
    expect(of(pair, 'start')).toEqual({ total: total(waiAnswers(5)), category: 'good', start: null });
    expect(of(pair, 'avslut')).toEqual({
      total: total(waiAnswers(8)),
      category: 'good',
      start: { total: total(waiAnswers(5)) },
    });
    expect(of(alone, 'avslut')!.start).toBeNull();
    expect(of(unscorable, 'start')).toEqual({ total: null, category: null, start: null });
    expect(of(unscorable, 'avslut')!.start).toEqual({ total: null });
  });
});
