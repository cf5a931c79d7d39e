/**
 * A small, strict XML reader for the files we write ourselves (translation XLIFF): elements,
 * attributes, text, comments and the XML declaration. No DTD, no entities beyond the five
 * predefined ones and character references, no processing instructions, no CDATA: a file with a
 * DOCTYPE or ENTITY is refused before anything is expanded (no billion laughs, no external files).
 * Line ends are normalised as XML does (CRLF and CR read as LF). Pure; throws XmlError.
 */
export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: (XmlElement | string)[];
  line: number;
}

export class XmlError extends Error {
  constructor(
    readonly sv: string,
    readonly en: string,
    readonly line: number,
  ) {
    super(`line ${line}: ${en}`);
    this.name = 'XmlError';
  }
}

const NAME = /^[A-Za-z_][\w.:-]*/;
const PREDEFINED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const MAX_DEPTH = 12;
const MAX_ELEMENTS = 50_000;

/** A code point XML 1.0 allows in a document. */
const xmlChar = (c: number) =>
  c === 0x9 ||
  c === 0xa ||
  c === 0xd ||
  (c >= 0x20 && c <= 0xd7ff) ||
  (c >= 0xe000 && c <= 0xfffd) ||
  (c >= 0x10000 && c <= 0x10ffff);

function decode(raw: string, line: number): string {
  if (raw.includes('<')) throw new XmlError('ett "<" utan tagg.', 'a "<" outside a tag.', line);
  return raw.replace(/&([^;&\s<]{0,12});?/g, (whole, ref: string) => {
    if (!whole.endsWith(';')) throw new XmlError('ett "&" som inte är &amp;.', 'a "&" that is not &amp;.', line);
    if (ref in PREDEFINED) return PREDEFINED[ref]!;
    const num = /^#x([0-9a-fA-F]{1,6})$/.exec(ref) ?? /^#([0-9]{1,7})$/.exec(ref);
    if (!num)
      throw new XmlError(
        `entiteten &${ref}; är inte tillåten (bara &amp; &lt; &gt; &quot; &apos;).`,
        `the entity &${ref}; is not allowed (only &amp; &lt; &gt; &quot; &apos;).`,
        line,
      );
    const code = parseInt(num[1]!, ref.startsWith('#x') ? 16 : 10);
    if (!xmlChar(code))
      throw new XmlError(`tecknet &${ref}; är inte tillåtet.`, `the character &${ref}; is not allowed.`, line);
    return String.fromCodePoint(code);
  });
}

function attributes(src: string, line: number): Record<string, string> {
  const attrs: Record<string, string> = Object.create(null) as Record<string, string>;
  let rest = src.trim();
  while (rest) {
    const m = /^([A-Za-z_][\w.:-]*)\s*=\s*(?:"([^"]*)"|'([^']*)')\s*/.exec(rest);
    if (!m) throw new XmlError('ett attribut går inte att läsa.', 'an attribute cannot be read.', line);
    if (m[1]! in attrs) throw new XmlError(`attributet ${m[1]} finns två gånger.`, `attribute ${m[1]} twice.`, line);
    attrs[m[1]!] = decode(m[2] ?? m[3]!, line);
    rest = rest.slice(m[0].length);
  }
  return attrs;
}

/** Checks every character, refuses a DTD, reads the XML declaration; returns where content starts. */
function prologue(text: string, lineAt: (index: number) => number): number {
  for (let k = 0; k < text.length; k++) {
    const c = text.codePointAt(k)!;
    if (c > 0xffff) k++;
    if (!xmlChar(c)) throw new XmlError('ett otillåtet tecken.', 'a character XML does not allow.', lineAt(k));
  }
  const dtd = text.search(/<!(DOCTYPE|ENTITY)/i);
  if (dtd >= 0)
    throw new XmlError(
      'filen har en DOCTYPE- eller ENTITY-deklaration. Sådana läses aldrig: ta bort den.',
      'the file has a DOCTYPE or ENTITY declaration. Those are never read: remove it.',
      lineAt(dtd),
    );
  const decl = /^<\?xml\s[^?]*\?>/.exec(text);
  if (!decl) return 0;
  const enc = /encoding\s*=\s*["']([^"']+)["']/.exec(decl[0]);
  if (enc && !/^utf-?8$/i.test(enc[1]!)) throw new XmlError('filen ska vara i UTF-8.', 'the file must be UTF-8.', 1);
  return decl[0].length;
}

