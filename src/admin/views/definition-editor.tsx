import type { AdminDefinition, StaffContext } from '../../store/store.ts';
import { asset } from '../../views/assets.ts';
import { formatTime, STATUS_LABEL } from './definitions.tsx';
import { Layout } from '../../views/layout.tsx';
import type { EditorSchema } from '../../surveys/property-schema.ts';

interface EditorProps {
  staff: StaffContext;
  def: AdminDefinition;
  base: AdminDefinition | null;
  text: string;
  notice?: string;
  /** What the form editor needs: the property schema, the base version's names, locked wording. */
  editorData: { schema: EditorSchema; baseNames: string[]; locked: boolean };
}

/**
 * /admin/definitions/:id: the form editor and the JSON ("Avancerat") over the same draft, beside
 * the participant page's preview. The editor script (src/client/editor.ts) draws the form, saves
 * and checks every change and reloads the preview; without it the page shows the JSON and the
 * forms (new draft, unlock, publish confirmation) still work.
 */
export function DefinitionEditorPage(props: EditorProps) {
  const { def, base } = props;
  const draft = def.status === 'draft';
  const title = (def.meta as { title?: { sv?: string } }).title?.sv ?? def.key;
  return (
    <Layout title={`${title} – version ${def.version}`} staff={props.staff}>
      <link rel="stylesheet" href={asset('survey-core.fontless.min.css')} />
      <link rel="stylesheet" href={asset('editor.css')} />
      <p>
        <a href="/admin/definitions">← Alla enkäter och samtycken</a>
      </p>
      <h1>
        {title} – version {def.version} <span class={`status status-${def.status}`}>{STATUS_LABEL[def.status]}</span>
      </h1>
      <p class="muted">
        Nyckel <code>{def.key}</code> · skapad {formatTime(def.created_at)} ·{' '}
        {def.published_at
          ? `publicerad ${formatTime(def.published_at)}`
          : `senast sparad ${formatTime(def.updated_at)}`}
        {base ? (
          <>
            {' '}
            · bygger på version {base.version} (
            <a href={`/admin/definitions/diff?a=${base.id}&b=${def.id}`} id="diff-link">
              visa skillnader mot version {base.version}
            </a>
            )
          </>
        ) : null}
        {' · '}
        <a href={`/api/admin/definitions/${def.id}/export`}>Exportera som JSON-fil</a>
        {' · '}
        <a href={`/admin/definitions/${def.id}/translations`} id="translation-link">
          Översättning: exportera och läs in
        </a>
      </p>
      {props.notice ? (
        <p class="notice" role="status">
          {props.notice}
        </p>
      ) : null}
      {draft ? null : <NotDraft def={def} />}
      {draft && base && (base.meta as { lockedWording?: boolean }).lockedWording ? <Unlock def={def} /> : null}
      <div class="definition-editor" id="definition-editor" data-id={def.id} data-status={def.status}>
        <section class="editor-pane" aria-labelledby="editor-heading">
          <h2 id="editor-heading">{draft ? 'Redigera' : 'Innehåll'}</h2>
          <div id="definition-status" role="status" class="editor-status"></div>
          <ul id="form-findings" class="findings" aria-label="Fel och ändringar som gäller hela enkäten"></ul>
          <div id="editor-tabs" class="editor-tabs" role="tablist" aria-label="Visa som" hidden>
            <button type="button" role="tab" id="tab-form" aria-controls="panel-form" aria-selected="true">
              Formulär
            </button>
            <button type="button" role="tab" id="tab-json" aria-controls="panel-json" aria-selected="false">
              Avancerat (JSON)
            </button>
          </div>
          <div role="tabpanel" id="panel-form" aria-labelledby="tab-form" hidden>
            <p id="form-unreadable" class="notice error" hidden>
              JSON-texten går inte att läsa som en definition. Rätta den under Avancerat (JSON) så visas formuläret
              igen.
            </p>
            <div id="form-editor" class="form-editor"></div>
          </div>
          <div role="tabpanel" id="panel-json" aria-labelledby="tab-json">
            <label for="definition-text">JSON: vår metadata (meta) och SurveyJS-definitionen (survey)</label>
            <div class="code-wrap">
              <pre class="code-highlight" aria-hidden="true">
                <code id="definition-highlight"></code>
              </pre>
              <textarea id="definition-text" spellcheck={false} autocomplete="off" readonly={!draft} wrap="off">
                {props.text}
              </textarea>
            </div>
            <ul id="definition-findings" class="findings" aria-label="Fel och ändringar"></ul>
          </div>
          <p id="form-announce" class="visually-hidden" aria-live="polite"></p>
          {draft ? (
            <div class="editor-actions">
              <button type="button" id="definition-save">
                Spara nu
              </button>
              <a class="button primary" id="definition-publish" href={`/admin/definitions/${def.id}/publish`}>
                Granska och publicera version {def.version}
              </a>
            </div>
          ) : null}
        </section>
        <section class="preview-pane" aria-labelledby="preview-heading">
          <h2 id="preview-heading">Förhandsvisning som deltagaren ser den</h2>
          <p class="muted">{draft ? 'Visar det sparade utkastet. ' : ''}Svar sparas inte.</p>
          <div id="definition-preview"></div>
        </section>
      </div>
      <script
        type="application/json"
        id="editor-data"
        dangerouslySetInnerHTML={{ __html: jsonForScript(props.editorData) }}
      ></script>
      <script type="module" src={asset('editor.js')}></script>
    </Layout>
  );
}

/** JSON inside a <script type="application/json">: "<" escaped, so no text can close the element. */
function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

function NotDraft({ def }: { def: AdminDefinition }) {
  return (
    <div class="notice card">
      <p>
        {def.status === 'published'
          ? 'Den här versionen är publicerad och kan inte ändras.'
          : 'Den här versionen är tagen ur bruk.'}{' '}
        Ändringar görs i ett nytt utkast.
      </p>
      <form method="post" action={`/admin/definitions/${def.id}/draft`} class="inline">
        <button type="submit">Nytt utkast från version {def.version}</button>
      </form>{' '}
      {def.status === 'published' ? (
        <a class="button" href={`/admin/definitions/${def.id}/retire`}>
          Ta version {def.version} ur bruk …
        </a>
      ) : null}
    </div>
  );
}

function Unlock({ def }: { def: AdminDefinition }) {
  if (def.wording_unlock) {
    return (
      <p class="notice card" id="wording-unlocked">
        Formuleringarna är upplåsta för detta utkast ({formatTime(def.wording_unlock.at)}). Motivering:{' '}
        {def.wording_unlock.reason}
      </p>
    );
  }
  return (
    <form method="post" action={`/admin/definitions/${def.id}/unlock`} class="card inline-form" id="wording-lock">
      <p>
        Formuleringarna är <strong>låsta</strong> (licensierat instrument): frågetexter och svarsalternativ kan inte
        ändras. Lås upp dem för det här utkastet bara om licensgivaren har godkänt en ny text. Motiveringen sparas i
        loggen.
      </p>
      <label>
        Motivering
        <input type="text" name="reason" minlength={3} maxlength={500} required />
      </label>
      <button type="submit">Lås upp formuleringarna</button>
    </form>
  );
}
