/**
 * The participant API as the runner calls it: the link token from the address as a bearer token,
 * and device storage that never throws (private browsing may refuse it).
 */

/**
 * The link token: the second path segment (/d/<token>), or during a hand-over the page's own
 * <meta name="enkat-link">, so that the token never enters the coach's phone's history.
 */
export const token =
  document.querySelector<HTMLMetaElement>('meta[name="enkat-link"]')?.content ??
  decodeURIComponent(location.pathname.split('/')[2] ?? '');
/** Keys in device storage name the link by the end of its signature, never the whole token. */
export const linkKey = token.slice(-24);

export interface ApiResult<T> {
  ok: boolean;
  status: number;
  data: T & { error?: { code: string; message: string } };
}

/** One call. Throws (TypeError) when the network is down; any HTTP answer is returned. */
export async function api<T>(
  method: 'GET' | 'POST' | 'PUT',
  path: string,
  lang: string,
  body?: unknown,
  options: { keepalive?: boolean } = {},
): Promise<ApiResult<T>> {
  const res = await fetch(path, {
    method,
    headers: {
      Authorization: `Bearer ${token}`,
      'Accept-Language': lang,
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
    keepalive: options.keepalive,
    cache: 'no-store',
  });
  return { ok: res.ok, status: res.status, data: (await res.json().catch(() => ({}))) as ApiResult<T>['data'] };
}

export const storage = {
  get<T>(key: string): T | null {
    try {
      const raw = localStorage.getItem(key);
      return raw === null ? null : (JSON.parse(raw) as T);
    } catch {
      return null;
    }
  },
  set(key: string, value: unknown): boolean {
    try {
      localStorage.setItem(key, JSON.stringify(value));
      return true;
    } catch {
      return false;
    }
  },
  remove(key: string): void {
    try {
      localStorage.removeItem(key);
    } catch {
      // Nothing to do: storage is unavailable, so nothing was kept either.
    }
  },
};
