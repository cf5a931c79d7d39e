/**
 * The SurveyJS model every page draws (the participant runner and the editor's preview), hardened
 * so that a definition cannot act, even one that got past the server's allow-list (allow-list.ts):
 * - no navigation on completion (navigateToUrl is cancelled);
 * - every text SurveyJS renders as HTML (html elements, the complete page) goes through DOMPurify
 *   with the allow-list's tags and links; everything else SurveyJS renders as text (no Markdown
 *   hook is registered, so titles and choices never become markup);
 * - a value put into such HTML ({projectName}, {an_answer}) is escaped first, so an answer or a
 *   project setting shows as the text it is.
 */
import DOMPurify from 'dompurify';
import { Model } from 'survey-core';
import { SANITIZE_CONFIG } from '../surveys/allow-list.ts';

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** The text as HTML that shows exactly that text. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => HTML_ESCAPES[ch]!);
}

/** Markup reduced to the allow-list's formatting tags and links; scripts, handlers and other tags removed. */
export function sanitizeHtml(html: string): string {
  return DOMPurify.sanitize(html, { ...SANITIZE_CONFIG, RETURN_TRUSTED_TYPE: false }) as string;
}

class SafeModel extends Model {
  /** Every HTML text (html element, complete page) after SurveyJS has put the values into it. */
  override processHtml(html: string, reason?: string): string {
    return sanitizeHtml(super.processHtml(html, reason));
  }
}

/** Elements whose texts SurveyJS renders as HTML: html elements and the survey (complete page). */
function rendersHtml(element: unknown): boolean {
  const type = (element as { getType?: () => string } | null)?.getType?.();
  return type === 'html' || type === 'survey';
}

export function createSafeModel(json: unknown): Model {
  const model: Model = new SafeModel(json);
  model.onNavigateToUrl.add((_, options) => {
    options.allow = false;
    options.url = '';
  });
  model.onProcessDynamicText.add((_, options) => {
    if (!rendersHtml(options.element) || options.value === undefined || options.value === null) return;
    const value = Array.isArray(options.value) ? options.value.join(', ') : String(options.value);
    options.value = escapeHtml(value);
  });
  return model;
}
