import type { LoadFaultsReport } from './load-faults-run.ts';

/** The figures issue 8 asks for, one per line. */
export function formatReport(r: LoadFaultsReport): string {
  const s = r.stats;
  const rec = r.reconciliation;
  const errors = s.requests - s.responses2xx;
  const lines: [string, string | number][] = [
    ['database', r.database],
    ['seed', r.options.seed],
    ['clients', r.options.clients],
    ['submissions attempted', r.submissionsAttempted],
    [
      'submissions acknowledged',
      `${r.submissionsAcknowledged} (${r.acknowledgedAsRetry} of them answered as an already stored retry: stored earlier, unacknowledged then)`,
    ],
    ['requests total', s.requests],
    ['retries', s.retries],
    [
      'timeouts injected',
      `${r.injected.clientAborts} client aborts, proxy: ${r.injected.dropped} dropped, ${r.injected.cut} cut, ${r.injected.delayed} delayed responses`,
    ],
    ['network errors seen by clients', s.networkErrors],
    [
      'hung requests',
      `${s.hangs} without an answer within ${r.options.policy.requestTimeoutMs} ms; slowest answer ${s.slowestMs} ms`,
    ],
    ['503 (DATABASE_UNAVAILABLE)', `${s.status503} (${s.status503WithoutRetryAfter} without Retry-After)`],
    ['429 (rate limited)', s.status429],
    ['other 5xx', s.unexpected5xx],
    ['final 4xx', s.refused],
    ['error rate', `${((100 * errors) / Math.max(1, s.requests)).toFixed(1)} % of requests without a 2xx (${errors})`],
    [
      'outage',
      `${r.outageSeconds.toFixed(1)} s (stop to accepting again); first 2xx ${r.recoverySeconds === null ? 'never' : `${r.recoverySeconds.toFixed(2)} s`} after the restart`,
    ],
    ['run', `${r.runSeconds.toFixed(1)} s`],
    [
      'throughput',
      `${(s.requests / r.runSeconds).toFixed(1)} req/s, ${(r.submissionsAcknowledged / r.runSeconds).toFixed(1)} submissions/s (paced by think times and the outage)`,
    ],
    ['server statuses', JSON.stringify(r.serverStatuses)],
    ['stored responses', rec.storedResponses],
    ['active consents', rec.activeConsents],
    ['lost', `${rec.lost} (acknowledged but missing: ${rec.acknowledgedButMissing})`],
    ['duplicated', rec.duplicated],
    ['partial', rec.partial],
    ['consent problems', rec.consentProblems],
    ['crashes', r.crashes.length],
  ];
  const width = Math.max(...lines.map(([k]) => k.length));
  const out = lines.map(([k, v]) => `  ${k.padEnd(width)}  ${v}`);
  for (const [title, list] of [
    ['server errors', r.serverErrors],
    ['client problems', s.problems],
    ['reconciliation', rec.examples],
    ['crashes', r.crashes],
  ] as const) {
    if (list.length) out.push(`  ${title}:`, ...list.map((l) => `    ${l}`));
  }
  out.push(
    r.failures.length
      ? `FAILED: ${r.failures.join('; ')}`
      : 'PASSED: every submission stored exactly once, complete; one active consent each; no 5xx but 503 with Retry-After',
  );
  return out.join('\n');
}