/** Where markup other than a tag ends (a comment), or null for a tag; refuses CDATA and <?…?>. */
function skipComment(text: string, lt: number, line: number): number | null {
  if (text.startsWith('<!--', lt)) {
    const end = text.indexOf('-->', lt + 4);
    if (end < 0) throw new XmlError('en kommentar tar aldrig slut.', 'a comment never ends.', line);
    return end + 3;
  }
  if (text[lt + 1] === '!' || text[lt + 1] === '?')
    throw new XmlError(
      'bara element, text och kommentarer läses (inte CDATA eller <?…?>).',
      'only elements, text and comments are read (no CDATA or <?…?>).',
      line,
    );
  return null;
}

/** An opening tag's text (between < and >) as an element. */
function openTag(tag: string, line: number): { el: XmlElement; selfClosing: boolean } {
  const name = NAME.exec(tag)?.[0];
  if (!name) throw new XmlError('en tagg utan namn.', 'a tag without a name.', line);
  const selfClosing = tag.endsWith('/');
  const attrs = attributes(tag.slice(name.length, selfClosing ? -1 : undefined), line);
  return { el: { name, attrs, children: [], line }, selfClosing };
}

/** The document's root element; throws XmlError for anything outside the subset above. */
export function readXml(input: string): XmlElement {
  const text = (input.startsWith('\uFEFF') ? input.slice(1) : input).replace(/\r\n?/g, '\n');
  const lineAt = lineFinder(text);
  let i = prologue(text, lineAt);
  const stack: XmlElement[] = [];
  let root: XmlElement | null = null;
  let count = 0;
  while (i < text.length) {
    const lt = text.indexOf('<', i);
    const chunk = text.slice(i, lt < 0 ? text.length : lt);
    const top = stack.at(-1);
    if (top && chunk) top.children.push(decode(chunk, lineAt(i)));
    else if (!top && chunk.trim())
      throw new XmlError('text utanför rotelementet.', 'text outside the root element.', lineAt(i));
    if (lt < 0) break;
    const line = lineAt(lt);
    const after = skipComment(text, lt, line);
    const close = text.indexOf('>', lt);
    if (after === null && close < 0) throw new XmlError('en tagg tar aldrig slut.', 'a tag never ends.', line);
    i = after ?? close + 1;
    if (after !== null) continue;
    const tag = text.slice(lt + 1, close);
    if (tag.startsWith('/')) {
      const name = tag.slice(1).trim();
      if (!top || top.name !== name)
        throw new XmlError(`</${name}> stänger inget öppet element.`, `</${name}> closes no open element.`, line);
      stack.pop();
      continue;
    }
    const { el, selfClosing } = openTag(tag, line);
    if (++count > MAX_ELEMENTS || stack.length >= MAX_DEPTH)
      throw new XmlError('filen har för många eller för djupa element.', 'too many or too deep elements.', line);
    if (top) top.children.push(el);
    else if (root) throw new XmlError('mer än ett rotelement.', 'more than one root element.', line);
    else root = el;
    if (!selfClosing) stack.push(el);
  }
  const open = stack.at(-1);
  if (open) throw new XmlError(`<${open.name}> stängs aldrig.`, `<${open.name}> is never closed.`, open.line);
  if (!root) throw new XmlError('filen har inget XML-element.', 'the file has no XML element.', 1);
  return root;
}

/** The line of a position in `text`, by binary search over the line starts (counted once). */
function lineFinder(text: string): (index: number) => number {
  const starts = [0];
  for (let k = text.indexOf('\n'); k >= 0; k = text.indexOf('\n', k + 1)) starts.push(k + 1);
  return (index) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= index) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
}
