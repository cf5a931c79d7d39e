import { hostname } from 'node:os';
import { join } from 'node:path';
import { readFile, unlink, writeFile } from 'node:fs/promises';

interface LockInfo {
  pid: number;
  host: string;
  purpose: string;
  since: string;
}

const heldHere = new Set<string>();

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Takes DATA_DIR/pglite.lock for this process. PGlite itself does not stop a second process from
 * opening the same data directory (both would write to it and tear it), so the server and the CLI
 * commands take this lock first. A lock left by a process that no longer runs on this host is
 * taken over. Returns the release function.
 */
export async function lockDataDir(dataDir: string, purpose: string): Promise<() => Promise<void>> {
  const file = join(dataDir, 'pglite.lock');
  const mine: LockInfo = { pid: process.pid, host: hostname(), purpose, since: new Date().toISOString() };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      await writeFile(file, JSON.stringify(mine), { flag: 'wx', mode: 0o600 });
      heldHere.add(file);
      return async function release() {
        heldHere.delete(file);
        await unlink(file).catch(() => {});
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const held = await readLock(file);
    const stale =
      held !== undefined &&
      held.host === mine.host &&
      !heldHere.has(file) &&
      (held.pid === process.pid || !alive(held.pid));
    if (held && !stale) {
      throw new Error(
        `the PGlite data directory ${dataDir} is in use by ${held.purpose} (pid ${held.pid} on ${held.host}, since ${held.since}): ` +
          `stop it first, PGlite allows one process per data directory (if no such process runs, delete ${file})`,
      );
    }
    await unlink(file).catch(() => {});
  }
  throw new Error(`could not lock ${file}`);
}

async function readLock(file: string): Promise<LockInfo | undefined> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as LockInfo;
  } catch {
    return undefined; // vanished meanwhile or unreadable: treated as stale
  }
}
