import type { LoadFaultsOptions } from './load-faults-run.ts';

/**
 * The run's shape. The bench spreads 200 participants over 20 s around a 5 s outage; the CI test
 * squeezes the same 200 into about 10 s. LOAD_FAULTS_CLIENTS, LOAD_FAULTS_SEED and
 * LOAD_FAULTS_OUTAGE_MS (how long the server stays stopped) override.
 */
export function loadFaultsOptions(kind: 'bench' | 'ci', env: NodeJS.ProcessEnv): Omit<LoadFaultsOptions, 'progress'> {
  const clients = Number(env.LOAD_FAULTS_CLIENTS ?? 200);
  const seed = Number(env.LOAD_FAULTS_SEED ?? Math.floor(Math.random() * 2 ** 31));
  if (!Number.isInteger(clients) || clients < 1) throw new Error('LOAD_FAULTS_CLIENTS must be a positive integer');
  if (!Number.isInteger(seed)) throw new Error('LOAD_FAULTS_SEED must be an integer');
  const bench = kind === 'bench';
  const outageMs = Number(env.LOAD_FAULTS_OUTAGE_MS ?? (bench ? 5_000 : 3_000));
  if (!Number.isInteger(outageMs) || outageMs < 0)
    throw new Error('LOAD_FAULTS_OUTAGE_MS must be a whole number of milliseconds');
  return {
    clients,
    seed,
    startWindowMs: bench ? 20_000 : 8_000,
    outageAtMs: bench ? 6_000 : 2_500,
    outageMs,
    policy: {
      abortRate: 0.1,
      abortMaxMs: 40,
      requestTimeoutMs: 10_000,
      backoffFirstMs: 200,
      backoffMaxMs: 2_000,
      retryAfterCapMs: bench ? 2_000 : 1_000,
      giveUpAfterMs: 60_000,
      thinkMaxMs: bench ? 3_000 : 1_500,
    },
    proxy: { drop: 0.05, cut: 0.05, delay: 0.1, maxDelayMs: 300 },
  };
}
