import { MISSING_CODES, SPECIAL_VALUE_CODES } from '../missing-codes.ts';
import type { ExportDictionary, ExportVariable } from './dictionary.ts';

/** An R string literal (double quotes; backslashes, quotes and control characters escaped). */
const s = (text: string) => JSON.stringify(text.replace(/\s+/g, ' ').trim());
const num = (n: number) => String(n);
const vector = (items: string[]) => `c(${items.join(', ')})`;

function colClass(v: ExportVariable): string {
  return v.kind === 'numeric' && v.recode.length === 0 ? '"numeric"' : '"character"';
}

/** The statements that turn one read column into the variable the codebook describes. */
function convert(v: ExportVariable): string[] {
  const x = `d[[${s(v.name)}]]`;
  const out: string[] = [];
  if (v.kind === 'date') out.push(`${x} <- as.Date(${x})`);
  if (v.kind === 'numeric' && v.recode.length > 0) {
    const from = vector(v.recode.map((r) => s(r.from)));
    const to = vector(v.recode.map((r) => num(r.to)));
    out.push(`${x} <- enkat_recode(${x}, ${from}, ${to})`);
  }
  if (v.missing.length > 0) out.push(`${x} <- enkat_missing(${x}, ${vector(v.missing.map(num))})`);
  out.push(`attr(${x}, "label") <- ${s(v.label)}`);
  if (v.values.length > 0) {
    const pairs = v.values.map((c) => `${s(c.label)} = ${typeof c.code === 'number' ? num(c.code) : s(c.code)}`);
    out.push(`attr(${x}, "labels") <- c(${pairs.join(', ')})`);
  }
  if (v.note) out.push(`attr(${x}, "note") <- ${s(v.note)}`);
  return out;
}

const HELPERS = [
  '# Text answers that stand for a number (e.g. "none" on a 1-6 scale) become their codes.',
  'enkat_recode <- function(x, from, to) {',
  '  i <- match(x, from)',
  '  x[!is.na(i)] <- to[i[!is.na(i)]]',
  '  as.numeric(x)',
  '}',
  '# Missing codes become NA; which code each NA had is kept in attr(x, "na_reason"), the',
  '# declared codes in attr(x, "na_values").',
  'enkat_missing <- function(x, codes) {',
  '  is_code <- !is.na(x) & x %in% codes',
  '  reason <- rep(NA_real_, length(x))',
  '  reason[is_code] <- x[is_code]',
  '  x[is_code] <- NA',
  '  attr(x, "na_values") <- codes',
  '  attr(x, "na_reason") <- reason',
  '  x',
  '}',
  '# A labelled variable as a factor: enkat_factor(d$wai_category).',
  'enkat_factor <- function(x) {',
  '  labels <- attr(x, "labels")',
  '  keep <- !(labels %in% attr(x, "na_values"))',
  '  factor(x, levels = unname(labels[keep]), labels = names(labels)[keep])',
  '}',
];

/** The R script (.R, base R only) that loads the dictionary's CSV with labels and missing codes. */
export function rSyntax(d: ExportDictionary): string {
  const vars = d.variables;
  const lines = [
    `# ${d.title}`,
    `# Läser ${d.file} (kommaseparerad, decimalpunkt) ur arbetskatalogen, med bas-R (inga paket):`,
    `# setwd() till mappen med filerna och kör source(${s(d.file.replace(/\.csv$/, '.R'))}, encoding = "UTF-8").`,
    '# Resultatet är data.frame d.',
    '# Variabeletiketter: attr(x, "label"); värdeetiketter: attr(x, "labels"). Tom cell = inte besvarad.',
    '# Koder för celler utan värde blir NA (se enkat_missing):',
    ...Object.values(MISSING_CODES).map((m) => `#   ${m.code} = ${m.sv}`),
    `#   ${Object.entries(SPECIAL_VALUE_CODES)
      .map(([text, n]) => `${text} = ${n}`)
      .join(', ')} (textsvar på sifferskalor)`,
    '',
    ...HELPERS,
    '',
    `d <- read.csv(${s(d.file)}, fileEncoding = "UTF-8-BOM", encoding = "UTF-8", na.strings = "",`,
    '  check.names = FALSE, stringsAsFactors = FALSE,',
    `  colClasses = ${vector(vars.map(colClass))})`,
    `names(d) <- ${vector(vars.map((v) => s(v.name)))}`,
    '',
    ...vars.flatMap(convert),
    '',
  ];
  return lines.join('\n');
}
