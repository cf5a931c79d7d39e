import { openPostgres } from '../../src/store/postgres-executor.ts';
import { prepareDatabase } from './db.ts';

/** Migrates and seeds the PostgreSQL test database once, before any test file runs. */
export default async function setup() {
  if (!process.env.DATABASE_URL) return;
  const db = openPostgres(process.env.DATABASE_URL, { max: 2 });
  try {
    await prepareDatabase(db);
  } finally {
    await db.close();
  }
}
