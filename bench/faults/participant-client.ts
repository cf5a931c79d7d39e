// One simulated participant: opens the session, consents and submits, each request retried until
// the server answers for good, as src/client/offline-queue.ts does in the browser: the same
// response uuid on every send, backoff between tries, Retry-After honoured (capped for speed).
// Some requests are aborted by the client after a random short timeout (AbortController).

export interface ClientPolicy {
  /** Share of requests given a short random timeout (1..abortMaxMs) after which the client aborts. */
  abortRate: number;
  abortMaxMs: number;
  /** Timeout for every other request: a hang longer than this counts as a timeout too. */
  requestTimeoutMs: number;
  backoffFirstMs: number;
  backoffMaxMs: number;
  /** Longest wait for a Retry-After (the server says 5 s; a test need not wait that long). */
  retryAfterCapMs: number;
  /** A client gives up after this long in one step: its submission then counts as lost. */
  giveUpAfterMs: number;
  /** Longest pause between the steps, as a person reads and answers. */
  thinkMaxMs: number;
}

/** Counters shared by all clients of a run. */
export interface ClientStats {
  requests: number;
  retries: number;
  /** Requests the client aborted after its injected short timeout. */
  clientTimeouts: number;
  /** Requests without an answer within requestTimeoutMs: the server hung. */
  hangs: number;
  /** Slowest answered request, in milliseconds. */
  slowestMs: number;
  /** Requests that failed in the network: reset, closed, cut off by the fault proxy. */
  networkErrors: number;
  status503: number;
  status503WithoutRetryAfter: number;
  status429: number;
  /** 5xx other than 503: always a failure. */
  unexpected5xx: number;
  /** Final 4xx answers (the client cannot go on). */
  refused: number;
  responses2xx: number;
  /** The examples kept for the report (status, path, error code). */
  problems: string[];
}

export function emptyStats(): ClientStats {
  return {
    requests: 0,
    retries: 0,
    clientTimeouts: 0,
    hangs: 0,
    slowestMs: 0,
    networkErrors: 0,
    status503: 0,
    status503WithoutRetryAfter: 0,
    status429: 0,
    unexpected5xx: 0,
    refused: 0,
    responses2xx: 0,
    problems: [],
  };
}

/** What one participant did, for the reconciliation with the database. */
export interface ClientLog {
  participantId: string;
  responseId: string;
  answers: Record<string, unknown>;
  consented: boolean;
  submitStarted: boolean;
  /** 200/201 received for the submission. */
  acknowledged: boolean;
  /** The acknowledgement said created: false (an earlier, unacknowledged try had stored it). */
  acknowledgedAsRetry: boolean;
  attempts: number;
  failure?: string;
}

