import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserServer } from 'playwright-core';
import type { TestProject } from 'vitest/node';
import { openPgliteInstance, pgliteExecutor } from '../../src/store/pglite-executor.ts';
import { openPostgres } from '../../src/store/postgres-executor.ts';
import { CHROMIUM_PATH, launchChromiumServer } from './chromium.ts';
import { postgresTemplateName, prepareDatabase } from './db.ts';

/**
 * Before any test file runs: migrates and seeds one PGlite and dumps its data directory (each test
 * file loads its own copy, tests/support/db.ts openMigratedPglite), and, with DATABASE_URL, migrates
 * and seeds the shared PostgreSQL test database and a template database next to it (scratch
 * databases are CREATE DATABASE … TEMPLATE copies of it); starts the run's one Chromium where it is
 * installed (tests/support/chromium.ts). The teardown removes all of them.
 */
export default async function setup(project: TestProject) {
  const dir = await mkdtemp(join(tmpdir(), 'enkat-test-'));
  let template: string | undefined;
  let browser: BrowserServer | undefined;
  const admin = process.env.DATABASE_URL ? openPostgres(process.env.DATABASE_URL, { max: 1 }) : undefined;
  const teardown = async () => {
    try {
      await browser?.close();
      if (template) await admin?.exec(`drop database if exists "${template}" with (force)`);
    } finally {
      await admin?.close();
      await rm(dir, { recursive: true, force: true });
    }
  };
  try {
    await Promise.all([
      (async () => {
        if (!existsSync(CHROMIUM_PATH)) return;
        browser = await launchChromiumServer();
        project.provide('chromiumEndpoint', browser.wsEndpoint());
      })(),
      (async () => {
        const pg = await openPgliteInstance();
        try {
          await prepareDatabase(pgliteExecutor(pg));
          const file = join(dir, 'pglite-migrated.tar');
          await writeFile(file, new Uint8Array(await (await pg.dumpDataDir('none')).arrayBuffer()));
          project.provide('pgliteTemplate', file);
        } finally {
          await pg.close();
        }
      })(),
      (async () => {
        if (!admin) return;
        const url = new URL(process.env.DATABASE_URL!);
        const shared = openPostgres(url.toString(), { max: 2 });
        try {
          await prepareDatabase(shared);
        } finally {
          await shared.close();
        }
        template = postgresTemplateName(decodeURIComponent(url.pathname.slice(1)));
        await admin.exec(`drop database if exists "${template}" with (force)`);
        await admin.exec(`create database "${template}"`);
        url.pathname = `/${template}`;
        const db = openPostgres(url.toString(), { max: 2 });
        try {
          await prepareDatabase(db);
        } finally {
          // A template must have no open connections when it is copied.
          await db.close();
        }
        project.provide('postgresTemplate', template);
      })(),
    ]);
  } catch (error) {
    await teardown();
    throw error;
  }
  return teardown;
}
