import type { DefinitionListEntry, StaffContext } from '../../store/store.ts';
import { asset } from '../../views/assets.ts';
import { Layout } from '../../views/layout.tsx';
import { localDateTime } from '../../views/time.ts';

export const STATUS_LABEL = { draft: 'Utkast', published: 'Publicerad', retired: 'Ur bruk' } as const;
const KIND_LABEL = { survey: 'Enkät', consent: 'Samtycke' } as const;

export function formatTime(iso: string | null): string {
  return iso ? localDateTime(iso) : '–';
}

/** /admin/definitions: every questionnaire and consent form with its versions. */
export function DefinitionListPage(props: { staff: StaffContext; entries: DefinitionListEntry[]; notice?: string }) {
  return (
    <Layout title="Enkäter och samtycken" staff={props.staff}>
      <link rel="stylesheet" href={asset('editor.css')} />
      <h1>Enkäter och samtycken</h1>
      <p class="muted">
        Enkäterna och samtyckestexterna är er organisations egna och används av organisationens projekt. De började som
        kopior av bibliotekets versioner; när biblioteket får en ny version kan ni anta den som ett utkast. En
        publicerad version ändras aldrig: nya ändringar görs i ett utkast som blir nästa version. Nya svar använder den
        senaste publicerade versionen; svar som redan lämnats hör alltid till den version de gavs i. Antalet svar gäller
        projekten du administrerar.
      </p>
      {props.notice ? (
        <p class="notice" role="status">
          {props.notice}
        </p>
      ) : null}
      <form method="post" action="/admin/definitions/import" enctype="multipart/form-data" class="inline-form card">
        <label>
          Importera en definition (JSON-fil med meta och survey)
          <input type="file" name="file" accept=".json,application/json" required />
        </label>
        <button type="submit">Importera som utkast</button>
      </form>
      {props.entries.map((entry) => (
        <DefinitionEntry entry={entry} />
      ))}
    </Layout>
  );
}

function DefinitionEntry({ entry }: { entry: DefinitionListEntry }) {
  const current = entry.versions.find((v) => v.status === 'published');
  const draft = entry.versions.find((v) => v.status === 'draft');
  const title = (current ?? entry.versions[0])?.title?.sv ?? entry.key;
  const adopted = Math.max(0, ...entry.versions.map((v) => v.library_version ?? 0));
  const newer = entry.library_version !== null && entry.library_version > adopted ? entry.library_version : null;
  return (
    <section class="card definition-entry" data-key={entry.key}>
      <h2>
        {title}{' '}
        <span class="muted">
          ({KIND_LABEL[entry.kind]}, nyckel <code>{entry.key}</code>)
        </span>
      </h2>
      {newer !== null && !draft ? (
        <form method="post" action={`/admin/definitions/library/${entry.key}/adopt`} class="inline-form library-update">
          <span>Biblioteket har version {newer}.</span>{' '}
          <button type="submit">Anta bibliotekets version {newer} som utkast</button>
        </form>
      ) : null}
      <div class="table-wrap">
        <table class="definition-versions">
          <thead>
            <tr>
              <th scope="col">Version</th>
              <th scope="col">Status</th>
              <th scope="col">Publicerad</th>
              <th scope="col">{entry.kind === 'consent' ? 'Samtycken' : 'Svar'}</th>
              <th scope="col">Låst text</th>
              <th scope="col">Åtgärder</th>
            </tr>
          </thead>
          <tbody>
            {entry.versions.map((v, i) => {
              const previous = entry.versions[i + 1];
              return (
                <tr data-version={v.version}>
                  <th scope="row">
                    <a href={`/admin/definitions/${v.id}`}>Version {v.version}</a>
                  </th>
                  <td>
                    {STATUS_LABEL[v.status]}
                    {v === current ? <span class="in-use"> · används för nya svar</span> : null}
                    {v.library_version !== null ? (
                      <span class="muted"> · från bibliotekets version {v.library_version}</span>
                    ) : null}
                  </td>
                  <td>{formatTime(v.published_at)}</td>
                  <td>{v.responses}</td>
                  <td>{v.locked ? 'Ja' : 'Nej'}</td>
                  <td class="actions">
                    <a href={`/admin/definitions/${v.id}`}>{v.status === 'draft' ? 'Redigera' : 'Visa'}</a>
                    {previous ? (
                      <a href={`/admin/definitions/diff?a=${previous.id}&b=${v.id}`}>
                        Jämför med version {previous.version}
                      </a>
                    ) : null}
                    <a href={`/admin/definitions/${v.id}/languages`}>Språk för deltagare</a>
                    <a href={`/api/admin/definitions/${v.id}/export`}>Exportera</a>
                    {!draft ? (
                      <form method="post" action={`/admin/definitions/${v.id}/draft`} class="inline">
                        <button type="submit" class="link">
                          Nytt utkast från denna version
                        </button>
                      </form>
                    ) : null}
                    {v.status === 'published' ? (
                      <a class="button retire" href={`/admin/definitions/${v.id}/retire`}>
                        Ta version {v.version} ur bruk
                      </a>
                    ) : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
