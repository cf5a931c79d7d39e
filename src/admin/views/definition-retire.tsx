import { AppError } from '../../errors.ts';
import type { DefinitionListEntry, StaffContext } from '../../store/store.ts';
import { Layout } from '../../views/layout.tsx';
import { formatTime } from './definitions.tsx';

type Version = DefinitionListEntry['versions'][number];

/**
 * What retiring one published version changes, from the versions of its key. New answers use the
 * newest published version (public.published_definition), so retiring it hands them to the next
 * newest published one, or to none.
 */
export interface RetireFacts {
  entry: DefinitionListEntry;
  version: Version;
  /** The version new answers use today. */
  current: Version;
  /** The version new answers use afterwards; null: none, the survey cannot be answered. */
  after: Version | null;
  draft: Version | null;
}

/** The facts for the version with this id; not in the caller's list: 404; not published: 409. */
export function retireFacts(entries: DefinitionListEntry[], id: string): RetireFacts {
  const entry = entries.find((e) => e.versions.some((v) => v.id === id));
  const version = entry?.versions.find((v) => v.id === id);
  if (!entry || !version) throw new AppError('DEFINITION_NOT_FOUND');
  if (version.status !== 'published') throw new AppError('DEFINITION_NOT_PUBLISHED');
  const published = entry.versions.filter((v) => v.status === 'published').sort((a, b) => b.version - a.version);
  const current = published[0]!;
  const after = published.find((v) => v.id !== id) ?? null;
  return { entry, version, current, after, draft: entry.versions.find((v) => v.status === 'draft') ?? null };
}

/** The plain-Swedish words for what follows, so a consent form reads as one. */
function nouns(kind: DefinitionListEntry['kind']) {
  return kind === 'consent'
    ? { thing: 'samtyckestexten', given: 'samtycken', answer: 'ge sitt samtycke', newOnes: 'Nya samtycken' }
    : { thing: 'enkäten', given: 'svar', answer: 'svara', newOnes: 'Nya svar' };
}

function WhatChanges({ facts }: { facts: RetireFacts }) {
  const { version, current, after, draft, entry } = facts;
  const n = nouns(entry.kind);
  if (version.id !== current.id) {
    return (
      <p>
        Version {version.version} används inte för nya {n.given} i dag. {n.newOnes} använder version {current.version},
        och det ändras inte.
      </p>
    );
  }
  if (after) {
    return (
      <p>
        Version {version.version} är den som används för nya {n.given} i dag. {n.newOnes} använder i stället version{' '}
        {after.version} (publicerad {formatTime(after.published_at)}), den senaste publicerade versionen som är kvar.
      </p>
    );
  }
  return (
    <p class="notice error" data-testid="no-version-left">
      Version {version.version} är den enda publicerade versionen. När den är ur bruk går det inte att {n.answer} förrän
      ni publicerar en ny version
      {draft ? ` (ert utkast, version ${draft.version}, kan publiceras när det är klart)` : ''}.
    </p>
  );
}

/** What was given on the version (counted in the caller's projects only), and that it stays. */
function GivenSoFar({ facts }: { facts: RetireFacts }) {
  const { version, entry } = facts;
  const v = version.version;
  if (entry.kind === 'consent') {
    const count = version.responses === 0 ? 'Inga samtycken' : `${version.responses} samtycken`;
    return (
      <>
        {count} har getts till version {v} i projekten du administrerar. Samtycken som redan har getts gäller som förut.
      </>
    );
  }
  const count = version.responses === 0 ? 'Inga svar' : `${version.responses} svar`;
  return (
    <>
      {count} har getts på version {v} i projekten du administrerar. Svar som redan har getts finns kvar, hör till
      version {v} och räknas i resultaten som förut.
    </>
  );
}

/** GET /admin/definitions/:id/retire: what "Ta ur bruk" means, before the POST that does it. */
export function DefinitionRetirePage(props: { staff: StaffContext; facts: RetireFacts }) {
  const { entry, version } = props.facts;
  const n = nouns(entry.kind);
  const title = version.title?.sv ?? entry.key;
  return (
    <Layout title={`Ta version ${version.version} ur bruk`} staff={props.staff}>
      <p>
        <a href="/admin/definitions">Enkäter och samtycken</a>
      </p>
      <h1>Ta version {version.version} ur bruk?</h1>
      <p>
        <strong>{title}</strong>, version {version.version}, publicerad {formatTime(version.published_at)}.
      </p>
      <h2>Det här händer</h2>
      <ul class="retire-facts">
        <li>
          Inga nya {n.given} ges på version {version.version}.
          <WhatChanges facts={props.facts} />
        </li>
        <li>
          <GivenSoFar facts={props.facts} />
        </li>
        {entry.kind === 'survey' ? (
          <li>
            Svar som någon har börjat fylla i på version {version.version} men inte skickat in kan inte längre skickas
            in på den versionen.
          </li>
        ) : null}
        <li>
          Det går inte att ångra. Version {version.version} kan inte publiceras igen. Vill ni använda den igen skapar ni
          ett nytt utkast från den och publicerar det som en ny version.
        </li>
      </ul>
      <div class="retire-actions">
        <form method="post" action={`/admin/definitions/${version.id}/retire`} class="inline">
          <button type="submit" class="danger">
            Ta version {version.version} ur bruk
          </button>
        </form>
        <a class="button" href="/admin/definitions">
          Avbryt
        </a>
      </div>
      <p class="muted">Det här gäller {n.thing} för alla projekt i er organisation.</p>
    </Layout>
  );
}
