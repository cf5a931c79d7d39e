/**
 * Property-based fuzzing of the definition editor's uploads (fast-check): generated SurveyJS-like
 * files (random element types, missing and duplicate names, wrong rating scales, nested and very
 * deeply nested panels, bad metadata, not an object at all, huge) through validate, save, publish
 * and import. Never a 5xx; the validator's findings come back in their normal shape; a draft the
 * editor can read is saved unchanged; a draft with errors is never published; an import is stored
 * exactly when the validator finds no error. Seeds are fixed (FUZZ_SEED, FUZZ_RUNS as in
 * fuzz-endpoints.test.ts).
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkDraftText } from '../../src/surveys/definition-rules.ts';
import {
  brokenJson,
  contentChecksum,
  expectNoLeak,
  expectStandardError,
  junk,
  nastyString,
  FUZZ_ENGINES,
  FUZZ_TIMEOUT,
  openFuzzWorld,
  runsOn,
  SCALE,
  SEED,
  writes,
  written,
  type FuzzWorld,
} from '../support/fuzz.ts';

const pagaende = JSON.parse(readFileSync(new URL('../../surveys/pagaende.json', import.meta.url), 'utf8')) as {
  meta: Record<string, unknown>;
  survey: Record<string, unknown>;
};

// ---------- Generators ----------

const name = fc.oneof(
  {
    weight: 8,
    arbitrary: fc.constantFrom('q1', 'q2', 'q3', 'dup', 'dup', 'mer_redo', 'stod_till_hjalp', 'paverka_plan'),
  },
  { weight: 1, arbitrary: nastyString },
  { weight: 1, arbitrary: junk },
);
const text = fc.oneof(nastyString, fc.record({ sv: nastyString, en: nastyString }, { requiredKeys: [] }), junk);
const choice = fc.oneof(
  fc.integer({ min: -2, max: 12 }),
  fc.string({ maxLength: 4 }),
  fc.record(
    { value: fc.oneof(fc.integer({ min: 0, max: 7 }), fc.string({ maxLength: 4 }), junk), text },
    { requiredKeys: ['value'] },
  ),
);
const question = fc.record(
  {
    type: fc.oneof(
      {
        weight: 6,
        arbitrary: fc.constantFrom(
          'radiogroup',
          'rating',
          'checkbox',
          'text',
          'comment',
          'boolean',
          'dropdown',
          'tagbox',
          'html',
          'expression',
          'signaturepad',
          'matrix',
          'file',
          'nosuchtype',
          'panel',
        ),
      },
      { weight: 1, arbitrary: junk },
    ),
    name,
    title: text,
    isRequired: fc.oneof(fc.boolean(), junk),
    choices: fc.oneof(fc.array(choice, { maxLength: 8 }), junk),
    rateMin: fc.oneof(fc.integer({ min: -3, max: 3 }), junk),
    rateMax: fc.oneof(fc.integer({ min: 2, max: 12 }), junk),
    rateValues: fc.array(choice, { maxLength: 8 }),
    inputType: fc.constantFrom('number', 'text', 'date'),
    maxLength: fc.oneof(fc.integer({ min: -1, max: 10_000 }), junk),
    visibleIf: fc.oneof(fc.constant('{q1} = 1'), nastyString),
    noSuchProperty: junk,
  },
  { requiredKeys: ['type'] },
);

const { element } = fc.letrec<{ element: Record<string, unknown>; panel: Record<string, unknown> }>((tie) => ({
  element: fc.oneof({ depthSize: 'small', withCrossShrink: true }, question, tie('panel')),
  panel: fc.record(
    { type: fc.constant('panel'), name, elements: fc.oneof(fc.array(tie('element'), { maxLength: 4 }), junk) },
    { requiredKeys: ['type', 'elements'] },
  ),
}));

/** Panels nested `depth` levels deep around one question. */
function deepPanels(depth: number): Record<string, unknown> {
  let inner: Record<string, unknown> = { type: 'radiogroup', name: 'q1', choices: [1, 2, 3] };
  for (let d = 0; d < depth; d++) inner = { type: 'panel', name: `p${d}`, elements: [inner] };
  return inner;
}

