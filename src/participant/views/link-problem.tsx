import type { ErrorCode } from '../../errors.ts';
import { errorMessage } from '../../http/errors.ts';
import { Layout } from '../../views/layout.tsx';
import { participantErrorText } from '../i18n/errors.ts';
import type { ParticipantLocale } from '../../client/i18n/locales.ts';
import { RUNNER_TEXTS } from '../../client/i18n/texts.ts';
import { Own, secondLanguage } from './own-language.tsx';

/**
 * Why a short link (/l/<id>) does not open: Swedish first, then the participant's language (as on
 * /k). No runner on this page: there is no link token to give it.
 */
export function LinkProblemPage(props: { code: ErrorCode; locale: ParticipantLocale }) {
  const second = secondLanguage(props.locale);
  return (
    <Layout title={RUNNER_TEXTS.sv.linkTitle}>
      <h1>{RUNNER_TEXTS.sv.linkTitle}</h1>
      <p class="notice error" role="alert" data-testid="link-problem">
        {errorMessage(props.code, 'sv')}
      </p>
      <Own locale={second} tag="h2">
        {RUNNER_TEXTS[second].linkTitle}
      </Own>
      <Own locale={second} class="muted">
        {participantErrorText({ code: props.code }, second)}
      </Own>
    </Layout>
  );
}
