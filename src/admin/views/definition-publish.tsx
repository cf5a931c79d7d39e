/**
 * /admin/definitions/:id/publish: before a draft is published, what follows, what changed, which
 * scored items continue their series, and every change that needs an explicit choice, as
 * checkboxes. Confirmations are grouped by the finding's kind; a kind without a heading of its own
 * is still listed (under "Övrigt att bekräfta"), so new kinds of findings work here unchanged.
 */
import type { AdminDefinition, StaffContext } from '../../store/store.ts';
import type { Finding } from '../../surveys/definition-rules.ts';
import { textsOf } from '../../surveys/definition-diff.ts';
import type { PublishReview } from '../definition-publish.ts';
import { asset } from '../../views/assets.ts';
import { Layout } from '../../views/layout.tsx';
import { DiffDetails } from './definition-diff.tsx';

/** Headings per kind of finding to confirm; `label` replaces the finding's message as the box's label. */
const CONFIRM_KINDS: Record<string, { heading: string; label?: string }> = {
  removed: { heading: 'Poängsatta frågor som tas bort' },
  renamed: { heading: 'Poängsatta frågor med nytt namn' },
  rescaled: { heading: 'Ändrade skalor' },
  reworded: { heading: 'Ändrade formuleringar av poängsatta frågor' },
  translation: {
    heading: 'Översättningar som inte är granskade',
    label: 'Publicera ändå; texten markeras som ej granskad',
  },
};
const OTHER_KIND: { heading: string; label?: string } = { heading: 'Övrigt att bekräfta' };

export interface PublishPageProps {
  staff: StaffContext;
  review: PublishReview;
  /** A refusal to show at the top (a stale page, confirmations missing). */
  problem?: { message: string; missing?: Finding[] };
  /** Boxes to show ticked (what was sent, when only some were missing). */
  ticked?: string[];
}

const titleOf = (def: AdminDefinition) => (def.meta as { title?: { sv?: string } }).title?.sv ?? def.key;

export function PublishPage(props: PublishPageProps) {
  const { def, base } = props.review.loaded;
  const title = titleOf(def);
  const back = `/admin/definitions/${def.id}`;
  return (
    <Layout title={`Publicera ${title} version ${def.version}`} staff={props.staff}>
      <link rel="stylesheet" href={asset('editor.css')} />
      <p>
        <a href={back}>← Tillbaka till utkastet</a>
      </p>
      <h1>
        Publicera {title}, version {def.version}
      </h1>
      {props.problem ? <Problem {...props.problem} /> : null}
      {def.status !== 'draft' ? <NotDraft def={def} /> : <Review {...props} base={base} />}
    </Layout>
  );
}

