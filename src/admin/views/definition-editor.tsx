import type { AdminDefinition, StaffContext } from '../../store/store.ts';
import { asset } from '../../views/assets.ts';
import { formatTime, STATUS_LABEL } from './definitions.tsx';
import { Layout } from '../../views/layout.tsx';

interface EditorProps {
  staff: StaffContext;
  def: AdminDefinition;
  base: AdminDefinition | null;
  text: string;
  notice?: string;
}

/**
 * /admin/definitions/:id: the JSON editor beside a phone-sized preview. The editor script
 * (src/client/editor.ts) highlights the JSON, checks every change and draws the preview; without
 * it the page still shows the definition and the forms work.
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
      </p>
      {props.notice ? (
        <p class="notice" role="status">
          {props.notice}
        </p>
      ) : null}
      {draft ? null : <NotDraft def={def} />}
      {draft && base && (base.meta as { lockedWording?: boolean }).lockedWording ? <Unlock def={def} /> : null}
      <div
        class="definition-editor"
        id="definition-editor"
        data-id={def.id}
        data-status={def.status}
        data-version={String(def.version)}
        data-preview-script={asset('preview.js')}
        data-preview-styles={`${asset('survey-core.fontless.min.css')} ${asset('app.css')}`}
      >
        <section class="editor-pane" aria-labelledby="editor-heading">
          <h2 id="editor-heading">Definition</h2>
          <label for="definition-text">JSON: vår metadata (meta) och SurveyJS-definitionen (survey)</label>
          <div class="code-wrap">
            <pre class="code-highlight" aria-hidden="true">
              <code id="definition-highlight"></code>
            </pre>
            <textarea id="definition-text" spellcheck={false} autocomplete="off" readonly={!draft} wrap="off">
              {props.text}
            </textarea>
          </div>
          <div id="definition-status" role="status" class="muted"></div>
          <ul id="definition-findings" class="findings" aria-label="Fel och ändringar"></ul>
          {draft ? (
            <>
              <fieldset id="definition-confirmations" class="confirmations" hidden>
                <legend>Bekräfta ändringarna av poängsatta frågor</legend>
                <div id="definition-confirmation-list"></div>
              </fieldset>
              <div class="editor-actions">
                <button type="button" id="definition-save">
                  Spara utkast
                </button>
                <button type="button" id="definition-publish" class="primary" disabled>
                  Publicera version {def.version}
                </button>
              </div>
            </>
          ) : null}
        </section>
        <section class="preview-pane" aria-labelledby="preview-heading">
          <div class="preview-head">
            <h2 id="preview-heading">Förhandsvisning (mobil)</h2>
            <label class="preview-lang">
              Språk
              <select id="preview-lang">
                <option value="sv">Svenska</option>
                <option value="en">English</option>
              </select>
            </label>
          </div>
          <div class="phone-frame">
            <div id="definition-preview" class="participant"></div>
          </div>
        </section>
      </div>
      <script type="module" src={asset('editor.js')}></script>
    </Layout>
  );
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
        <form method="post" action={`/admin/definitions/${def.id}/retire`} class="inline">
          <button type="submit" class="link-button">
            Ta version {def.version} ur bruk
          </button>
        </form>
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
