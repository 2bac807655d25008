#!/usr/bin/env node
// Migration SQL without Prisma's native schema engine: Prisma's own Wasm
// schema engine (@prisma/schema-engine-wasm, pinned to the CLI's engine hash)
// driven through the same driver adapters the hub uses.
//
//   node scripts/prisma-diff.mjs <sqlite|postgresql>                 SQL from an empty database to the schema
//   node scripts/prisma-diff.mjs <sqlite|postgresql> --from-db <url> SQL from a live database to the schema
//                                                                    ("-- This is an empty migration." = no drift)
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';

const require = createRequire(import.meta.url);
const root = join(dirname(fileURLToPath(import.meta.url)), '..');

// Node 20 cannot `import` a .wasm file (the package's main entry does), so instantiate it by hand.
let lastPanic = null;
let engineModule = null;
// Once per process: the wasm-bindgen glue caches views of the first instance's memory.
function loadSchemaEngine() {
  engineModule ??= instantiateSchemaEngine();
  return engineModule;
}
async function instantiateSchemaEngine() {
  // The engine reports Rust panics through this global; without it a panic hides its message.
  globalThis.PRISMA_WASM_PANIC_REGISTRY ??= { set_message: (m) => (lastPanic = m) };
  const bgPath = require.resolve('@prisma/schema-engine-wasm/schema_engine_bg');
  const bg = await import('@prisma/schema-engine-wasm/schema_engine_bg');
  const mod = new WebAssembly.Module(readFileSync(join(dirname(bgPath), 'schema_engine_bg.wasm')));
  const instance = new WebAssembly.Instance(mod, { './schema_engine_bg.js': bg });
  bg.__wbg_set_wasm(instance.exports);
  instance.exports.__wbindgen_start();
  return bg;
}

async function adapterFactory(provider, url) {
  if (provider === 'sqlite') {
    const { PrismaBetterSqlite3 } = await import('@prisma/adapter-better-sqlite3');
    return new PrismaBetterSqlite3({ url: url ?? ':memory:' });
  }
  const { PrismaPg } = await import('@prisma/adapter-pg');
  const { default: pg } = await import('pg');
  const { ColumnTypeEnum } = await import('@prisma/driver-adapter-utils');
  const pool = new pg.Pool({ connectionString: url ?? 'postgresql://postgres@127.0.0.1:5432/test' });
  // The engine's catalog queries return PostgreSQL "char" columns (oid 18, e.g.
  // pg_constraint.contype), which adapter-pg 7.10 cannot type. Let pg report them
  // as text, remember which columns they were (by SQL text), and type them as
  // Character in the adapter's result, which is what the schema describer reads.
  const charColumns = new Map();
  const query = pool.query.bind(pool);
  pool.query = async (...args) => {
    const res = await query(...args);
    const chars = (res?.fields ?? []).filter((f) => f.dataTypeID === 18).map((f) => f.name);
    for (const f of res?.fields ?? []) if (f.dataTypeID === 18) f.dataTypeID = 25;
    const text = typeof args[0] === 'string' ? args[0] : args[0]?.text;
    if (chars.length && text) charColumns.set(text, chars);
    return res;
  };
  const adapter = new PrismaPg(pool, { disposeExternalPool: true });
  const connect = adapter.connect.bind(adapter);
  adapter.connect = async () => {
    const conn = await connect();
    const queryRaw = conn.queryRaw.bind(conn);
    conn.queryRaw = async (q) => {
      const res = await queryRaw(q);
      const chars = charColumns.get(q.sql);
      if (chars) res.columnNames.forEach((n, i) => chars.includes(n) && (res.columnTypes[i] = ColumnTypeEnum.Character));
      return res;
    };
    return conn;
  };
  return adapter;
}

/**
 * Tables the migrations make that Prisma's schema cannot describe, left out of the diff: SQLite's
 * full-text index of archived minutes (an FTS5 virtual table and the shadow tables FTS5 keeps).
 */
const EXTERNAL_TABLES = {
  sqlite: ['MinutesSearch', ...['config', 'content', 'data', 'docsize', 'idx'].map((t) => `MinutesSearch_${t}`)],
  postgresql: [],
};

/** Returns the SQL that takes `from` (empty, or the database at `dbUrl`) to the provider's schema. */
export async function diffSchema(provider, { fromDb = false, dbUrl } = {}) {
  const schemaPath = join(root, 'prisma', provider, 'schema.prisma');
  const content = readFileSync(schemaPath, 'utf8');
  const files = [{ path: schemaPath, content }];
  const { SchemaEngine } = await loadSchemaEngine();
  const factory = bindMigrationAwareSqlAdapterFactory(await adapterFactory(provider, dbUrl));
  let engine;
  try {
    engine = await SchemaEngine.new({ datamodels: [[schemaPath, content]] }, () => {}, factory);
    const res = await engine.diff({
      from: fromDb ? { tag: 'schemaDatasource', files, configDir: root } : { tag: 'empty' },
      to: { tag: 'schemaDatamodel', files },
      script: true,
      exitCode: null,
      filters: { externalTables: EXTERNAL_TABLES[provider], externalEnums: [] },
    });
    return res.stdout ?? '';
  } catch (e) {
    // Adapter errors arrive as "External error id#N": look up the real one.
    const real = factory.errorRegistry?.lookupError?.(e)?.error ?? e;
    if (lastPanic) real.message = `${real.message} (schema engine panic: ${lastPanic})`;
    throw real;
  } finally {
    engine?.free();
  }
}

export const isEmptyMigration = (sql) => sql.trim() === '' || /^-- This is an empty migration\.\s*$/.test(sql.trim());

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [provider, ...flags] = process.argv.slice(2);
  if (provider !== 'sqlite' && provider !== 'postgresql') {
    console.error('usage: node scripts/prisma-diff.mjs <sqlite|postgresql> [--from-db <url>]');
    process.exit(2);
  }
  const i = flags.indexOf('--from-db');
  const sql = await diffSchema(provider, { fromDb: i >= 0, dbUrl: i >= 0 ? flags[i + 1] : undefined });
  process.stdout.write(sql);
}
