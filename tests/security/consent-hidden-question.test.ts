/**
 * Threat: a consent version whose consent question is answered for the participant (issue 16,
 * finding 2). Attack: an admin hides the consent question and pre-sets it to yes, in each way
 * SurveyJS offers: visible false, a false visibleIf on it, its page or its panel, a default value,
 * read-only, setValueIf, a trigger, a calculated value, another (hidden) question writing to it
 * through valueName, swapped valueTrue/valueFalse, a title hidden on a toggle without text. The
 * participant would press "Skicka" on the information and be recorded as consenting. Each version
 * is refused with a finding naming the trick; nothing is imported or published.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqlExecutor } from '../../src/store/executor.ts';
import type { RpcStore } from '../../src/store/rpc-store.ts';
import { checkDraft } from '../../src/surveys/definition-rules.ts';
import { engines, openTestDatabase } from '../support/db.ts';
import { adminApi, freshKey, type AdminApi } from '../support/definition-attacks.ts';
import { questionIn, shippedDefinition, type DefinitionFileJson } from '../support/definitions.ts';
import { createWorld, type World } from '../support/fixtures.ts';

type Tamper = (file: DefinitionFileJson, consent: Record<string, unknown>) => void;
const page = (file: DefinitionFileJson) => file.survey.pages[0]!;

/** Each way of answering the consent question for the participant, and what the finding names. */
const TRICKS: [string, Tamper, RegExp][] = [
  ['visible false and a default', (_, q) => Object.assign(q, { visible: false, defaultValue: true }), /"visible"/],
  ['visibleIf that is never true', (_, q) => Object.assign(q, { visibleIf: '1 = 2' }), /"visibleIf" är inte tillåtet/],
  ['a default value', (_, q) => Object.assign(q, { defaultValue: true }), /"defaultValue"/],
  ['a default expression', (_, q) => Object.assign(q, { defaultValueExpression: 'true' }), /"defaultValueExpression"/],
  ['read-only and preset', (_, q) => Object.assign(q, { readOnly: true, defaultValue: true }), /"readOnly"/],
  ['disabled by enableIf', (_, q) => Object.assign(q, { enableIf: '1 = 2' }), /"enableIf" är inte tillåtet/],
  ['setValueIf', (_, q) => Object.assign(q, { setValueIf: 'true', setValueExpression: 'true' }), /"setValueIf"/],
  [
    'valueTrue and valueFalse swapped',
    (_, q) => Object.assign(q, { valueTrue: false, valueFalse: true }),
    /"valueTrue"/,
  ],
  [
    'a trigger that sets it',
    (f) =>
      Object.assign(f.survey, {
        triggers: [{ type: 'setvalue', expression: 'true', setToName: 'samtycker', setValue: true }],
      }),
    /"triggers"/,
  ],
  [
    'a trigger that completes the form',
    (f) => Object.assign(f.survey, { triggers: [{ type: 'complete', expression: '{svarar_med} notempty' }] }),
    /"triggers"/,
  ],
  [
    'a calculated value',
    (f) =>
      Object.assign(f.survey, {
        calculatedValues: [{ name: 'samtycker', expression: 'true', includeIntoResult: true }],
      }),
    /"calculatedValues"/,
  ],
  [
    'a hidden question writing to it through valueName',
    (f) =>
      page(f).elements.push({
        type: 'boolean',
        name: 'x',
        valueName: 'samtycker',
        visibleIf: '1 = 2',
        defaultValue: true,
      }),
    /"valueName"/,
  ],
  [
    'a second question of the same name',
    (f) => page(f).elements.push({ type: 'boolean', name: 'samtycker', visibleIf: '1 = 2' }),
    /Namnet "samtycker" används av 2 element/,
  ],
  [
    'a page that never shows',
    (f) => Object.assign(page(f), { visibleIf: '1 = 2' }),
    /ligger i sidan "information" som har "visibleIf"/,
  ],
  [
    'a panel that never shows',
    (f) => {
      const elements = page(f).elements;
      const at = elements.findIndex((e) => e.name === 'samtycker');
      elements.splice(at, 1, { type: 'panel', name: 'gomd', visibleIf: '1 = 2', elements: [elements[at]!] });
    },
    /ligger i panelen "gomd" som har "visibleIf"/,
  ],
  [
    'a toggle whose text is hidden',
    (_, q) => Object.assign(q, { renderAs: 'default', titleLocation: 'hidden' }),
    /titleLocation "hidden"/,
  ],
  ['no text at all', (_, q) => Object.assign(q, { title: { sv: ' ', en: ' ' } }), /behöver en text/],
];

function tampered(key: string, tamper: Tamper): DefinitionFileJson {
  const file = shippedDefinition('samtycke-forskning');
  file.meta.key = key;
  tamper(file, questionIn(file, 'samtycker'));
  return file;
}

describe('a consent version with a consent question answered for the participant', () => {
  it.each(TRICKS)('is refused: %s', (_, tamper, named) => {
    const errors = checkDraft(tampered('samtycke-forskning', tamper)).findings.filter((f) => f.severity === 'error');
    expect(errors.map((f) => f.message).join('\n')).toMatch(named);
  });

  it('the shipped consent passes', () => {
    expect(checkDraft(shippedDefinition('samtycke-forskning')).findings).toEqual([]);
  });
});

describe.each(engines.filter((e) => e !== 'supabase'))('importing and publishing it on %s', (engine) => {
  let db: SqlExecutor;
  let store: RpcStore;
  let world: World;
  let api: AdminApi;

  beforeAll(async () => {
    ({ db, store } = await openTestDatabase(engine));
    world = await createWorld(store);
    api = await adminApi(store, db, world);
  });
  afterAll(() => db.close());

  it('refuses every trick at import; nothing is stored', async () => {
    for (const [name, tamper] of TRICKS) {
      const key = freshKey('samtycke');
      const res = await api.importFile(tampered(key, tamper));
      expect(res.status, name).toBe(422);
      expect(await api.rowsOf(key), name).toBe(0);
    }
  });

  it('refuses to publish a draft that hid and preset the question; nothing is published', async () => {
    const key = freshKey('samtycke');
    const imported = await api.importFile(tampered(key, () => {}));
    expect(imported.status).toBe(201);
    const { definition } = (await imported.json()) as { definition: { id: string } };
    const text = JSON.stringify(
      tampered(key, (_, q) => Object.assign(q, { visible: false, defaultValue: true })),
      null,
      2,
    );
    expect((await api.call('PUT', `/api/admin/definitions/${definition.id}`, text, 'text/plain')).status).toBe(200);
    const res = await api.call('POST', `/api/admin/definitions/${definition.id}/publish`, '{"confirmations":[]}');
    expect(res.status).toBe(422);
    expect(await store.publishedDefinition(world.coach, key)).toBeNull();
  });
});