export interface ClientContext {
  baseUrl: string;
  policy: ClientPolicy;
  stats: ClientStats;
  random: () => number;
  /** Called with the time of every 2xx (the run measures recovery from it). */
  onSuccess?: (at: number) => void;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Answer {
  status: number;
  body: Record<string, unknown>;
}

/** Sends one request until a 2xx or a final 4xx; throws when it gives up. */
async function untilAnswered(
  ctx: ClientContext,
  token: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<Answer & { attempts: number }> {
  const { policy, stats, random } = ctx;
  const started = Date.now();
  let wait = policy.backoffFirstMs;
  for (let attempt = 1; ; attempt++) {
    if (attempt > 1) stats.retries++;
    stats.requests++;
    let retryAfterMs: number | null = null;
    const short = random() < policy.abortRate;
    const controller = new AbortController();
    const sent = Date.now();
    const timer = setTimeout(
      () => controller.abort(),
      short ? 1 + Math.floor(random() * policy.abortMaxMs) : policy.requestTimeoutMs,
    );
    try {
      const res = await fetch(ctx.baseUrl + path, {
        method,
        headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
        body: body ? JSON.stringify(body) : undefined,
        signal: controller.signal,
      });
      // The whole body must arrive: a response cut off midway is no acknowledgement.
      const text = await bodyOf(res, controller.signal);
      const parsed = text ? (JSON.parse(text) as Record<string, unknown>) : {};
      stats.slowestMs = Math.max(stats.slowestMs, Date.now() - sent);
      if (res.status >= 200 && res.status < 300) {
        stats.responses2xx++;
        ctx.onSuccess?.(Date.now());
        return { status: res.status, body: parsed, attempts: attempt };
      }
      const code = (parsed.error as { code?: string } | undefined)?.code;
      const retryAfter = res.headers.get('retry-after');
      if (res.status === 503) {
        stats.status503++;
        if (!retryAfter || !/^\d+$/.test(retryAfter)) stats.status503WithoutRetryAfter++;
      } else if (res.status === 429) {
        stats.status429++;
      } else if (res.status >= 500) {
        stats.unexpected5xx++;
        note(stats, `${res.status} ${code ?? ''} on ${method} ${path}`);
      } else {
        stats.refused++;
        note(stats, `${res.status} ${code ?? ''} on ${method} ${path}`);
        return { status: res.status, body: parsed, attempts: attempt };
      }
      if (retryAfter && /^\d+$/.test(retryAfter))
        retryAfterMs = Math.min(Number(retryAfter) * 1000, policy.retryAfterCapMs);
    } catch (error) {
      if (controller.signal.aborted && short) stats.clientTimeouts++;
      else if (controller.signal.aborted) {
        stats.hangs++;
        note(stats, `no answer within ${policy.requestTimeoutMs} ms on ${method} ${path}`);
      } else stats.networkErrors++;
      if (!controller.signal.aborted && !isNetworkError(error))
        note(stats, `client error on ${method} ${path}: ${String(error)}`);
    } finally {
      clearTimeout(timer);
    }
    if (Date.now() - started > policy.giveUpAfterMs)
      throw new Error(`gave up on ${method} ${path} after ${attempt} attempts`);
    // Full jitter keeps 200 clients from coming back in one wave after the outage.
    await sleep(retryAfterMs ?? Math.floor(random() * wait) + 1);
    wait = Math.min(wait * 2, policy.backoffMaxMs);
  }
}

/**
 * The body, or an AbortError once the request's signal fires. On Node 20 an abort that lands while
 * the body is being read does not always end res.text(): measured, about one CI run in three had a
 * client waiting forever on a 503's body after its injected short timeout fired, and the test hit
 * its 150 s limit. So the abort is raced here rather than trusted to undici.
 */
function bodyOf(res: Response, signal: AbortSignal): Promise<string> {
  const aborted = () => new DOMException('the client gave up waiting for the body', 'AbortError');
  if (signal.aborted) {
    void res.body?.cancel().catch(() => {});
    return Promise.reject(aborted());
  }
  return new Promise<string>((resolve, reject) => {
    const onAbort = () => {
      void res.body?.cancel().catch(() => {});
      reject(aborted());
    };
    signal.addEventListener('abort', onAbort, { once: true });
    res.text().then(
      (text) => {
        signal.removeEventListener('abort', onAbort);
        resolve(text);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

function isNetworkError(error: unknown): boolean {
  // undici: TypeError('fetch failed') with a cause, or a body stream that ended early.
  const e = error as { name?: string; message?: string };
  return (
    e?.name === 'TypeError' ||
    e?.name === 'AbortError' ||
    /terminated|socket|ECONNRESET|other side closed/i.test(e?.message ?? '')
  );
}

function note(stats: ClientStats, line: string) {
  if (stats.problems.length < 20) stats.problems.push(line);
}

/** Session, consent, submission: the participant flow of the survey runner. */
export async function runParticipant(ctx: ClientContext, token: string, log: ClientLog): Promise<ClientLog> {
  const think = () => sleep(Math.floor(ctx.random() * ctx.policy.thinkMaxMs));
  try {
    const session = await untilAnswered(ctx, token, 'GET', '/api/p/session');
    if (session.status !== 200) throw new Error(`session answered ${session.status}`);
    const consentDef = (session.body.consent as { id: string } | null)?.id;
    const surveyDef = (session.body.survey as { id: string } | null)?.id;
    if (!consentDef || !surveyDef) throw new Error('session offered no consent form or survey');
    await think();
    const consent = await untilAnswered(ctx, token, 'POST', '/api/p/consent', {
      definition_id: consentDef,
      answers: { samtycker: true, svarar_med: 'self' },
    });
    if (consent.status >= 300) throw new Error(`consent answered ${consent.status}`);
    log.consented = true;
    await think();
    log.submitStarted = true;
    const submit = await untilAnswered(ctx, token, 'POST', '/api/p/responses', {
      id: log.responseId,
      definition_id: surveyDef,
      answers: log.answers,
    });
    log.attempts = submit.attempts;
    if (submit.status >= 300) throw new Error(`submission answered ${submit.status}`);
    log.acknowledged = true;
    log.acknowledgedAsRetry = (submit.body.response as { created?: boolean } | undefined)?.created === false;
  } catch (error) {
    log.failure = (error as Error).message;
  }
  return log;
}
