/**
 * Autosave: every answer goes to device storage at once and to the server draft shortly after
 * (debounced), so the link resumes at the same page on this device. The server keeps the draft
 * for this browser's device cookie only and returns it to no other (a link alone never reads
 * back what was typed): another device starts from empty, and its own draft is kept beside this
 * one until the questionnaire is sent.
 *
 * Which copy wins when the page opens: the device's copy if it holds answers the server has not
 * confirmed (typed offline, or the page closed before the save); otherwise the server's, which
 * is this device's own and may be newer than storage (e.g. storage was cleared, or the link was
 * renewed and the storage key changed with it). No clocks are compared.
 */
import { api, linkKey, storage } from './api.ts';

export interface DraftState {
  answers: Record<string, unknown>;
  page: number;
}
interface LocalDraft extends DraftState {
  /** True once the server confirmed exactly these answers and page. */
  synced: boolean;
}
export interface ServerDraft extends DraftState {
  updated_at: string;
}

/** Saves stop for good after these: the survey is submitted, or consent is gone. */
const FINAL = new Set(['ALREADY_SUBMITTED', 'CONSENT_WITHDRAWN', 'CONSENT_REQUIRED', 'DEFINITION_NOT_FOUND']);

export interface DraftKeeper {
  /** The answers and page to start from. */
  initial(server: ServerDraft | null): DraftState | null;
  /** Records the current state; the server copy follows after the debounce, or now. */
  update(state: DraftState, now?: boolean): void;
  /** Saves to the server now. True when the server holds the current state. */
  flush(options?: { keepalive?: boolean }): Promise<boolean>;
  /** Forgets the device copy (after submission) and stops saving. */
  discard(): void;
  stop(): void;
}

/**
 * Keeps one questionnaire's draft. Without `server` (the consent form) only the device copy is
 * kept: nothing reaches the server before consent.
 */
export function createDraftKeeper(options: {
  definitionId: string;
  lang: () => string;
  server: boolean;
  debounceMs?: number;
  /** Told after each server save: `network` when the server could not be reached (offline banner). */
  onSave?: (result: 'saved' | 'network' | 'refused') => void;
}): DraftKeeper {
  const key = `enkat:draft:${options.definitionId}:${linkKey}`;
  const debounceMs = options.debounceMs ?? 800;
  let current: LocalDraft | null = storage.get<LocalDraft>(key);
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = !options.server;
  let inFlight: Promise<boolean> | null = null;

  async function save(keepalive: boolean): Promise<boolean> {
    clearTimeout(timer);
    if (!current) return true;
    if (current.synced) return true;
    if (stopped) return false;
    const sent = current;
    try {
      const res = await api<{ draft: { updated_at: string } }>(
        'PUT',
        '/api/p/draft',
        options.lang(),
        { definition_id: options.definitionId, answers: sent.answers, page: sent.page },
        { keepalive },
      );
      options.onSave?.(res.ok ? 'saved' : 'refused');
      if (res.ok) {
        // Only if nothing changed meanwhile: a newer state still needs its own save.
        if (current === sent) {
          current = { ...sent, synced: true };
          storage.set(key, current);
        }
        return current.synced;
      }
      if (res.data.error && FINAL.has(res.data.error.code)) stopped = true;
      return false;
    } catch {
      options.onSave?.('network');
      return false; // offline: the device copy stays unsynced and is sent on the next chance
    }
  }

  function flush(opts: { keepalive?: boolean } = {}): Promise<boolean> {
    // One save at a time, so an older state never lands after a newer one.
    const run = (inFlight ?? Promise.resolve(true)).then(() => save(opts.keepalive ?? false));
    inFlight = run.finally(() => {
      if (inFlight === run) inFlight = null;
    });
    return run;
  }

  const onOnline = () => void flush();
  if (options.server) addEventListener('online', onOnline);
  function stop() {
    stopped = true;
    clearTimeout(timer);
    removeEventListener('online', onOnline);
  }

  return {
    initial(server) {
      if (current && (!current.synced || !server)) {
        // The server has not got this yet: send it, so this device resumes here even without storage.
        if (!current.synced) void flush();
        return current;
      }
      if (server) {
        current = { answers: server.answers, page: server.page, synced: true };
        storage.set(key, current);
      }
      return current;
    },
    update(state, now = false) {
      current = { answers: state.answers, page: state.page, synced: false };
      storage.set(key, current);
      clearTimeout(timer);
      if (stopped) return;
      if (now) void flush();
      else timer = setTimeout(() => void flush(), debounceMs);
    },
    flush,
    discard() {
      stop();
      current = null;
      discardDraft(options.definitionId);
    },
    stop,
  };
}

/** Forgets the device copy of one questionnaire's draft (after its submission). */
export function discardDraft(definitionId: string): void {
  storage.remove(`enkat:draft:${definitionId}:${linkKey}`);
}

/** Forgets every draft of this link on this device (after withdrawal). */
export function discardAllDrafts(): void {
  try {
    for (const k of Object.keys(localStorage))
      if (k.startsWith('enkat:') && k.endsWith(`:${linkKey}`)) localStorage.removeItem(k);
  } catch {
    // storage unavailable: nothing kept
  }
}
