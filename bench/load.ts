// Load generator for bench/submit.ts. It runs in its own process (forked by submit.ts) so that
// building requests and parsing responses does not eat into the event loop of the server it
// measures. It receives one LoadJob over IPC, answers with one LoadResult and exits.
import autocannon, { type RawRequest, type Result } from 'autocannon';

export interface LoadJob {
  url: string;
  connections: number;
  seconds: number;
  warmupSeconds: number;
  /** Bearer tokens handed out in order, one per request (reused round-robin when exhausted). */
  tokens: string[];
  definitionId: string;
  items: readonly string[];
}

export interface Measurement {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
  /** Responses per status code, warm-up included (for checking rows against 2xx). */
  statuses: Record<string, number>;
}

const VALUES: (number | 'none')[] = [1, 2, 3, 4, 5, 6, 'none'];

function answers(items: readonly string[]): Record<string, number | 'none'> {
  return Object.fromEntries(items.map((item) => [item, VALUES[Math.floor(Math.random() * VALUES.length)]!]));
}

function statuses(...results: (Result | undefined)[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of results)
    for (const [code, { count }] of Object.entries(r?.statusCodeStats ?? {})) out[code] = (out[code] ?? 0) + count;
  return out;
}

export async function runLoad(job: LoadJob): Promise<Measurement> {
  let next = 0;
  // Every request gets the next participant and a fresh response id: a participant may submit
  // Pågående once, so reusing either would measure the 409 path instead of a real submission.
  const setupRequest = (request: RawRequest) => {
    request.headers.authorization = `Bearer ${job.tokens[next++ % job.tokens.length]}`;
    request.body = JSON.stringify({
      id: crypto.randomUUID(),
      definition_id: job.definitionId,
      answers: answers(job.items),
    });
    return request;
  };
  const result = await autocannon({
    url: job.url,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    connections: job.connections,
    duration: job.seconds,
    warmup: { connections: job.connections, duration: job.warmupSeconds },
    requests: [{ setupRequest }],
  });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    statuses: statuses(result, result.warmup),
  };
}

if (process.send) {
  process.once('message', (job: LoadJob) => {
    runLoad(job).then(
      (measurement) => process.send!({ measurement }, () => process.exit(0)),
      (error: unknown) => process.send!({ error: String((error as Error)?.stack ?? error) }, () => process.exit(1)),
    );
  });
}
