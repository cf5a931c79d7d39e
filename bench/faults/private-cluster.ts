// A throwaway PostgreSQL 15 cluster for fault tests: initdb into a fresh temporary directory owned
// by the postgres OS user, listening on 127.0.0.1 and a free port, stopped and started with pg_ctl.
// It never touches the shared cluster on port 5432, and remove() deletes everything it made.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chown, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const PG_BIN = process.env.FAULTS_PG_BIN ?? '/usr/lib/postgresql/15/bin';
const OS_USER = 'postgres';

/** A database server the load run may stop and start. */
export interface RestartableDatabase {
  /** Superuser connection string (the app connects with it too, as main.node.ts would with DATABASE_URL). */
  url: string;
  description: string;
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Stops the server (if this module started it) and deletes its files. Safe to call twice. */
  remove(): Promise<void>;
}

/** Why a private cluster cannot be made here, or null when it can. */
export function privateClusterUnavailable(): string | null {
  if (process.platform !== 'linux') return `needs Linux (this is ${process.platform})`;
  if (process.getuid?.() !== 0) return 'needs root (to run initdb and pg_ctl as the postgres user through runuser)';
  for (const tool of ['initdb', 'pg_ctl'])
    if (!existsSync(join(PG_BIN, tool)))
      return `${join(PG_BIN, tool)} not found (PostgreSQL 15 server binaries not installed)`;
  if (!existsSync('/usr/sbin/runuser') && !existsSync('/usr/bin/runuser')) return 'runuser not found';
  return null;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function asPostgres(tool: string, args: string[]): Promise<string> {
  try {
    const { stdout } = await run('runuser', ['-u', OS_USER, '--', join(PG_BIN, tool), ...args], { timeout: 60_000 });
    return stdout;
  } catch (error) {
    const e = error as { stderr?: string; message: string };
    throw new Error(`${tool} failed: ${(e.stderr || e.message).trim()}`, { cause: error });
  }
}

/**
 * Creates and starts a private cluster with a superuser role `enkat` (password `enkat`) and an
 * empty database `enkat`. stop() uses pg_ctl's fast mode (sessions are terminated, a clean
 * shutdown) unless told 'immediate' (a crash: recovery from WAL on the next start). Call remove()
 * in a finally block.
 */
export async function startPrivateCluster(
  options: { stopMode?: 'fast' | 'immediate' } = {},
): Promise<RestartableDatabase> {
  const stopMode = options.stopMode ?? 'fast';
  const reason = privateClusterUnavailable();
  if (reason) throw new Error(`private PostgreSQL cluster unavailable: ${reason}`);
  const root = await mkdtemp(join(tmpdir(), 'enkat-faults-'));
  const { uid, gid } = await postgresIds();
  await chown(root, uid, gid);
  const data = join(root, 'data');
  const socketDir = root;
  const port = await freePort();
  const log = join(root, 'server.log');
  const serverOptions = `-p ${port} -k ${socketDir} -c listen_addresses=127.0.0.1 -c max_connections=50`;
  let running = false;
  const pgCtl = (...args: string[]) => asPostgres('pg_ctl', ['-D', data, '-l', log, ...args]);
  const cluster: RestartableDatabase = {
    url: `postgres://enkat:enkat@127.0.0.1:${port}/enkat`,
    description: `private PostgreSQL 15 cluster on 127.0.0.1:${port} (${root}), stop -m ${stopMode}`,
    async stop() {
      await pgCtl('stop', '-m', stopMode, '-w');
      running = false;
    },
    async start() {
      await pgCtl('start', '-w', '-t', '60', '-o', serverOptions);
      running = true;
    },
    async remove() {
      if (running) await pgCtl('stop', '-m', 'immediate', '-w').catch(() => {});
      running = false;
      await rm(root, { recursive: true, force: true });
    },
  };
  try {
    // Trust on loopback only: the cluster lives for one run and listens on 127.0.0.1.
    await asPostgres('initdb', [
      '-D',
      data,
      '-U',
      'postgres',
      '-A',
      'trust',
      '-E',
      'UTF8',
      '--locale=C.UTF-8',
      '--no-sync',
    ]);
    await cluster.start();
    await asPostgres('psql', [
      '-h',
      socketDir,
      '-p',
      String(port),
      '-U',
      'postgres',
      '-d',
      'postgres',
      '-v',
      'ON_ERROR_STOP=1',
      '-q',
      '-c',
      "create role enkat login superuser password 'enkat'",
      '-c',
      'create database enkat owner enkat',
    ]);
    return cluster;
  } catch (error) {
    await cluster.remove();
    throw error;
  }
}

async function postgresIds(): Promise<{ uid: number; gid: number }> {
  const { stdout: u } = await run('id', ['-u', OS_USER]);
  const { stdout: g } = await run('id', ['-g', OS_USER]);
  return { uid: Number(u.trim()), gid: Number(g.trim()) };
}

/**
 * An existing server given by FAULTS_DATABASE_URL, stopped and started by the shell commands in
 * FAULTS_STOP_COMMAND and FAULTS_START_COMMAND (for a disposable server only: the run restarts it).
 */
export function externalDatabase(env: NodeJS.ProcessEnv = process.env): RestartableDatabase | null {
  const url = env.FAULTS_DATABASE_URL;
  if (!url) return null;
  const stopCommand = env.FAULTS_STOP_COMMAND;
  const startCommand = env.FAULTS_START_COMMAND;
  if (!stopCommand || !startCommand)
    throw new Error('FAULTS_DATABASE_URL needs FAULTS_STOP_COMMAND and FAULTS_START_COMMAND');
  const shell = async (command: string) => void (await run('sh', ['-c', command], { timeout: 120_000 }));
  return {
    url,
    description: `PostgreSQL at ${new URL(url).host} (FAULTS_DATABASE_URL)`,
    stop: () => shell(stopCommand),
    start: () => shell(startCommand),
    remove: async () => {},
  };
}
