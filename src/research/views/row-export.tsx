import { SyntaxLinks } from './syntax-links.tsx';

/** The caller's own row-level export grant in the shown project (public.row_export_grant). */
export interface RowExportGrantFlag {
  granted: boolean;
  include_free_text: boolean;
}

/**
 * "Radnivåexport": download links for the pseudonymised rows, shown only to staff an admin has
 * granted row-level export in this project. Each download gets fresh pseudonyms and is audited.
 */
export function RowExportBlock(props: { projectId: string; surveyKey: string; grant?: RowExportGrantFlag | null }) {
  if (!props.grant?.granted) return null;
  const q = `project=${props.projectId}&survey=${props.surveyKey}`;
  return (
    <section data-testid="row-export">
      <h2>Radnivåexport</h2>
      <p>
        Ett svar per rad med en ny pseudonym för varje nedladdning; deltagare som återkallat sitt samtycke ingår inte.{' '}
        {props.grant.include_free_text ? 'Fritextsvar ingår.' : 'Fritextsvar ingår inte.'} Varje nedladdning loggas.
      </p>
      <p>
        Ladda ner: <a href={`/api/research/rows.csv?${q}`}>CSV</a> ·{' '}
        <a href={`/api/research/rows.csv?${q}&sep=semicolon`}>CSV för svenskt Excel</a> ·{' '}
        <a href={`/api/research/rows.jsonl?${q}`}>JSON Lines</a>
        <SyntaxLinks path="/api/research/rows" query={q} />
        {props.grant.include_free_text ? (
          <>
            {' '}
            · <a href={`/api/research/rows.csv?${q}&sep=semicolon&free_text=0`}>CSV utan fritext</a>
          </>
        ) : null}
      </p>
    </section>
  );
}
