/** A fresh PostgreSQL database for a benchmark run (dropped after), or null where PostgreSQL is missing. */
import pg from 'pg';

export const PG_ADMIN = process.env.BENCH_PG_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

export async function pgDatabase(log: (msg: string) => void): Promise<{ url: string; drop(): Promise<void> } | null> {
  const admin = new pg.Client({ connectionString: PG_ADMIN, connectionTimeoutMillis: 2000 });
  try {
    await admin.connect();
    const name = `hub_bench_${Date.now()}`;
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    return {
      url: PG_ADMIN.replace(/\/[^/]*$/, `/${name}`),
      drop: async () => {
        const c = new pg.Client({ connectionString: PG_ADMIN });
        await c.connect();
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await c.end();
      },
    };
  } catch (err) {
    log(`PostgreSQL not available (${(err as Error).message}): its figures are skipped`);
    await admin.end().catch(() => {});
    return null;
  }
}
