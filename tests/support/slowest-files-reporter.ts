import type { Reporter, TestModule } from 'vitest/node';

/** Prints the ten slowest test files after a run (setup, import, hooks and tests, in seconds). */
export default class SlowestFilesReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>) {
    const rows = testModules
      .map((m) => {
        const d = m.diagnostic();
        return {
          file: m.relativeModuleId,
          seconds:
            (d.environmentSetupDuration + d.prepareDuration + d.setupDuration + d.collectDuration + d.duration) / 1000,
        };
      })
      .sort((a, b) => b.seconds - a.seconds)
      .slice(0, 10);
    if (!rows.length) return;
    console.log(
      `\nSlowest test files:\n${rows.map((r) => `${r.seconds.toFixed(1).padStart(7)} s  ${r.file}`).join('\n')}`,
    );
  }
}