const survey = fc.oneof(
  { weight: 2, arbitrary: fc.constant(pagaende.survey) },
  {
    weight: 6,
    arbitrary: fc
      .array(
        fc.record(
          {
            name: fc.oneof(fc.constant('p1'), junk),
            elements: fc.oneof(fc.array(element, { maxLength: 6 }), junk),
            visibleIf: fc.string(),
          },
          { requiredKeys: ['elements'] },
        ),
        { maxLength: 3 },
      )
      .map((pages) => ({ pages })),
  },
  { weight: 1, arbitrary: fc.array(element, { maxLength: 6 }).map((elements) => ({ elements })) },
  {
    weight: 1,
    arbitrary: fc.integer({ min: 10, max: 300 }).map((d) => ({ pages: [{ name: 'p1', elements: [deepPanels(d)] }] })),
  },
  { weight: 1, arbitrary: fc.dictionary(fc.string({ maxLength: 10 }), junk, { maxKeys: 4 }) },
  { weight: 1, arbitrary: junk },
);

/** Metadata: the shipped one with up to three fields changed, removed or added, or junk. */
const meta = fc.oneof(
  {
    weight: 6,
    arbitrary: fc
      .array(
        fc.tuple(
          fc.constantFrom(...Object.keys(pagaende.meta), 'unknown_field'),
          fc.option(junk, { nil: undefined, freq: 4 }),
        ),
        { maxLength: 3 },
      )
      .map((changes) => {
        const m: Record<string, unknown> = structuredClone(pagaende.meta);
        for (const [k, v] of changes)
          if (v === undefined) delete m[k];
          else m[k] = v;
        return m;
      }),
  },
  // Wrong rating scales: the scored items say 0–10 (or 1–3) where the questions give 1–6.
  {
    weight: 2,
    arbitrary: fc.tuple(fc.integer({ min: -1, max: 2 }), fc.integer({ min: 3, max: 10 })).map(([min, max]) => ({
      ...structuredClone(pagaende.meta),
      scored: (pagaende.meta.scored as { name: string }[]).map((s) => ({ ...s, min, max })),
    })),
  },
  // Another key: a file that imports as a new survey.
  {
    weight: 2,
    arbitrary: fc.stringMatching(/^[a-z][a-z0-9-]{3,12}$/).map((key) => ({ ...structuredClone(pagaende.meta), key })),
  },
  { weight: 1, arbitrary: junk },
);

/** A definition file as the editor sends it: usually {meta, survey}, sometimes not. */
const fileText = fc.oneof(
  { weight: 10, arbitrary: fc.tuple(meta, survey).map(([m, s]) => JSON.stringify({ meta: m, survey: s }, null, 2)) },
  {
    weight: 1,
    arbitrary: fc.tuple(meta, survey, junk).map(([m, s, x]) => JSON.stringify({ meta: m, survey: s, extra: x })),
  },
  { weight: 1, arbitrary: junk.map((v) => JSON.stringify(v) ?? 'null') },
  { weight: 1, arbitrary: brokenJson },
  // Panels nested deeper than JSON.stringify (or any recursive check) can go: built as text.
  {
    weight: 1,
    arbitrary: fc
      .tuple(meta, fc.integer({ min: 1000, max: 10_000 }))
      .map(
        ([m, d]) =>
          `{"meta":${JSON.stringify(m) ?? 'null'},"survey":{"pages":[{"name":"p1","elements":[${'{"type":"panel","name":"p","elements":['.repeat(d)}{"type":"radiogroup","name":"q1","choices":[1,2,3]}${']}'.repeat(d)}]}]}}`,
      ),
  },
);

// ---------- Checks ----------

interface Finding {
  id: string;
  kind: string;
  severity: string;
  message: string;
  item?: string;
  line?: number;
  column?: number;
}

