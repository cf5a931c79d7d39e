/** Helpers for the translation export/import tests: requests as a signed-in staff member, form fields of a page. */
type App = { request: (path: string, init?: RequestInit) => Response | Promise<Response> };

export function staffClient(app: App, cookie: string) {
  const headers = { cookie, origin: 'http://localhost' };
  return {
    get: (path: string) => app.request(path, { headers }),
    /** A multipart form post, as the page's forms send it. */
    post: (path: string, fields: Record<string, string | File>) => {
      const body = new FormData();
      for (const [k, v] of Object.entries(fields)) body.append(k, v);
      return app.request(path, { method: 'POST', headers, body });
    },
  };
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", apos: "'" };

/** The value of a hidden field in a page, unescaped. */
export function hiddenField(html: string, name: string): string {
  const m = new RegExp(`name="${name}" value="([^"]*)"`).exec(html);
  if (!m) throw new Error(`no field ${name}`);
  return m[1]!.replace(/&(amp|lt|gt|quot|#39|apos);/g, (_, e: string) => ENTITIES[e]!);
}

/** The confirmation form's fields of a preview page. */
export function confirmFields(html: string): Record<string, string> {
  return Object.fromEntries(['lang', 'format', 'of', 'changes'].map((n) => [n, hiddenField(html, n)]));
}

export const fileOf = (text: string, name: string) => new File([text], name, { type: 'application/octet-stream' });
