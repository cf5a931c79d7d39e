import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readFile, stat, unlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { manifestSchema, type Manifest } from './manifest.ts';

/** Where a backup goes: --out FILE, --out DIR (existing, or ending in /), else ./backups/<timestamped name>. */
export async function backupPath(
  out: string | undefined,
  engine: Manifest['engine'],
  now = new Date(),
): Promise<string> {
  const name = `enkat-${engine}-${now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z')}.${engine === 'pglite' ? 'tar.gz' : 'dump'}`;
  const target = out ?? 'backups/';
  const isDir =
    target.endsWith('/') ||
    (await stat(target).then(
      (s) => s.isDirectory(),
      () => false,
    ));
  const path = resolve(isDir ? join(target, name) : target);
  // The directory holds special-category data: only the owner may list it.
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  return path;
}

export const manifestPath = (file: string) => `${file}.manifest.json`;

/** Opens a new file (never overwrites) readable by the owner only; a hash follows every chunk. */
export function privateFile(path: string) {
  const stream = createWriteStream(path, { flags: 'wx', mode: 0o600 });
  const hash = createHash('sha256');
  let bytes = 0;
  return {
    stream,
    write(chunk: Uint8Array) {
      hash.update(chunk);
      bytes += chunk.length;
      return stream.write(chunk);
    },
    async end(): Promise<{ bytes: number; sha256: string }> {
      await new Promise<void>((ok, fail) => stream.end((error?: Error | null) => (error ? fail(error) : ok())));
      return { bytes, sha256: hash.digest('hex') };
    },
    async discard() {
      stream.destroy();
      await unlink(path).catch(() => {});
    },
  };
}

export async function writeManifest(file: string, manifest: Manifest): Promise<string> {
  const path = manifestPath(file);
  await writeFile(path, `${JSON.stringify(manifest, null, 2)}\n`, { flag: 'wx', mode: 0o600 });
  return path;
}

/** Reads and checks `<file>.manifest.json`; the file itself must match its size and SHA-256. */
export async function readVerifiedManifest(file: string): Promise<Manifest> {
  let text: string;
  try {
    text = await readFile(manifestPath(file), 'utf8');
  } catch {
    throw new Error(
      `no manifest ${basename(manifestPath(file))} next to the backup: it is needed to check the file and its schema version`,
    );
  }
  const parsed = manifestSchema.safeParse(JSON.parse(text));
  if (!parsed.success) throw new Error(`the manifest ${basename(manifestPath(file))} is not an Enkät backup manifest`);
  const { bytes, sha256 } = await fileDigest(file);
  if (bytes !== parsed.data.bytes || sha256 !== parsed.data.sha256) {
    throw new Error(
      `checksum mismatch: ${basename(file)} is ${bytes} bytes with SHA-256 ${sha256}, the manifest says ${parsed.data.bytes} bytes with ${parsed.data.sha256}; ` +
        'the file is damaged or not the one the manifest describes',
    );
  }
  return parsed.data;
}

export async function fileDigest(file: string): Promise<{ bytes: number; sha256: string }> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of createReadStream(file)) {
    hash.update(chunk as Buffer);
    bytes += (chunk as Buffer).length;
  }
  return { bytes, sha256: hash.digest('hex') };
}

/**
 * libpq connection settings for pg_dump/pg_restore: the URL without its password (which goes in
 * PGPASSWORD, so it is not visible in the process list).
 */
export function pgConnection(url: string): { dbname: string; env: NodeJS.ProcessEnv } {
  const u = new URL(url);
  const password = decodeURIComponent(u.password);
  u.password = '';
  return { dbname: u.toString(), env: { ...process.env, ...(password ? { PGPASSWORD: password } : {}) } };
}

/**
 * Runs pg_dump or pg_restore. stdout goes to `sink` when given. On failure only the tool's own
 * error lines are reported: CONTEXT/DETAIL lines and failed commands can quote row values.
 */
export function runPgTool(
  tool: 'pg_dump' | 'pg_restore',
  args: string[],
  env: NodeJS.ProcessEnv,
  sink?: ReturnType<typeof privateFile>,
): Promise<void> {
  return new Promise((ok, fail) => {
    const child = spawn(tool, args, { env, stdio: ['ignore', sink ? 'pipe' : 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    if (sink) {
      child.stdout!.on('data', (chunk: Buffer) => {
        if (!sink.write(chunk)) {
          child.stdout!.pause();
          sink.stream.once('drain', () => child.stdout!.resume());
        }
      });
    }
    child.on('error', (error: NodeJS.ErrnoException) =>
      fail(
        error.code === 'ENOENT'
          ? new Error(
              `${tool} not found: install the PostgreSQL client tools (the server's major version or newer) and put them on PATH`,
            )
          : error,
      ),
    );
    child.on('close', (code) => {
      if (code === 0) return ok();
      const lines = stderr
        .split('\n')
        .filter((l) => /^(pg_dump|pg_restore): (error|warning)/.test(l))
        .map((l) => l.replace(/\s+(CONTEXT|DETAIL|Command was):.*$/, ''));
      fail(new Error(`${tool} failed (exit ${code}): ${lines.slice(0, 5).join(' | ') || 'no error message'}`));
    });
  });
}
