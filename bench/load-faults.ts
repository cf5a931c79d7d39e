// Reliability under faults (issue 8): simulated participants consent and submit with random client
// timeouts and a fault proxy that drops, cuts and delays responses after the app processed them,
// while PostgreSQL is stopped and started under the running app. Reconciled with the database.
//   npm run bench:load-faults            (a private throwaway PostgreSQL 15 cluster; needs root)
//   LOAD_FAULTS_CLIENTS=500 LOAD_FAULTS_SEED=7 LOAD_FAULTS_STOP_MODE=immediate npm run bench:load-faults
//   FAULTS_DATABASE_URL=… FAULTS_STOP_COMMAND=… FAULTS_START_COMMAND=… npm run bench:load-faults
//     (a disposable server of your own: it is restarted; never the shared one)
import { loadFaultsOptions } from './faults/defaults.ts';
import { runLoadFaults } from './faults/load-faults-run.ts';
import {
  externalDatabase,
  privateClusterUnavailable,
  startPrivateCluster,
  type RestartableDatabase,
} from './faults/private-cluster.ts';
import { formatReport } from './faults/report.ts';

async function main() {
  const external = externalDatabase();
  if (!external) {
    const reason = privateClusterUnavailable();
    if (reason)
      throw new Error(
        `cannot create the private PostgreSQL cluster: ${reason}. Set FAULTS_DATABASE_URL with FAULTS_STOP_COMMAND and FAULTS_START_COMMAND to use a disposable server instead.`,
      );
  }
  const options = loadFaultsOptions('bench', process.env);
  const stopMode = process.env.LOAD_FAULTS_STOP_MODE ?? 'fast';
  if (stopMode !== 'fast' && stopMode !== 'immediate')
    throw new Error('LOAD_FAULTS_STOP_MODE must be fast or immediate');
  const database: RestartableDatabase = external ?? (await startPrivateCluster({ stopMode }));
  const cleanup = () => void database.remove().finally(() => process.exit(130));
  process.once('SIGINT', cleanup);
  process.once('SIGTERM', cleanup);
  try {
    console.log(`bench:load-faults on ${database.description}`);
    const report = await runLoadFaults(database, { ...options, progress: (line) => console.log(`  … ${line}`) });
    console.log(formatReport(report));
    if (report.failures.length) process.exitCode = 1;
  } finally {
    await database.remove();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
