/**
 * JSON as text, for the definition editor: a tokenizer for syntax highlighting and a parser that
 * says where the text breaks (line and column), which JSON.parse does not do the same way on every
 * engine. Pure and Web-API-only: the server and the editor bundle share it.
 */

export type TokenKind = 'key' | 'string' | 'number' | 'literal' | 'punct' | 'space' | 'other';
export interface Token {
  kind: TokenKind;
  text: string;
}

const TOKEN =
  /("(?:[^"\\\n]|\\.)*"?)(\s*:)?|(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)|(true|false|null)\b|([{}[\],:])|(\s+)|([^\s"{}[\],:]+)/gy;

/** Splits text into tokens; joined back together they give the text exactly. */
export function tokenizeJson(text: string): Token[] {
  const out: Token[] = [];
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(text); m; m = TOKEN.exec(text)) {
    if (m[1] !== undefined) {
      out.push({ kind: m[2] ? 'key' : 'string', text: m[1] });
      if (m[2]) out.push({ kind: 'punct', text: m[2] });
    } else if (m[3] !== undefined) out.push({ kind: 'number', text: m[3] });
    else if (m[4] !== undefined) out.push({ kind: 'literal', text: m[4] });
    else if (m[5] !== undefined) out.push({ kind: 'punct', text: m[5] });
    else if (m[6] !== undefined) out.push({ kind: 'space', text: m[6] });
    else out.push({ kind: 'other', text: m[7]! });
    if (TOKEN.lastIndex >= text.length) break;
  }
  return out;
}

export type ParsedJson = { ok: true; value: unknown } | { ok: false; line: number; column: number; message: string };

/** Line and column (1-based) of an offset in the text. */
export function positionOf(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

/** Parses JSON; on failure, where and why (in Swedish, for the admin). */
export function parseJsonText(text: string): ParsedJson {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    const { offset, expected } = locateError(text);
    const { line, column } = positionOf(text, offset);
    const found = offset >= text.length ? 'slutet av texten' : `"${text[offset]}"`;
    return {
      ok: false,
      line,
      column,
      message: `Ogiltig JSON på rad ${line}, kolumn ${column}: väntade ${expected} men hittade ${found}.`,
    };
  }
}

const MAX_DEPTH = 1000;

/** A small recursive-descent scan that stops at the first offset JSON does not allow. */
function locateError(text: string): { offset: number; expected: string } {
  let i = 0;
  class Stop {
    constructor(
      readonly offset: number,
      readonly expected: string,
    ) {}
  }
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++;
  };
  const fail = (expected: string): never => {
    throw new Stop(i, expected);
  };
  const str = () => {
    if (text[i] !== '"') fail('en sträng inom citattecken');
    i++;
    while (i < text.length && text[i] !== '"') {
      if (text[i] === '\n') fail('ett avslutande citattecken');
      i += text[i] === '\\' ? 2 : 1;
    }
    if (i >= text.length) fail('ett avslutande citattecken');
    i++;
  };
  // Deeper than any definition needs: stop there rather than recurse until the stack runs out.
  let depth = 0;
  const value = (): void => {
    ws();
    if (depth > MAX_DEPTH) fail(`högst ${MAX_DEPTH} nivåer av { och [`);
    const c = text[i];
    if (c === '{') return object();
    if (c === '[') return array();
    if (c === '"') return str();
    const m = /^(-?\d+(\.\d+)?([eE][+-]?\d+)?|true|false|null)/.exec(text.slice(i, i + 400));
    if (!m) fail('ett värde');
    i += m![0].length;
  };
  const list = (close: string, item: () => void) => {
    depth++;
    i++;
    ws();
    if (text[i] === close) {
      depth--;
      return void i++;
    }
    for (;;) {
      item();
      ws();
      if (text[i] === ',') {
        i++;
        ws();
        if (text[i] === close) fail('ett värde efter kommatecknet');
        continue;
      }
      if (text[i] === close) {
        depth--;
        return void i++;
      }
      fail(`"," eller "${close}"`);
    }
  };
  const object = () =>
    list('}', () => {
      ws();
      str();
      ws();
      if (text[i] !== ':') fail('":"');
      i++;
      value();
    });
  const array = () => list(']', value);
  try {
    value();
    ws();
    if (i < text.length) fail('slutet av texten');
    return { offset: text.length, expected: 'giltig JSON' };
  } catch (e) {
    if (e instanceof Stop) return { offset: e.offset, expected: e.expected };
    throw e;
  }
}
