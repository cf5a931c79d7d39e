import type { ErrorCode } from '../../errors.ts';
import { errorMessage } from '../../http/errors.ts';
import { Layout } from '../../views/layout.tsx';

/**
 * Why a short link (/l/<id>) does not open: Swedish first, the English below in small type (as on
 * /k). No runner on this page: there is no link token to give it.
 */
export function LinkProblemPage(props: { code: ErrorCode }) {
  return (
    <Layout title="Länken fungerar inte">
      <h1>Länken fungerar inte</h1>
      <p class="notice error" role="alert" data-testid="link-problem">
        {errorMessage(props.code, 'sv')}
      </p>
      <p class="muted" lang="en">
        {errorMessage(props.code, 'en')}
      </p>
    </Layout>
  );
}
