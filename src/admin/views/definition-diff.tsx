import type { Child } from 'hono/jsx';
import type { ChangeField, DefinitionDiff, FieldChange, ItemDiff } from '../../surveys/definition-diff.ts';
import { textsOf } from '../../surveys/definition-diff.ts';
import type { AdminDefinition, StaffContext } from '../../store/store.ts';
import type { QuestionJson } from '../../surveys/definition.ts';
import { asset } from '../../views/assets.ts';
import { Layout } from '../../views/layout.tsx';

const FIELD_LABEL: Record<ChangeField, string> = {
  title: 'Frågetext',
  description: 'Beskrivning',
  noneText: '"Vet inte"-alternativ',
  otherText: '"Annat"-alternativ',
  labelTrue: 'Text för ja',
  labelFalse: 'Text för nej',
  minRateDescription: 'Text vid lägsta värdet',
  maxRateDescription: 'Text vid högsta värdet',
  html: 'Informationstext',
  choiceText: 'Svarsalternativens text',
  type: 'Frågetyp',
  values: 'Svarsvärden',
  scale: 'Skala (metadata)',
  scored: 'Poängsatt',
  required: 'Obligatorisk',
  occasions: 'Tillfällen',
  freeText: 'Fritextfrågor',
  lockedWording: 'Låsta formuleringar',
};
const LANG_LABEL: Record<string, string> = { sv: 'svenska', en: 'engelska', default: 'alla språk' };
/** A language's Swedish name ("ar" → "arabiska"), or its code when unknown. */
function langLabel(lang: string): string {
  if (LANG_LABEL[lang]) return LANG_LABEL[lang];
  try {
    return new Intl.DisplayNames(['sv'], { type: 'language' }).of(lang) ?? lang;
  } catch {
    return lang;
  }
}
const STATUS_TEXT = { added: 'Tillagd', removed: 'Borttagen', changed: 'Ändrad' } as const;

interface DiffProps {
  staff: StaffContext;
  a: AdminDefinition;
  b: AdminDefinition;
  diff: DefinitionDiff;
  /** Questions of both versions by name, for the texts of added and removed items. */
  questions: Map<string, QuestionJson>;
}

/** /admin/definitions/diff?a=&b=: what changed from version a to version b, in words. */
export function DefinitionDiffPage(props: DiffProps) {
  const { a, b, diff } = props;
  return (
    <Layout title={`Skillnader ${a.key} ${a.version} → ${b.version}`} staff={props.staff}>
      <link rel="stylesheet" href={asset('editor.css')} />
      <p>
        <a href={`/admin/definitions/${b.id}`}>← Till version {b.version}</a> ·{' '}
        <a href="/admin/definitions">Alla enkäter och samtycken</a>
      </p>
      <h1>
        Skillnader i <code>{a.key}</code>: version {a.version} → version {b.version}
      </h1>
      <DiffDetails diff={diff} questions={props.questions} />
    </Layout>
  );
}

/**
 * What changed, in words: a summary line, metadata changes, then one card per question added,
 * removed or changed. Also on the publish confirmation page (definition-publish.tsx), one heading
 * level lower.
 */
export function DiffDetails(props: { diff: DefinitionDiff; questions: Map<string, QuestionJson>; level?: 2 | 3 }) {
  const { diff } = props;
  const H = (p: { children: Child }) => (props.level === 3 ? <h3>{p.children}</h3> : <h2>{p.children}</h2>);
  const count = (s: ItemDiff['status']) => diff.items.filter((i) => i.status === s).length;
  return (
    <>
      <p id="diff-summary">
        {count('added')} tillagda, {count('removed')} borttagna, {count('changed')} ändrade och {diff.unchanged}{' '}
        oförändrade frågor.
      </p>
      {diff.meta.length ? (
        <section class="card">
          <H>Metadata</H>
          <ChangeTable changes={diff.meta} />
        </section>
      ) : null}
      {diff.items.map((item) => (
        <section class={`card diff-item diff-${item.status}`} data-item={item.name}>
          <H>
            {STATUS_TEXT[item.status]}: <code>{item.name}</code>
            {item.scored ? <span class="muted"> (poängsatt)</span> : null}
          </H>
          {item.status === 'changed' ? (
            <ChangeTable changes={item.changes} />
          ) : (
            <QuestionTexts question={props.questions.get(item.name)} />
          )}
        </section>
      ))}
      {diff.items.length === 0 && diff.meta.length === 0 ? <p>Inga skillnader i frågor eller metadata.</p> : null}
    </>
  );
}

function ChangeTable({ changes }: { changes: FieldChange[] }) {
  return (
    <div class="table-wrap">
      <table class="diff-table">
        <thead>
          <tr>
            <th scope="col">Vad</th>
            <th scope="col">Språk</th>
            <th scope="col">Före</th>
            <th scope="col">Efter</th>
          </tr>
        </thead>
        <tbody>
          {changes.map((c) => (
            <tr>
              <th scope="row">{FIELD_LABEL[c.field]}</th>
              <td>{c.lang ? langLabel(c.lang) : '–'}</td>
              <td class="before">
                <del>{c.before || '–'}</del>
              </td>
              <td class="after">
                <ins>{c.after || '–'}</ins>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function QuestionTexts({ question }: { question: QuestionJson | undefined }) {
  if (!question) return null;
  const title = textsOf(question.title);
  return (
    <p>
      Typ {question.type}.{' '}
      {Object.entries(title).map(([lang, text]) => (
        <span lang={lang === 'default' ? undefined : lang}>
          {langLabel(lang)}: ”{text}”{' '}
        </span>
      ))}
    </p>
  );
}
