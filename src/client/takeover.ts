/**
 * The runner taking over the first screen the server drew (participant/views/first-screen.tsx):
 * whatever was tapped there before SurveyJS loaded goes into the model, so it is kept (and saved
 * as a draft like any answer). The server-drawn inputs name their question in data-q; their values
 * are matched to the question's choices as strings, so a number stays a number.
 */
import type { ItemValue, Model } from 'survey-core';

/**
 * Switches on survey-core's whole stylesheet (participant/views/shell.tsx loads it as media="print",
 * so it does not hold up the first paint) and resolves once it has loaded, before SurveyJS draws.
 */
export function fullStyles(): Promise<void> {
  const link = document.getElementById('survey-styles') as HTMLLinkElement | null;
  if (!link) return Promise.resolve();
  link.media = 'all';
  if (link.sheet) return Promise.resolve();
  return new Promise((resolve) => {
    link.addEventListener('load', () => resolve(), { once: true });
    link.addEventListener('error', () => resolve(), { once: true });
  });
}

/** Answers tapped on the server-drawn screen of this definition; the screen is taken over once. */
export function tappedBeforeLoad(definitionId: string): Map<string, unknown> {
  const tapped = new Map<string, unknown>();
  const app = document.getElementById('app');
  if (!app || app.dataset.firstScreen === undefined) return tapped;
  const drawn = app.dataset.firstScreen === definitionId;
  delete app.dataset.firstScreen;
  if (!drawn) return tapped;
  for (const input of app.querySelectorAll<HTMLInputElement>('input[data-q]')) {
    if (!input.checked) continue;
    const name = input.dataset.q!;
    if (input.dataset.boolean !== undefined) {
      tapped.set(name, true);
      continue;
    }
    const list = tapped.get(name);
    if (input.type === 'checkbox') tapped.set(name, [...(Array.isArray(list) ? list : []), input.value]);
    else tapped.set(name, input.value);
  }
  return tapped;
}

/** Sets what was tapped into the model (after its draft, so the newest taps win). */
export function takeOver(model: Model, definitionId: string): void {
  for (const [name, raw] of tappedBeforeLoad(definitionId)) {
    const question = model.getQuestionByName(name) as
      (ReturnType<Model['getQuestionByName']> & { visibleChoices?: ItemValue[] }) | null;
    if (!question) continue;
    if (raw === true) {
      model.setValue(name, true);
      continue;
    }
    const choices = question.visibleChoices ?? [];
    const valueOf = (text: unknown) => choices.find((c) => String(c.value) === text)?.value as unknown;
    const value = Array.isArray(raw) ? raw.map(valueOf).filter((v) => v !== undefined) : valueOf(raw);
    if (value !== undefined && !(Array.isArray(value) && value.length === 0)) model.setValue(name, value);
  }
}
