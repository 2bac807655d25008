/**
 * Direct SQL reads of a hub's database, to verify what the hub promised
 * (`DATABASE_URL=file:<path>` with better-sqlite3, `postgresql://` with pg).
 * Write queries with `$1`, `$2`... placeholders (SQLite gets them as `?`s in order).
 * SQLite stores times as epoch milliseconds, PostgreSQL as timestamps.
 */
import Database from 'better-sqlite3';
import pg from 'pg';

export interface SqlReader {
  readonly provider: 'sqlite' | 'postgresql';
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

export async function openSql(databaseUrl: string): Promise<SqlReader> {
  if (databaseUrl.startsWith('file:')) {
    const db = new Database(databaseUrl.slice('file:'.length), { fileMustExist: true });
    db.pragma('busy_timeout = 5000');
    return {
      provider: 'sqlite',
      async query<T>(text: string, params: unknown[] = []) {
        const order: unknown[] = [];
        const sql = text.replace(/\$(\d+)/g, (_m, n: string) => {
          order.push(params[Number(n) - 1]);
          return '?';
        });
        return db.prepare(sql).all(...order) as T[];
      },
      async close() {
        db.close();
      },
    };
  }
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  return {
    provider: 'postgresql',
    async query<T>(text: string, params: unknown[] = []) {
      return (await client.query(text, params)).rows as T[];
    },
    async close() {
      await client.end().catch(() => {});
    },
  };
}
