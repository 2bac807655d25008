/**
 * Real databases for tests: a fresh SQLite file, or a fresh PostgreSQL
 * database on the machine's server (127.0.0.1:5432). When PostgreSQL is not
 * reachable the PostgreSQL variants are skipped and say so.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export type Provider = 'sqlite' | 'postgresql';
export const PG_ADMIN_URL = process.env.TEST_PG_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

async function probePostgres(): Promise<string | null> {
  const c = new pg.Client({ connectionString: PG_ADMIN_URL, connectionTimeoutMillis: 2000 });
  try {
    await c.connect();
    await c.query('SELECT 1');
    return null;
  } catch (err) {
    return (err as Error).message;
  } finally {
    await c.end().catch(() => {});
  }
}

const pgProblem = await probePostgres();
export const postgresAvailable = pgProblem === null;
if (pgProblem) {
  console.warn(`SKIPPED: PostgreSQL tests, because PostgreSQL at ${PG_ADMIN_URL} is not reachable (${pgProblem}). .ci/run starts it.`);
}
/** The providers to run storage tests on: both in CI, SQLite alone where PostgreSQL is missing. */
export const PROVIDERS: Provider[] = postgresAvailable ? ['sqlite', 'postgresql'] : ['sqlite'];

export interface TestDatabase {
  url: string;
  dataDir: string;
  drop(): Promise<void>;
}

export async function createTestDatabase(provider: Provider): Promise<TestDatabase> {
  const dataDir = mkdtempSync(join(tmpdir(), 'hub-test-'));
  if (provider === 'sqlite') {
    return { url: `file:${join(dataDir, 'hub.db')}`, dataDir, drop: async () => rmSync(dataDir, { recursive: true, force: true }) };
  }
  const name = `hub_test_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  return {
    url: PG_ADMIN_URL.replace(/\/[^/]*$/, `/${name}`),
    dataDir,
    drop: async () => {
      const c = new pg.Client({ connectionString: PG_ADMIN_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
