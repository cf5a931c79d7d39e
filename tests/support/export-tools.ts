import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Whether a command-line tool is installed. Tests that need one run anyway under CI, where a
 * missing tool must fail the run (.ci/run installs pspp and r-base-core), and skip elsewhere.
 */
export function tool(command: string): { available: boolean; runs: boolean } {
  const available = spawnSync('sh', ['-c', `command -v ${command}`]).status === 0;
  return { available, runs: available || Boolean(process.env.CI) };
}

export function needTool(command: string) {
  if (!tool(command).available) throw new Error(`${command} is not installed (.ci/run installs it on CI)`);
}

/** RFC 4180 CSV (quotes, doubled quotes, CRLF), BOM dropped; one array of cells per line. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const src = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < src.length; i++) {
    const ch = src[i]!;
    if (quoted) {
      if (ch === '"' && src[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && src[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += ch;
  }
  if (cell !== '' || row.length) rows.push([...row, cell]);
  return rows;
}

/** What a tool loaded: per variable its label, value labels, missing codes and values (one per row). */
export interface Loaded {
  label: string;
  labels: Map<string, string>;
  missing: number[];
  values: string[];
  /** R only: the missing code each NA stood for ("" where the value is not a code). */
  reasons?: string[];
}

/**
 * Runs GNU PSPP in batch mode on the syntax file, then on DISPLAY DICTIONARY and a CSV save of the
 * data as loaded (user-missing codes kept as their numbers, system-missing blank).
 */
export function loadWithPspp(dir: string, syntax: string): Map<string, Loaded> {
  const script = join(dir, 'check.sps');
  writeFileSync(
    script,
    `${readFileSync(join(dir, syntax), 'utf8')}
SET TVARS=NAMES TNUMBERS=VALUES.
DISPLAY DICTIONARY.
SAVE TRANSLATE /OUTFILE='loaded.csv' /TYPE=CSV /FIELDNAMES /REPLACE.
`,
  );
  execFileSync('pspp', ['-O', 'format=csv', '-o', 'dictionary.csv', 'check.sps'], { cwd: dir, stdio: 'pipe' });
  const out = readFileSync(join(dir, 'dictionary.csv'), 'utf8');
  const tables = new Map<string, string[][]>();
  for (const block of out.split(/^Table: /m).slice(1)) {
    const [title, ...rest] = block.split('\n');
    tables.set(title!.trim(), parseCsv(rest.join('\n')).slice(1));
  }
  const vars = new Map<string, Loaded>();
  for (const row of tables.get('Variables') ?? []) {
    if (!row[0]) continue;
    const missing = (row[9] ?? '').split(';').filter((m) => m.trim() !== '');
    vars.set(row[0], { label: row[2] ?? '', labels: new Map(), missing: missing.map(Number), values: [] });
  }
  let current = '';
  for (const row of tables.get('Value Labels') ?? []) {
    if (row.length < 3 || row[0]?.startsWith('Footnote')) continue;
    if (row[0]) current = row[0];
    const value = row[1]!.replace(/\[a\]$/, '');
    vars.get(current)?.labels.set(/^-?[\d.]+$/.test(value) ? String(Number(value)) : value, row[2]!);
  }
  const [header, ...rows] = parseCsv(readFileSync(join(dir, 'loaded.csv'), 'utf8'));
  header!.forEach((name, i) => {
    const v = vars.get(name);
    if (v) v.values = rows.map((r) => (r[i] ?? '').trim());
  });
  return vars;
}

const R_PRINTER = (script: string) => `
source(${JSON.stringify(script)}, encoding = "UTF-8")
out <- character(0)
for (n in names(d)) {
  x <- d[[n]]
  out <- c(out, paste("VAR", n, if (is.null(attr(x, "label"))) "" else attr(x, "label"), sep = "\\t"))
  l <- attr(x, "labels")
  for (i in seq_along(l)) out <- c(out, paste("LABEL", n, l[[i]], names(l)[i], sep = "\\t"))
  for (m in attr(x, "na_values")) out <- c(out, paste("NA", n, m, sep = "\\t"))
  v <- if (inherits(x, "Date")) format(x) else as.character(x)
  r <- attr(x, "na_reason")
  for (i in seq_along(v))
    out <- c(out, paste("VALUE", n, if (is.na(v[i])) "" else v[i], if (is.null(r) || is.na(r[i])) "" else r[i], sep = "\\t"))
}
writeLines(out, "loaded.tsv", useBytes = TRUE)
`;

/** Sources the R script with Rscript and reads back each column's attributes and values. */
export function loadWithR(dir: string, script: string, extra = ''): Map<string, Loaded> {
  writeFileSync(join(dir, 'check.R'), R_PRINTER(script) + extra);
  execFileSync('Rscript', ['--vanilla', 'check.R'], { cwd: dir, stdio: 'pipe' });
  const vars = new Map<string, Loaded>();
  for (const line of readFileSync(join(dir, 'loaded.tsv'), 'utf8').split('\n')) {
    const [kind, name, a = '', b = ''] = line.split('\t');
    if (kind === 'VAR') vars.set(name!, { label: a, labels: new Map(), missing: [], values: [], reasons: [] });
    const v = vars.get(name!);
    if (!v) continue;
    if (kind === 'LABEL') v.labels.set(a, b);
    if (kind === 'NA') v.missing.push(Number(a));
    if (kind === 'VALUE') {
      v.values.push(a);
      v.reasons!.push(b);
    }
  }
  return vars;
}
