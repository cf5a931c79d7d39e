/**
 * Offline-safe submission: the finished answers and their client uuid are kept on the device
 * until the server confirms them (201 created, or 200 for a retry it already has). Retries reuse
 * the same uuid, so the server stores exactly one response however often it is sent.
 */
import { api, linkKey, storage, type ApiResult } from './api.ts';
import { UI_LANGS } from './texts.ts';

export interface PendingSubmission {
  id: string;
  definition_id: string;
  answers: Record<string, unknown>;
  /** The participant language the questions were shown in (kept with the answers until sent). */
  locale?: string;
}

/**
 * What a submission says it was answered in: the content language shown, when it is a participant
 * language (the server refuses any other value, which would lose the answers); else nothing.
 */
export function answerLocale(contentLocale: string): string | undefined {
  return UI_LANGS.some((l) => l.lang === contentLocale) ? contentLocale : undefined;
}

export type Delivery =
  | { ok: true }
  /** The server refused for good (4xx): the answers cannot be stored as they are. */
  | { ok: false; status: number; code: string | undefined; message: string | undefined };

const pendingKey = `enkat:pending:${linkKey}`;
const FIRST_WAIT_MS = 2_000;
const MAX_WAIT_MS = 60_000;

/** The same uuid for every send of this link's answers to this questionnaire. */
export function clientResponseId(definitionId: string): string {
  const key = `enkat:response-id:${definitionId}:${linkKey}`;
  let id = storage.get<string>(key);
  if (!id) {
    id = crypto.randomUUID();
    storage.set(key, id);
  }
  return id;
}

export function loadPending(): PendingSubmission | null {
  return storage.get<PendingSubmission>(pendingKey);
}

export function keepPending(p: PendingSubmission): void {
  storage.set(pendingKey, p);
}

/** After confirmation (or a final refusal): forget the answers and the uuid. */
export function clearPending(p: PendingSubmission): void {
  storage.remove(pendingKey);
  storage.remove(`enkat:response-id:${p.definition_id}:${linkKey}`);
}

/** Worth sending again later: no answer at all, or one that says "not now". */
const transient = (status: number) => status === 408 || status === 429 || status >= 500;

/**
 * Sends until the server answers for good. While it cannot, `waiting` is told why (offline or
 * server trouble) and the next try comes on the `online` event, on `retryNow`, or after a
 * backoff of 2 s doubling to 60 s, whichever is first.
 */
export async function deliver(
  p: PendingSubmission,
  lang: () => string,
  waiting: (reason: 'offline' | 'server', retryNow: () => void) => void,
): Promise<Delivery> {
  keepPending(p);
  for (let wait = FIRST_WAIT_MS; ; wait = Math.min(wait * 2, MAX_WAIT_MS)) {
    let res: ApiResult<unknown> | null = null;
    try {
      res = await api('POST', '/api/p/responses', lang(), p);
    } catch {
      res = null; // the network is down
    }
    if (res && (res.status === 201 || res.status === 200)) {
      clearPending(p);
      return { ok: true };
    }
    if (res && !transient(res.status)) {
      clearPending(p);
      return { ok: false, status: res.status, code: res.data.error?.code, message: res.data.error?.message };
    }
    await new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        removeEventListener('online', done);
        resolve();
      };
      const timer = setTimeout(done, wait);
      addEventListener('online', done);
      waiting(res === null || !navigator.onLine ? 'offline' : 'server', done);
    });
  }
}
