/**
 * Links to the syntax files that load a CSV download in SPSS, R and Stata (src/research/syntax):
 * the same query as the comma-separated CSV they read, so their variables match its columns.
 */
export function SyntaxLinks(props: { path: '/api/research/aggregates' | '/api/research/rows'; query: string }) {
  const href = (ext: string) => `${props.path}.${ext}?${props.query}`;
  return (
    <span data-testid="syntax-links">
      {' '}
      · Syntax som läser CSV-filen med etiketter och bortfallskoder: <a href={href('sps')}>SPSS</a> ·{' '}
      <a href={href('R')}>R</a> · <a href={href('do')}>Stata</a>
    </span>
  );
}
