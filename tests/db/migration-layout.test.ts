import { describe, expect, it } from 'vitest';
import type { MigrationFile } from '../../src/store/migrate.ts';
import { readMigrationFiles } from '../../src/store/migration-files.node.ts';

// Nothing has been released, so the migrations describe the final state: each file is one
// capability and holds the final definition of its objects. An object created in one file and
// replaced, altered or dropped in another would make the reader piece its definition together
// from several files (and the earlier version would be dead text), so this test refuses it.

const MAX_LINES = 300;

/** Blanks out comments, string literals and dollar-quoted bodies (keeping line breaks), so only top-level SQL is left. */
export function stripSql(sql: string): string {
  const out: string[] = [];
  let i = 0;
  const blank = (s: string) => s.replace(/[^\n]/g, ' ');
  const dollar = /\$([A-Za-z_][A-Za-z0-9_]*)?\$/y;
  while (i < sql.length) {
    dollar.lastIndex = i;
    let m: RegExpExecArray | null;
    if (sql.startsWith('--', i)) {
      const end = sql.indexOf('\n', i);
      const stop = end === -1 ? sql.length : end;
      out.push(blank(sql.slice(i, stop)));
      i = stop;
    } else if (sql.startsWith('/*', i)) {
      // Block comments nest in PostgreSQL.
      let depth = 0;
      let j = i;
      do {
        if (sql.startsWith('/*', j)) {
          depth++;
          j += 2;
        } else if (sql.startsWith('*/', j)) {
          depth--;
          j += 2;
        } else j++;
      } while (depth > 0 && j < sql.length);
      out.push(blank(sql.slice(i, j)));
      i = j;
    } else if (sql[i] === '$' && !/[A-Za-z0-9_$]/.test(sql[i - 1] ?? ' ') && (m = dollar.exec(sql))) {
      const tag = m[0];
      const end = sql.indexOf(tag, i + tag.length);
      const stop = end === -1 ? sql.length : end + tag.length;
      out.push(blank(sql.slice(i, stop)));
      i = stop;
    } else if (sql[i] === "'" || sql[i] === '"') {
      // Strings ('' escapes a quote) and quoted identifiers ("" escapes one). Identifiers are kept.
      const q = sql[i]!;
      let j = i + 1;
      while (j < sql.length) {
        if (sql[j] === q && sql[j + 1] === q) j += 2;
        else if (sql[j] === q) {
          j++;
          break;
        } else j++;
      }
      out.push(q === '"' ? sql.slice(i, j) : blank(sql.slice(i, j)));
      i = j;
    } else {
      out.push(sql[i]!);
      i++;
    }
  }
  return out.join('');
}

const IDENT = String.raw`(?:"(?:[^"]|"")+"|[A-Za-z_][A-Za-z0-9_$]*)`;
const QUALIFIED = String.raw`${IDENT}(?:\s*\.\s*${IDENT})?`;

function normaliseIdent(id: string): string {
  return id.startsWith('"') ? id.slice(1, -1).replace(/""/g, '"') : id.toLowerCase();
}

/** schema.name with unquoted parts folded to lower case; an unqualified name is in public (the default search_path). */
function normaliseName(name: string): string {
  const parts = name.match(new RegExp(IDENT, 'g'))!.map(normaliseIdent);
  return (parts.length === 1 ? ['public', parts[0]!] : parts).join('.');
}

type Kind = 'function' | 'relation' | 'type' | 'trigger';
const KINDS: Record<string, Kind> = {
  function: 'function',
  procedure: 'function',
  table: 'relation',
  view: 'relation',
  'materialized view': 'relation',
  type: 'type',
  trigger: 'trigger',
};

export interface Definition {
  /** e.g. "function app.fail", "relation public.staff", "trigger responses_counts_update on public.responses". */
  object: string;
  statement: string;
  line: number;
}