function Problem(props: { message: string; missing?: Finding[] }) {
  return (
    <div class="notice error" role="alert" id="publish-problem">
      <p>{props.message}</p>
      {props.missing?.length ? (
        <ul>
          {props.missing.map((f) => (
            <li>{f.message}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

function NotDraft({ def }: { def: AdminDefinition }) {
  return (
    <div class="notice card" id="publish-not-draft">
      <p>
        Version {def.version} är {def.status === 'published' ? 'redan publicerad' : 'tagen ur bruk'}. Bara ett utkast
        kan publiceras, och en publicerad version kan inte ändras.
      </p>
      <p>
        <a href={`/admin/definitions/${def.id}`}>Öppna version {def.version}</a> och gör ett nytt utkast där.
      </p>
    </div>
  );
}

function Review(props: PublishPageProps & { base: AdminDefinition | null }) {
  const { def } = props.review.loaded;
  const { findings, diff, questions } = props.review;
  const errors = findings.filter((f) => f.severity === 'error');
  const warnings = findings.filter((f) => f.severity === 'warning');
  return (
    <>
      <section class="card publish-what" aria-labelledby="publish-what">
        <h2 id="publish-what">Vad som händer</h2>
        <p>
          Version {def.version} blir den som används för nya svar från och med nu. En publicerad version kan inte
          ändras; ändringar görs i ett nytt utkast. Resultat redovisas per version; frågor som är oförändrade räknas
          ihop över versionerna.
        </p>
      </section>
      <section aria-labelledby="publish-changes" id="publish-changes-section">
        <h2 id="publish-changes">{props.base ? `Ändringar jämfört med version ${props.base.version}` : 'Ändringar'}</h2>
        {diff ? (
          <DiffDetails diff={diff} questions={questions} level={3} />
        ) : (
          <p>Det finns ingen tidigare version att jämföra med. Allt i versionen är nytt.</p>
        )}
      </section>
      <Series review={props.review} />
      {warnings.length ? (
        <section class="card" aria-labelledby="publish-warnings">
          <h2 id="publish-warnings">Bra att veta</h2>
          <ul>
            {warnings.map((f) => (
              <li>{f.message}</li>
            ))}
          </ul>
        </section>
      ) : null}
      {errors.length ? <Errors def={def} errors={errors} /> : <Confirm {...props} />}
    </>
  );
}

function Series({ review }: { review: PublishReview }) {
  if (!review.series.length) return null;
  return (
    <section class="card" aria-labelledby="publish-series">
      <h2 id="publish-series">Poängsatta frågor över tid</h2>
      <p>
        En fråga fortsätter sin serie när namn, skala, frågetext och svarsalternativ är exakt desamma i alla språk som i
        en tidigare version. Då räknas svaren ihop med den versionens. Annars börjar en ny serie.
      </p>
      <ul class="series-list">
        {review.series.map((s) => {
          const text = textsOf(review.questions.get(s.name)?.title);
          return (
            <li data-item={s.name} class={s.continues.length ? 'series-continues' : 'series-new'}>
              <code>{s.name}</code> {(text.sv ?? text.default) ? <span>”{text.sv ?? text.default}”</span> : null}:{' '}
              <strong>{s.continues.length ? 'fortsätter sin serie' : 'börjar en ny serie'}</strong>
              {s.continues.length ? (
                <span class="muted"> (samma fråga som i version {s.continues.join(', ')})</span>
              ) : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

function Errors({ def, errors }: { def: AdminDefinition; errors: Finding[] }) {
  return (
    <section class="card notice error" aria-labelledby="publish-errors" id="publish-errors-section">
      <h2 id="publish-errors">Utkastet kan inte publiceras än</h2>
      <p>Rätta de här felen i utkastet först:</p>
      <ul>
        {errors.map((f) => (
          <li>{f.message}</li>
        ))}
      </ul>
      <p>
        <a href={`/admin/definitions/${def.id}`}>Tillbaka till utkastet för att rätta felen</a>
      </p>
    </section>
  );
}

/** Findings to confirm, grouped by kind in the order they come. */
function groups(findings: Finding[]): [string, Finding[]][] {
  const out = new Map<string, Finding[]>();
  for (const f of findings) if (f.severity === 'confirm') out.set(f.kind, [...(out.get(f.kind) ?? []), f]);
  return [...out];
}

function Confirm(props: PublishPageProps) {
  const { def } = props.review.loaded;
  const ticked = new Set(props.ticked ?? []);
  let n = 0;
  return (
    <form method="post" action={`/admin/definitions/${def.id}/publish`} class="publish-form">
      <input type="hidden" name="fingerprint" value={props.review.fingerprint} />
      {groups(props.review.findings).map(([kind, list]) => {
        const k = CONFIRM_KINDS[kind] ?? OTHER_KIND;
        return (
          <fieldset class="card confirm-group" data-kind={kind}>
            <legend>{k.heading}</legend>
            {list.map((f) => {
              const id = `confirm-${n++}`;
              return (
                <div class="confirm-item">
                  {k.label ? <p id={`${id}-text`}>{f.message}</p> : null}
                  <label>
                    <input
                      type="checkbox"
                      name="confirmations"
                      value={f.id}
                      id={id}
                      checked={ticked.has(f.id)}
                      required
                      aria-describedby={k.label ? `${id}-text` : undefined}
                    />{' '}
                    {k.label ?? f.message}
                  </label>
                </div>
              );
            })}
          </fieldset>
        );
      })}
      <p>
        <button type="submit" class="primary">
          Publicera version {def.version}
        </button>{' '}
        <a href={`/admin/definitions/${def.id}`}>Avbryt</a>
      </p>
    </form>
  );
}
