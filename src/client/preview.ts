/**
 * The editor's preview, inside its sandboxed frame (editor.ts makes it: an iframe with
 * sandbox="allow-scripts" and no allow-same-origin). The frame has an origin of its own that
 * matches no site: the draft it draws cannot read the editor's page, its cookies or the admin API,
 * cannot navigate the editor away, open windows or submit forms. It draws what the editor posts
 * ({survey, locale}) with the same hardened model as the participant's page.
 */
import 'survey-core/i18n/swedish';
import { renderSurvey } from 'survey-js-ui';
import { createSafeModel } from './safe-survey.ts';

export interface PreviewMessage {
  survey: unknown;
  locale: string;
}

const host = document.getElementById('preview')!;

function draw({ survey, locale }: PreviewMessage): void {
  const target = document.createElement('div');
  host.replaceChildren(target);
  try {
    const model = createSafeModel(survey);
    model.locale = locale;
    model.fitToContainer = false;
    renderSurvey(model, target);
  } catch {
    target.textContent = 'Förhandsvisningen kan inte visa den här definitionen.';
  }
}

addEventListener('message', (event: MessageEvent) => {
  // Only the editor that holds this frame talks to it.
  if (event.source !== parent || !event.data || typeof event.data !== 'object') return;
  draw(event.data as PreviewMessage);
});
parent.postMessage('preview-ready', '*');