/**
 * The functions, procedures, tables, views, types and triggers a migration creates, replaces, alters
 * or drops (top level only: not inside function bodies or DO blocks). Functions are keyed by name,
 * so overloads count as one object; triggers by name and table.
 */
export function definedObjects(sql: string): Definition[] {
  const text = stripSql(sql);
  const found: Definition[] = [];
  const head = new RegExp(
    String.raw`\b(create(?:\s+or\s+replace)?(?:\s+(?:temp|temporary|unlogged|recursive|constraint))?|alter|drop)\s+` +
      String.raw`(function|procedure|table|materialized\s+view|view|type|trigger)\s+(?:if\s+(?:not\s+)?exists\s+)?(?:only\s+)?`,
    'gi',
  );
  for (let m = head.exec(text); m; m = head.exec(text)) {
    // Only at the start of a statement: "alter table … drop constraint", "returns table (…)" and the like are not definitions.
    let k = m.index - 1;
    while (k >= 0 && /\s/.test(text[k]!)) k--;
    if (k >= 0 && text[k] !== ';') continue;
    const verb = m[1]!.toLowerCase().split(/\s+/)[0]!;
    const kind = KINDS[m[2]!.toLowerCase().replace(/\s+/g, ' ')]!;
    const line = text.slice(0, m.index).split('\n').length;
    const statementEnd = text.indexOf(';', m.index);
    const statement = text.slice(m.index, statementEnd === -1 ? text.length : statementEnd);
    const afterHead = statement.slice(m[0].length);
    const names: string[] = [];
    if (verb === 'drop') {
      // drop function a(int), b.c(text) cascade: a comma list, each name possibly with its arguments.
      const item = new RegExp(String.raw`^\s*(${QUALIFIED})\s*(\((?:[^()]|\([^()]*\))*\))?\s*(,|$|\s)`, 'i');
      let rest = afterHead;
      for (let it = item.exec(rest); it; it = item.exec(rest)) {
        names.push(it[1]!);
        rest = rest.slice(it[0].length);
        if (it[3] !== ',') break;
      }
    } else {
      const name = new RegExp(`^(${QUALIFIED})`).exec(afterHead);
      if (name) names.push(name[1]!);
    }
    for (const name of names) {
      let object = `${kind} ${normaliseName(name)}`;
      if (kind === 'trigger') {
        // A trigger's name is unique per table: "create trigger t after insert on x", "drop trigger t on x".
        const on = new RegExp(String.raw`\bon\s+(${QUALIFIED})`, 'i').exec(afterHead.slice(name.length));
        object = `trigger ${normaliseIdent(name)} on ${on ? normaliseName(on[1]!) : '?'}`;
      }
      found.push({ object, statement: statement.replace(/\s+/g, ' ').trim().slice(0, 80), line });
    }
  }
  return found;
}

/** One message per object defined in more than one file, naming the object and the files. */
export function definedInSeveralFiles(files: MigrationFile[]): string[] {
  const where = new Map<string, Map<string, number>>();
  for (const f of files) {
    for (const d of definedObjects(f.sql)) {
      const byFile = where.get(d.object) ?? new Map<string, number>();
      if (!byFile.has(f.name)) byFile.set(f.name, d.line);
      where.set(d.object, byFile);
    }
  }
  return [...where]
    .filter(([, byFile]) => byFile.size > 1)
    .map(
      ([object, byFile]) =>
        `${object} is defined in ${[...byFile].map(([file, line]) => `${file}:${line}`).join(' and in ')}`,
    );
}

/** One message per file longer than MAX_LINES. */
export function tooLong(files: MigrationFile[]): string[] {
  return files
    .map((f) => ({ name: f.name, lines: f.sql.replace(/\n$/, '').split('\n').length }))
    .filter((f) => f.lines > MAX_LINES)
    .map((f) => `${f.name} has ${f.lines} lines (at most ${MAX_LINES})`);
}

