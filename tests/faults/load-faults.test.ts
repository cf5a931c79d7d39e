// The CI run of bench/load-faults.ts (issue 8): 200 participants, random client timeouts, a fault
// proxy that drops, cuts and delays responses, and a PostgreSQL restart mid-run, on a private
// throwaway cluster (never the shared server). Skipped, with the reason printed, where the cluster
// cannot be made (not root, or no PostgreSQL 15 server binaries).
import { afterAll, describe, expect, it } from 'vitest';
import { loadFaultsOptions } from '../../bench/faults/defaults.ts';
import { runLoadFaults } from '../../bench/faults/load-faults-run.ts';
import {
  privateClusterUnavailable,
  startPrivateCluster,
  type RestartableDatabase,
} from '../../bench/faults/private-cluster.ts';
import { formatReport } from '../../bench/faults/report.ts';

const unavailable = privateClusterUnavailable();
if (unavailable)
  console.warn(`tests/faults/load-faults.test.ts SKIPPED: no private PostgreSQL cluster: ${unavailable}`);

describe.skipIf(unavailable !== null)('load with faults and a PostgreSQL restart', () => {
  let cluster: RestartableDatabase | undefined;
  afterAll(async () => {
    await cluster?.remove();
  });

  it(
    'stores every submission exactly once, answers 503 with Retry-After while the server is away and recovers by itself',
    { timeout: 150_000 },
    async () => {
      cluster = await startPrivateCluster();
      const options = loadFaultsOptions('ci', process.env);
      const report = await runLoadFaults(cluster, {
        ...options,
        progress: (l) => console.log(new Date().toISOString(), l),
      });
      console.log(`load-faults (CI):\n${formatReport(report)}`);
      expect(report.options.clients).toBeGreaterThanOrEqual(200);
      expect(report.reconciliation.lost).toBe(0);
      expect(report.reconciliation.duplicated).toBe(0);
      expect(report.reconciliation.partial).toBe(0);
      expect(report.reconciliation.consentProblems).toBe(0);
      expect(report.reconciliation.storedResponses).toBe(report.options.clients);
      expect(report.submissionsAcknowledged).toBe(report.options.clients);
      expect(report.stats.unexpected5xx).toBe(0);
      expect(report.stats.status503).toBeGreaterThan(0);
      expect(report.stats.status503WithoutRetryAfter).toBe(0);
      expect(report.crashes).toEqual([]);
      expect(report.failures).toEqual([]);
    },
  );
});
