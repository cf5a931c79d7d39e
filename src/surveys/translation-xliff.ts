/**
 * A language's texts as XLIFF 1.2 for translation tools, and back. We write one <file>
 * (source-language sv, target-language the language, original "<key>-v<version>") with one
 * <trans-unit> per text: <source> Swedish, <target> the current translation (state "translated")
 * or empty ("needs-translation"), and notes with the text's place and the English crib. Reading
 * accepts exactly those elements (xml-reader.ts refuses DTDs and entities); attributes tools add
 * (approved, state-qualifier …) are ignored.
 */
import {
  MAX_KEY_LENGTH,
  MAX_TRANSLATION_ROWS,
  TranslationFileError,
  type ParsedTranslation,
  type TranslationRow,
} from './translation-files.ts';
import { readXml, XmlError, type XmlElement } from './xml-reader.ts';

export const XLIFF_NS = 'urn:oasis:names:tc:xliff:document:1.2';

const escapeText = (v: string) =>
  v.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#13;');
const escapeAttr = (v: string) => escapeText(v).replace(/"/g, '&quot;').replace(/\n/g, '&#10;').replace(/\t/g, '&#9;');

export function writeTranslationXliff(def: { key: string; version: number }, rows: TranslationRow[], lang: string) {
  const units = rows.map((r) =>
    [
      `      <trans-unit id="${escapeAttr(r.key)}" xml:space="preserve">`,
      `        <source>${escapeText(r.sv)}</source>`,
      `        <target state="${r.target ? 'translated' : 'needs-translation'}">${escapeText(r.target)}</target>`,
      `        <note from="context">${escapeText(r.context)}</note>`,
      ...(r.en && lang !== 'en' ? [`        <note from="english">${escapeText(r.en)}</note>`] : []),
      '      </trans-unit>',
    ].join('\n'),
  );
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<xliff version="1.2" xmlns="${XLIFF_NS}">`,
    `  <file original="${escapeAttr(`${def.key}-v${def.version}`)}" source-language="sv" target-language="${escapeAttr(lang)}" datatype="plaintext">`,
    '    <body>',
    ...units,
    '    </body>',
    '  </file>',
    '</xliff>',
    '',
  ].join('\n');
}

const refuse = (el: XmlElement, sv: string, en: string) =>
  new TranslationFileError(`Rad ${el.line}: ${sv}`, `Line ${el.line}: ${en}`);

/** The element's child elements, each of an allowed name; text between them must be blank. */
function childElements(el: XmlElement, allowed: string[]): XmlElement[] {
  const out: XmlElement[] = [];
  for (const child of el.children) {
    if (typeof child === 'string') {
      if (child.trim())
        throw refuse(el, `text direkt i <${el.name}> läses inte.`, `text directly inside <${el.name}> is not read.`);
    } else if (!allowed.includes(child.name))
      throw refuse(
        child,
        `elementet <${child.name}> hör inte hit (i <${el.name}> läses bara ${allowed.map((a) => `<${a}>`).join(', ')}).`,
        `element <${child.name}> is not expected (inside <${el.name}> only ${allowed.map((a) => `<${a}>`).join(', ')}).`,
      );
    else out.push(child);
  }
  return out;
}

/** The text of <source> or <target>: plain text only, no inline markup. */
function textOf(el: XmlElement): string {
  if (el.children.some((c) => typeof c !== 'string'))
    throw refuse(el, `<${el.name}> får bara innehålla text.`, `<${el.name}> may only hold text.`);
  return el.children.join('');
}

function one(parent: XmlElement, list: XmlElement[], name: string, optional = false): XmlElement | undefined {
  const found = list.filter((e) => e.name === name);
  if (found.length > 1 || (!optional && found.length === 0))
    throw refuse(parent, `<${parent.name}> ska ha ett <${name}>.`, `<${parent.name}> must have one <${name}>.`);
  return found[0];
}

function readUnits(body: XmlElement): ParsedTranslation['rows'] {
  const rows: ParsedTranslation['rows'] = [];
  const lines = new Map<string, number>();
  for (const unit of childElements(body, ['trans-unit'])) {
    const key = unit.attrs.id ?? '';
    if (!key || key.length > MAX_KEY_LENGTH)
      throw refuse(unit, '<trans-unit> utan giltigt id.', '<trans-unit> without a valid id.');
    if (lines.has(key))
      throw refuse(
        unit,
        `id ${key} finns redan på rad ${lines.get(key)}.`,
        `id ${key} already on line ${lines.get(key)}.`,
      );
    lines.set(key, unit.line);
    const parts = childElements(unit, ['source', 'target', 'note']);
    const source = one(unit, parts, 'source')!;
    const target = one(unit, parts, 'target', true);
    rows.push({ key, sv: textOf(source), target: target ? textOf(target) : '' });
    if (rows.length > MAX_TRANSLATION_ROWS)
      throw refuse(unit, `fler än ${MAX_TRANSLATION_ROWS} texter.`, `more than ${MAX_TRANSLATION_ROWS} texts.`);
  }
  return rows;
}

/** Reads a translator's XLIFF for `lang`; throws TranslationFileError for anything we did not write. */
export function parseTranslationXliff(input: string, lang: string): ParsedTranslation {
  let root: XmlElement;
  try {
    root = readXml(input);
  } catch (error) {
    if (error instanceof XmlError)
      throw new TranslationFileError(`Rad ${error.line}: ${error.sv}`, `Line ${error.line}: ${error.en}`);
    throw error;
  }
  if (root.name !== 'xliff' || root.attrs.version !== '1.2' || (root.attrs.xmlns ?? XLIFF_NS) !== XLIFF_NS)
    throw refuse(root, 'filen är inte XLIFF 1.2.', 'the file is not XLIFF 1.2.');
  const file = one(root, childElements(root, ['file']), 'file')!;
  const { 'source-language': from, 'target-language': to, original } = file.attrs;
  if (from !== 'sv')
    throw refuse(file, 'källspråket ska vara sv (svenska).', 'the source language must be sv (Swedish).');
  if (to !== lang)
    throw new TranslationFileError(
      `Filen gäller språket "${to ?? '?'}", inte "${lang}". Välj rätt språk eller rätt fil.`,
      `The file is for the language "${to ?? '?'}", not "${lang}". Choose the right language or file.`,
    );
  const body = one(file, childElements(file, ['body']), 'body')!;
  const made = /^([a-z][a-z0-9-]{1,40})-v(\d{1,6})$/.exec(original ?? '');
  return {
    lang,
    ...(made ? { source: { key: made[1]!, version: Number(made[2]) } } : {}),
    rows: readUnits(body),
  };
}