describe('the migration parser', () => {
  it('reports a function defined in two files, whatever the case, quoting or schema spelling', () => {
    const files: MigrationFile[] = [
      {
        name: '001_a.sql',
        sql: 'create function app.total(p jsonb) returns int language sql as $$ select 1 $$;\ncreate table public.things (id int);',
      },
      {
        name: '002_b.sql',
        sql: '-- replaces it\nCREATE OR REPLACE FUNCTION "app".TOTAL(p jsonb) returns int language sql as $$ select 2 $$;',
      },
    ];
    expect(definedInSeveralFiles(files)).toEqual(['function app.total is defined in 001_a.sql:1 and in 002_b.sql:2']);
  });

  it('counts alter and drop as definitions, also of tables, types, views and triggers', () => {
    const files: MigrationFile[] = [
      {
        name: '001_a.sql',
        sql: `create table things (id int);
create type app.mood as enum ('ok');
create view public.v as select 1;
create trigger things_audit after insert on public.things for each row execute function app.f();`,
      },
      {
        name: '002_b.sql',
        sql: `alter table public.things add column n int;
drop type if exists app.mood, app.other cascade;
alter view V rename to w;
drop trigger things_audit on things;`,
      },
    ];
    expect(definedInSeveralFiles(files).sort()).toEqual([
      'relation public.things is defined in 001_a.sql:1 and in 002_b.sql:1',
      'relation public.v is defined in 001_a.sql:3 and in 002_b.sql:3',
      'trigger things_audit on public.things is defined in 001_a.sql:4 and in 002_b.sql:4',
      'type app.mood is defined in 001_a.sql:2 and in 002_b.sql:2',
    ]);
  });

  it('ignores function bodies, comments, strings, policies, indexes and the same object within one file', () => {
    const sql = `create table public.t (id int);
alter table public.t enable row level security;
create index t_idx on public.t (id);
create policy "alter table public.u" on public.t for select using (true);
-- create function app.g() in a comment
/* drop table public.u; /* nested */ still a comment; */
create function app.f() returns table (x int) language plpgsql as $body$
begin
  create temp table scratch (x int);
  execute 'drop function app.h()';
  return query select 1;
end
$body$;
select 'create table public.u (x int);';`;
    expect(definedObjects(sql).map((d) => d.object)).toEqual([
      'relation public.t',
      'relation public.t',
      'function app.f',
    ]);
    expect(
      definedInSeveralFiles([
        { name: '001_a.sql', sql },
        { name: '002_b.sql', sql: 'create table public.u (x int);' },
      ]),
    ).toEqual([]);
  });

  it('reports a file over the line limit', () => {
    expect(
      tooLong([
        { name: '001_a.sql', sql: 'select 1;\n'.repeat(MAX_LINES) },
        { name: '002_b.sql', sql: 'select 1;\n'.repeat(MAX_LINES + 1) },
      ]),
    ).toEqual([`002_b.sql has ${MAX_LINES + 1} lines (at most ${MAX_LINES})`]);
  });
});

describe('supabase/migrations', () => {
  it('defines every function, procedure, table, view, type and trigger in one file only', async () => {
    const { migrations } = await readMigrationFiles();
    expect(migrations.length).toBeGreaterThan(0);
    // The parser sees the schema's objects at all (a parser that finds nothing would pass vacuously).
    const objects = new Set(migrations.flatMap((m) => definedObjects(m.sql).map((d) => d.object)));
    expect(objects).toContain('relation public.responses');
    expect(objects).toContain('function public.item_aggregates');
    expect(objects).toContain('trigger responses_counts_update on public.responses');
    expect(definedInSeveralFiles(migrations)).toEqual([]);
  });

  it(`keeps every file at most ${MAX_LINES} lines`, async () => {
    const { migrations } = await readMigrationFiles();
    expect(tooLong(migrations)).toEqual([]);
  });
});
