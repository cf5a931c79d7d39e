import { dirOf } from '../../client/texts.ts';
import type { AdminDefinition, StaffContext } from '../../store/store.ts';
import type { TranslationFormat, TranslationPreview } from '../../surveys/translation-files.ts';
import { Layout } from '../../views/layout.tsx';
import { useTexts } from '../../views/lang.tsx';
import { LanguageName, titleOf } from './definition-translation.tsx';
import { translationTexts } from './translation-texts.ts';

export interface PreviewProps {
  staff: StaffContext;
  def: AdminDefinition;
  preview: TranslationPreview;
  format: TranslationFormat;
  /** The state the changes apply to (translation-routes.tsx importTarget): confirming elsewhere is refused. */
  of: string;
  source?: { key: string; version: number };
  /** The wording is locked and the draft not unlocked: publishing will need an unlock. */
  locked: boolean;
}

/** What an uploaded translation changes, text by text, and the form that writes it into the draft. */
export function TranslationPreviewPage(props: PreviewProps) {
  const t = useTexts(translationTexts);
  const { def, preview: p } = props;
  const dir = dirOf(p.lang);
  const flagged = p.changes.filter((ch) => ch.sourceChanged).length;
  const counts: [number, string][] = [
    [p.changes.length, t.changed],
    [p.unchanged, t.unchanged],
    [p.empty, t.empty],
    [p.missing, t.missing],
    [p.unknown.length, t.unknown],
    [flagged, t.sourceChangedCount],
  ];
  return (
    <Layout title={t.heading(titleOf(def), def.version)} staff={props.staff}>
      <p>
        <a href={`/admin/definitions/${def.id}/translations`}>{t.cancel}</a>
      </p>
      <h1>
        {t.heading(titleOf(def), def.version)}: <LanguageName lang={p.lang} />
      </h1>
      {props.source ? <p class="muted">{t.fileFrom(props.source.key, props.source.version)}</p> : null}
      <ul class="translation-counts" id="translation-counts">
        {counts.map(([n, label]) => (
          <li>
            <strong>{n}</strong> {label}
          </li>
        ))}
      </ul>
      {p.unknown.length ? (
        <details class="card">
          <summary>{t.unknownKeys}</summary>
          <ul>
            {p.unknown.slice(0, 200).map((k) => (
              <li>
                <code>{k}</code>
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      <h2>{t.previewHeading}</h2>
      {p.changes.length === 0 ? <p class="notice">{t.noChanges}</p> : null}
      {p.changes.length && props.locked ? (
        <p class="notice" id="translation-locked">
          {t.locked}
        </p>
      ) : null}
      <ol class="translation-changes">
        {p.changes.map((ch) => (
          <li class={`card${ch.sourceChanged ? ' source-changed' : ''}`}>
            <p class="muted">
              {ch.context} · <code>{ch.key}</code>
            </p>
            {ch.sourceChanged ? <p class="notice error">{t.sourceChanged}</p> : null}
            <dl>
              <dt>{t.source}</dt>
              <dd lang="sv">{ch.sv}</dd>
              <dt>{t.old}</dt>
              <dd lang={p.lang} dir={dir}>
                {ch.old || <span class="muted">{t.none}</span>}
              </dd>
              <dt>{t.new}</dt>
              <dd lang={p.lang} dir={dir} class="translation-new">
                {ch.new}
              </dd>
            </dl>
          </li>
        ))}
      </ol>
      {p.changes.length ? (
        <form
          method="post"
          action={`/admin/definitions/${def.id}/translations/confirm`}
          enctype="multipart/form-data"
          class="translation-confirm"
        >
          <input type="hidden" name="lang" value={p.lang} />
          <input type="hidden" name="format" value={props.format} />
          <input type="hidden" name="of" value={props.of} />
          <input
            type="hidden"
            name="changes"
            value={JSON.stringify(p.changes.map((ch) => ({ key: ch.key, text: ch.new })))}
          />
          <button type="submit" class="primary">
            {t.confirm(p.changes.length)}
          </button>{' '}
          <a class="button" href={`/admin/definitions/${def.id}/translations`}>
            {t.cancel}
          </a>
        </form>
      ) : null}
    </Layout>
  );
}
