/**
 * The one model source and its derived forms agree: the per-provider schemas
 * match models.prisma, and a database migrated from the committed migration
 * folders is exactly what the schema describes (Prisma's Wasm engine diffs them).
 */
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../hub/store/open.js';
// @ts-expect-error plain ESM script without types
import { diffSchema, isEmptyMigration } from '../../scripts/prisma-diff.mjs';
import { createTestDatabase, PROVIDERS } from '../support/databases.js';

describe('Prisma schema drift', () => {
  it('the per-provider schemas are derived from prisma/models.prisma', () => {
    expect(() => execFileSync(process.execPath, ['scripts/prisma-generate.mjs', '--check'], { stdio: 'pipe' })).not.toThrow();
  });

  it.each(PROVIDERS)('migrations applied to an empty %s database equal the schema', async (provider) => {
    const db = await createTestDatabase(provider);
    try {
      const opened = await openDatabase(db.url);
      expect(opened.migrationsApplied.length).toBeGreaterThanOrEqual(2);
      await opened.db.$disconnect();
      const url = provider === 'sqlite' ? db.url.replace(/^file:/, '') : db.url;
      const sql: string = await diffSchema(provider, { fromDb: true, dbUrl: url });
      expect(isEmptyMigration(sql), `drift:\n${sql}`).toBe(true);
      // A second start applies nothing.
      const again = await openDatabase(db.url);
      expect(again.migrationsApplied).toEqual([]);
      await again.db.$disconnect();
    } finally {
      await db.drop();
    }
  });
});