function expectFindings(findings: unknown, where: string): asserts findings is Finding[] {
  expect(Array.isArray(findings), where).toBe(true);
  for (const f of findings as Finding[]) {
    expect(
      typeof f.id === 'string' && typeof f.kind === 'string' && typeof f.message === 'string' && f.message.length > 0,
      `${where}: ${JSON.stringify(f).slice(0, 300)}`,
    ).toBe(true);
    expect(['error', 'confirm', 'warning'], where).toContain(f.severity);
    if (f.line !== undefined) expect(Number.isInteger(f.line) && f.line >= 1, where).toBe(true);
  }
}

/** Over the app's 512 KiB body limit, or so near it that multipart framing may tip it over: 413 is a right answer. */
const LIMIT = 512 * 1024;
const bytes = (s: string) => new TextEncoder().encode(s).length;
const tooLarge = (s: string) => bytes(s) > LIMIT - 2048;
const cut = (s: string) => (s.length > 300 ? `${s.slice(0, 300)}… (${s.length} chars)` : s);

describe.each(FUZZ_ENGINES)(
  'HTTP: fuzzing definition uploads on %s (fast-check)',
  (engine) => {
    let f: FuzzWorld;
    let draftId: string;
    const counts: Record<string, number> = {};
    const count = (k: string) => (counts[k] = (counts[k] ?? 0) + 1);
    let started = Date.now();

    beforeAll(async () => {
      started = Date.now();
      f = await openFuzzWorld(engine, 'fuzz_definitions');
      const res = await f.app.request(`/api/admin/definitions/${f.ids.pagaende}/draft`, {
        method: 'POST',
        headers: f.headers.admin,
      });
      expect(res.status).toBe(201);
      draftId = ((await res.json()) as { definition: { id: string } }).definition.id;
    }, 120_000);
    afterAll(async () => {
      const total = Object.values(counts).reduce((a, b) => a + b, 0);
      console.log(
        `fuzz-definitions on ${engine}: ${total} generated files in ${((Date.now() - started) / 1000).toFixed(1)} s (seed ${SEED})\n${Object.entries(
          counts,
        )
          .map(([k, n]) => `  ${n}\t${k}`)
          .join('\n')}`,
      );
      await f?.db.close();
    });

    const send = (method: string, path: string, body: string, type = 'application/json') =>
      f.app.request(path, { method, headers: { ...f.headers.admin, 'content-type': type }, body });
    const stored = async (id: string) =>
      (
        await f.db.query<{ json: unknown; meta: unknown; status: string }>(
          'select json, meta, status from public.survey_definitions where id = $1',
          [id],
        )
      )[0]!;
    const published = async () =>
      Number(
        (
          await f.db.query<{ n: number }>(
            "select count(*)::int as n from public.survey_definitions where status <> 'draft'",
          )
        )[0]!.n,
      );

    /** The stored draft as the editor loads it (export), through the validator. */
    async function validateStored(where: string): Promise<{ ok: boolean; findings: Finding[] }> {
      const exported = await f.app.request(`/api/admin/definitions/${draftId}/export`, { headers: f.headers.admin });
      expect(exported.status, where).toBe(200);
      const v = await send('POST', `/api/admin/definitions/${draftId}/validate`, await exported.text());
      expect(v.status, where).toBe(200);
      const verdict = (await v.json()) as { ok: boolean; findings: Finding[] };
      expectFindings(verdict.findings, `stored ${where}`);
      return verdict;
    }

    it('validates, saves and (when it has errors) refuses to publish any file: findings in their shape, drafts unchanged, nothing invalid published', async () => {
      let saved = 0;
      let refusedPublish = 0;
      await fc.assert(
        fc.asyncProperty(fileText, async (body) => {
          count('validate + save + publish');
          const where = cut(body);
          if (tooLarge(body)) {
            await expectStandardError(
              await send('PUT', `/api/admin/definitions/${draftId}`, body),
              `save ${where}`,
              bytes(body) > LIMIT ? [413] : [413, 422],
            );
            return;
          }
          const publishedBefore = await published();
          let before = await writes(f.db);
          const v = await send('POST', `/api/admin/definitions/${draftId}/validate`, body);
          expect(written(before, await writes(f.db)), `validate wrote: ${where}`).toEqual([]);
          const vText = await v.text();
          expectNoLeak(vText, where);
          expect(v.status, `validate ${where}: ${vText.slice(0, 300)}`).toBe(200);
          const verdict = JSON.parse(vText) as { ok: boolean; findings: Finding[] };
          expect(Object.keys(verdict).sort(), where).toEqual(['findings', 'ok']);
          expectFindings(verdict.findings, `validate ${where}`);
          expect(verdict.ok, where).toBe(!verdict.findings.some((x) => x.severity === 'error'));
          const unreadable = verdict.findings.some((x) => x.kind === 'json' || x.kind === 'shape');

          before = await writes(f.db);
          const s = await send('PUT', `/api/admin/definitions/${draftId}`, body);
          if (s.status === 200) {
            expect(unreadable, `saved a file the validator could not read: ${where}`).toBe(false);
            saved++;
            const res = (await s.json()) as { definition: { id: string }; findings: Finding[] };
            expectFindings(res.findings, `save ${where}`);
            const file = JSON.parse(body) as { meta: unknown; survey: unknown };
            const row = await stored(draftId);
            expect(row.status).toBe('draft');
            expect(row.json, `saved survey differs: ${where}`).toEqual(file.survey);
            // Key, version and kind are the row's own (the SQL function keeps them), the rest as sent.
            const own = row.meta as Record<string, unknown>;
            expect(row.meta, `saved meta differs: ${where}`).toEqual({
              ...(file.meta as object),
              key: own.key,
              version: own.version,
              kind: own.kind,
            });
          } else {
            const e = await expectStandardError(s, `save ${where}`, [400, 422]);
            if (unreadable) expect(e.json?.error.code, where).toBe('DEFINITION_INVALID');
            expect(written(before, await writes(f.db)), `save refused but wrote: ${where}`).toEqual([]);
          }

          // What is stored is judged as the editor shows it (the row keeps its own key, version and kind).
          const storedVerdict = s.status === 200 ? await validateStored(where) : null;
          if (storedVerdict && !storedVerdict.ok) {
            // Errors cannot be confirmed away: confirming every finding must not publish it.
            before = await writes(f.db);
            const p = await send(
              'POST',
              `/api/admin/definitions/${draftId}/publish`,
              JSON.stringify({ confirmations: storedVerdict.findings.map((x) => x.id).slice(0, 500) }),
            );
            const e = await expectStandardError(p, `publish ${where}`, [422]);
            expect(['DEFINITION_INVALID', 'WORDING_LOCKED'], where).toContain(e.json?.error.code);
            expect(e.json?.error.issues?.length, where).toBeGreaterThan(0);
            expect(written(before, await writes(f.db)), `publish refused but wrote: ${where}`).toEqual([]);
            expect((await stored(draftId)).status).toBe('draft');
            refusedPublish++;
          }
          expect(await published(), `something was published: ${where}`).toBe(publishedBefore);
        }),
        { seed: SEED, numRuns: runsOn(engine, 500), endOnFailure: true },
      );
      expect(saved).toBeGreaterThan(0);
      expect(refusedPublish).toBeGreaterThan(0);
    });

    it('imports a file exactly when the validator finds no error, and stores it unchanged; otherwise the findings come back and nothing is stored', async () => {
      let imported = 0;
      await fc.assert(
        fc.asyncProperty(fileText, fc.boolean(), async (body, asText) => {
          count('import (API)');
          const where = cut(body);
          if (tooLarge(body)) {
            await expectStandardError(
              await send('POST', '/api/admin/definitions/import', body),
              `import ${where}`,
              bytes(body) > LIMIT ? [413] : [409, 413, 422],
            );
            return;
          }
          const { findings, file } = checkDraftText(body);
          const ok = file !== null && !findings.some((x) => x.severity === 'error');
          const before = await writes(f.db);
          const res = await send(
            'POST',
            '/api/admin/definitions/import',
            body,
            asText ? 'text/plain; charset=utf-8' : 'application/json',
          );
          if (res.status === 201) {
            expect(ok, `imported a file with errors: ${where}`).toBe(true);
            imported++;
            const { definition } = (await res.json()) as { definition: { id: string } };
            const row = await stored(definition.id);
            expect(row.status).toBe('draft');
            expect(row.json).toEqual(file!.survey);
            expect(row.meta).toEqual({ ...file!.meta, version: (row.meta as Record<string, unknown>).version });
            return;
          }
          const e = await expectStandardError(res, `import ${where}`, ok ? [400, 409] : [400, 422]);
          if (!ok && e.status === 422) {
            expect(e.json?.error.code, where).toBe('DEFINITION_INVALID');
            expect(e.json?.error.issues?.length, where).toBeGreaterThan(0);
          }
          expect(written(before, await writes(f.db)), `import refused but wrote: ${where}`).toEqual([]);
        }),
        { seed: SEED + 1, numRuns: runsOn(engine, 400), endOnFailure: true },
      );
      expect(imported).toBeGreaterThan(0);
    });

    it('refuses a file with errors uploaded through the import form, with the findings on a Swedish page, and stores nothing', async () => {
      const checksum = await contentChecksum(f.db);
      const invalid = fileText.filter((b) => {
        const r = checkDraftText(b);
        return r.file === null || r.findings.some((x) => x.severity === 'error');
      });
      await fc.assert(
        fc.asyncProperty(invalid, async (body) => {
          count('import (form)');
          const form = new FormData();
          form.set('file', new File([body], 'enkat.json', { type: 'application/json' }));
          const res = await f.app.request('/admin/definitions/import', {
            method: 'POST',
            headers: f.headers.admin,
            body: form,
          });
          await expectStandardError(res, `form import ${cut(body)}`, tooLarge(body) ? [400, 413, 422] : [400, 422]);
        }),
        { seed: SEED + 2, numRuns: runsOn(engine, 150), endOnFailure: true },
      );
      expect(await contentChecksum(f.db)).toBe(checksum);
    });

    it('refuses huge files and wrong content types with the standard error', async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom('validate', 'save', 'import'),
          fc.oneof(
            fc.constant('huge'),
            fc.constantFrom('text/html', 'application/xml', 'multipart/form-data; boundary=x', ''),
          ),
          async (route, how) => {
            count('huge or wrong type');
            const path =
              route === 'import'
                ? '/api/admin/definitions/import'
                : route === 'save'
                  ? `/api/admin/definitions/${draftId}`
                  : `/api/admin/definitions/${draftId}/validate`;
            const body =
              how === 'huge'
                ? JSON.stringify({
                    meta: pagaende.meta,
                    survey: {
                      pages: [{ name: 'p', elements: [{ type: 'html', name: 'h', html: 'x'.repeat(600 * 1024) }] }],
                    },
                  })
                : JSON.stringify(pagaende);
            const before = await writes(f.db);
            const res = await send(
              route === 'save' ? 'PUT' : 'POST',
              path,
              body,
              how === 'huge' ? 'application/json' : how,
            );
            await expectStandardError(res, `${route} ${how}`, [413, 415]);
            expect(written(before, await writes(f.db))).toEqual([]);
          },
        ),
        { seed: SEED + 3, numRuns: runsOn(engine, 40), endOnFailure: true },
      );
    });

    it('generated at least 1,000 definition files', () => {
      const total = Object.values(counts).reduce((a, b) => a + b, 0);
      console.log(`fuzz-definitions total on ${engine}: ${total}`);
      // The minimum holds for the full run on PGlite; PostgreSQL runs a share of it (runsOn).
      if (SCALE >= 1 && engine === 'pglite') expect(total).toBeGreaterThanOrEqual(1000);
    });
  },
  FUZZ_TIMEOUT,
);
