/**
 * Interim: the preview frame pointing at the participant-page preview route (replaced by the
 * preview module of the publish/preview work).
 */
export function mountPreview(host: HTMLElement, opts: { definitionId: string; languages: string[] }) {
  const frame = document.createElement('iframe');
  frame.setAttribute('sandbox', 'allow-scripts');
  frame.title = 'Förhandsvisning';
  let lang = opts.languages[0] ?? 'sv';
  const load = () => (frame.src = `/admin/definitions/${opts.definitionId}/preview?lang=${encodeURIComponent(lang)}`);
  host.replaceChildren(frame);
  load();
  return {
    reload: load,
    setLanguages(languages: string[]) {
      if (!languages.includes(lang)) lang = languages[0] ?? 'sv';
    },
  };
}
