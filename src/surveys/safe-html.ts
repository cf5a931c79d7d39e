/**
 * HTML the server may put into a participant's page from an admin-authored definition, without a
 * DOM (the runner uses DOMPurify, see client/safe-survey.ts): text is escaped, and of the markup
 * only what the allow-list permits is written again, rebuilt from its parts (the tag name, and an
 * href that passes LINK_HREF; other attributes are dropped). Any other tag, or anything that is
 * not a plainly written tag, is shown as the text it is. Pure and Web-API-only.
 */
import { HTML_TAGS, LINK_HREF } from './allow-list.ts';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** The text as HTML that shows exactly that text. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ESCAPES[ch]!);
}

/** The same tags markupProblems() accepts: a name, attributes in double quotes, optional "/". */
const TAG = /<(\/?)([a-zA-Z][a-zA-Z0-9]*)((?:\s+[a-zA-Z-]+="[^"<>]*")*)\s*(\/?)>/y;
/** Character references the href check must see through (as in allow-list.ts). */
const decodeHref = (value: string) =>
  value
    .replace(/&#x([0-9a-f]+);?/gi, (_, h: string) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&#(\d+);?/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&amp;/gi, '&');

/**
 * One allowed tag rebuilt with its allowed attributes (others are dropped, as DOMPurify drops
 * them), or null when the tag itself is not allowed.
 */
function rebuild(closing: boolean, rawName: string, attrs: string): string | null {
  const name = rawName.toLowerCase();
  const allowed = HTML_TAGS[name];
  if (!allowed) return null;
  if (closing) return `</${name}>`;
  let out = `<${name}`;
  for (const m of attrs.matchAll(/([a-zA-Z-]+)="([^"]*)"/g)) {
    const attr = m[1]!.toLowerCase();
    const value = decodeHref(m[2]!);
    if (!allowed.includes(attr) || (attr === 'href' && !LINK_HREF.test(value))) continue;
    out += ` ${attr}="${escapeHtml(value)}"`;
  }
  return `${out}>`;
}

/**
 * An html text of a definition as safe HTML: allowed tags rebuilt, all text escaped. Character
 * references in the text (&amp;, &nbsp;) are kept as written; a lone "&" is harmless. `fill` then
 * fills placeholders such as {projectName} into each run of text, and must escape what it inserts
 * (escapeHtml).
 */
export function allowedHtml(html: string, fill: (htmlText: string) => string = (run) => run): string {
  let out = '';
  let from = 0;
  const emitText = (run: string) => {
    out += fill(run.replace(/[<>"']/g, (ch) => ESCAPES[ch]!));
  };
  for (let i = html.indexOf('<'); i !== -1; i = html.indexOf('<', i + 1)) {
    TAG.lastIndex = i;
    const m = TAG.exec(html);
    const tag = m ? rebuild(m[1] === '/', m[2]!, m[3]!) : null;
    if (!m || tag === null) continue; // shown as text by emitText ("<" escaped)
    emitText(html.slice(from, i));
    out += tag;
    from = i + m[0].length;
    i = from - 1;
  }
  emitText(html.slice(from));
  return out;
}
