/**
 * Opens the database named by DATABASE_URL: a SQLite file by default, PostgreSQL
 * for a `postgresql://` URL. Migrations run first; then the matching generated
 * Prisma client is built on its driver adapter.
 */
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { PrismaClient as SqliteClient } from '../../generated/sqlite/client.js';
import { migratePostgres, migrateSqlite, type Provider } from './migrate.js';

/** Both generated clients have the same API; the store is written against one of them. */
export type Db = SqliteClient;

export interface OpenedDatabase {
  provider: Provider;
  db: Db;
  migrationsApplied: string[];
  /** Human-readable location, without credentials. */
  where: string;
}

export function providerOf(url: string): Provider {
  if (/^postgres(ql)?:\/\//.test(url)) return 'postgresql';
  if (url.startsWith('file:') || !url.includes('://')) return 'sqlite';
  throw new Error(`DATABASE_URL must be a file: path or a postgresql:// URL, not ${url.split('://')[0]}://`);
}

export function sqlitePath(url: string): string {
  return resolve(url.replace(/^file:/, '').split('?')[0] ?? '');
}

export async function openDatabase(url: string): Promise<OpenedDatabase> {
  const provider = providerOf(url);
  if (provider === 'sqlite') {
    const file = sqlitePath(url);
    mkdirSync(dirname(file), { recursive: true });
    const migrationsApplied = migrateSqlite(file);
    // Only the client in use is loaded: each brings its own query compiler.
    const [{ PrismaBetterSqlite3 }, { PrismaClient }] = await Promise.all([
      import('@prisma/adapter-better-sqlite3'),
      import('../../generated/sqlite/client.js'),
    ]);
    // Integer epoch milliseconds: numeric comparisons in the no-overlap triggers.
    const adapter = new PrismaBetterSqlite3({ url: file }, { timestampFormat: 'unixepoch-ms' });
    const db = new PrismaClient({ adapter });
    // WAL with synchronous=NORMAL: no fsync per commit (the WAL is synced at checkpoints).
    // A crash of the hub loses nothing; a power cut may lose the last moments, never corrupts.
    await db.$executeRawUnsafe('PRAGMA synchronous = NORMAL');
    await db.$executeRawUnsafe('PRAGMA busy_timeout = 5000');
    return { provider, db, migrationsApplied, where: file };
  }
  const migrationsApplied = await migratePostgres(url);
  const [{ PrismaPg }, { PrismaClient }] = await Promise.all([import('@prisma/adapter-pg'), import('../../generated/postgresql/client.js')]);
  // A lock wait longer than this fails the statement (55P03, answered 503) instead of
  // holding a connection for ever; writers of one room queue in the hub before that.
  const adapter = new PrismaPg({ connectionString: url, max: 10, options: '-c lock_timeout=5s -c statement_timeout=30s' });
  const db = new PrismaClient({ adapter }) as unknown as Db;
  return { provider, db, migrationsApplied, where: url.replace(/\/\/[^@/]*@/, '//') };
}
