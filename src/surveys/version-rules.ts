/**
 * The rules across versions, which protect comparability: a scored item removed, renamed,
 * re-scaled or reworded needs an explicit confirmation; wording of a locked (licensed) instrument
 * may not change unless an admin unlocked the draft; a text changed in one language leaves its
 * other languages to be reviewed (translation-review.ts).
 */
import {
  diffDefinitions,
  questionMap,
  textsOf,
  TEXT_FIELDS,
  type DefinitionSide,
  type ItemDiff,
} from './definition-diff.ts';
import { err, langName, type Finding, type FindingKind } from './findings.ts';
import { translationFindings } from './translation-review.ts';

export interface VersionContext {
  baseVersion?: number;
  /** An admin unlocked the wording of this draft. */
  unlocked?: boolean;
}

const TEXT_CHANGE = new Set<string>([...TEXT_FIELDS, 'choiceText']);

/** The rules across versions: the draft against the version it builds on. */
export function crossVersion(base: DefinitionSide, draft: DefinitionSide, ctx: VersionContext): Finding[] {
  const diff = diffDefinitions(base, draft);
  const since = ctx.baseVersion ? ` jämfört med version ${ctx.baseVersion}` : '';
  const locked = base.meta.lockedWording === true && !ctx.unlocked;
  const findings: Finding[] = [];
  const confirm = (id: string, kind: FindingKind, item: string, message: string) =>
    findings.push({ id, kind, severity: 'confirm', item, message });
  const added = diff.items.filter((i) => i.status === 'added');
  const baseQuestions = questionMap(base.json);
  const draftQuestions = questionMap(draft.json);
  for (const item of diff.items) {
    if (item.status === 'removed') {
      const renamedTo = added.find((a) =>
        sameTitle(baseQuestions.get(item.name)?.title, draftQuestions.get(a.name)?.title),
      );
      if (item.scored && renamedTo)
        confirm(
          `renamed:${item.name}`,
          'renamed',
          item.name,
          `Den poängsatta frågan "${item.name}" verkar ha bytt namn till "${renamedTo.name}"${since}. Namn ska vara stabila mellan versioner: svar under det nya namnet jämförs inte med de gamla.`,
        );
      else if (item.scored)
        confirm(
          `removed:${item.name}`,
          'removed',
          item.name,
          `Den poängsatta frågan "${item.name}" är borttagen${since}. Den går inte längre att följa över tid.`,
        );
      else
        findings.push({
          id: `removed:${item.name}`,
          kind: 'removed',
          severity: 'warning',
          item: item.name,
          message: `Frågan "${item.name}" är borttagen${since}.`,
        });
    }
    if (item.status === 'changed') findings.push(...changedItem(item, since, locked, confirm));
  }
  if (base.meta.lockedWording === true && draft.meta.lockedWording !== true && !ctx.unlocked) {
    findings.push(
      err(
        'locked:flag',
        'locked',
        'Låsningen av formuleringarna (lockedWording) kan bara tas bort efter att en administratör låst upp dem med en motivering.',
      ),
    );
  }
  findings.push(...translationFindings(base, draft, since));
  return findings;
}

function changedItem(
  item: ItemDiff,
  since: string,
  locked: boolean,
  confirm: (id: string, kind: FindingKind, item: string, message: string) => void,
): Finding[] {
  const findings: Finding[] = [];
  const fields = new Set(item.changes.map((c) => c.field));
  if (item.scored && fields.has('scored'))
    confirm(`removed:${item.name}`, 'removed', item.name, `Frågan "${item.name}" är inte längre poängsatt${since}.`);
  else if (item.scored && (fields.has('scale') || fields.has('values') || fields.has('type'))) {
    const c =
      item.changes.find((x) => x.field === 'scale') ??
      item.changes.find((x) => x.field === 'values' || x.field === 'type')!;
    confirm(
      `rescaled:${item.name}`,
      'rescaled',
      item.name,
      `Skalan för den poängsatta frågan "${item.name}" är ändrad${since} (${c.before} → ${c.after}). Svar före och efter går inte att jämföra rakt av.`,
    );
  }
  const langs = [...new Set(item.changes.filter((c) => TEXT_CHANGE.has(c.field)).map((c) => c.lang ?? 'default'))];
  for (const lang of langs) {
    const language = langName(lang);
    if (locked)
      findings.push(
        err(
          `locked:${item.name}:${lang}`,
          'locked',
          `Formuleringen av "${item.name}" (${language}) är låst (licensierat instrument) och får inte ändras. En administratör kan låsa upp utkastet med en motivering.`,
          item.name,
        ),
      );
    else if (item.scored)
      confirm(
        `reworded:${item.name}:${lang}`,
        'reworded',
        item.name,
        `Formuleringen av den poängsatta frågan "${item.name}" (${language}) är ändrad${since}.`,
      );
  }
  return findings;
}

function sameTitle(a: unknown, b: unknown): boolean {
  const [ta, tb] = [textsOf(a), textsOf(b)];
  return Object.keys(ta).some((l) => ta[l] !== '' && ta[l] === tb[l]);
}
