/**
 * Issue 8: races on PostgreSQL, with one hub and with two hubs sharing one
 * database (contract §9 "no double booking across hubs"). 200 overlapping
 * bookings at once must each be answered 201 or 409, quickly, without a
 * deadlock and without two active bookings overlapping; racing creates of the
 * same user or device id give one 201 and 409s, never a 500.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../../firmware-sim/wait.js';
import { createTestDatabase, postgresAvailable, type TestDatabase } from '../support/databases.js';
import { type ApiResult, type HubProcess, percentile, startHubProcess } from '../support/hub-process.js';
import { openSql } from '../support/sql.js';

const MIN = 60_000;
const ALL_WEEK = [{ days: [1, 2, 3, 4, 5, 6, 7], open: '00:00', close: '24:00' }];
const BOOKINGS = 200;

if (!postgresAvailable) console.warn('SKIPPED: pg-contention.test.ts needs PostgreSQL on 127.0.0.1:5432 (TEST_PG_URL), which is not reachable');

/** `404×100 (room x not found), 0×3 (no answer...)`: each status other than the wanted ones, with its first answer. */
const unexpected = (results: ApiResult[], wanted: number[]) =>
  [...new Set(results.map((r) => r.status))].filter((s) => !wanted.includes(s)).sort()
    .map((s) => `${s}×${results.filter((r) => r.status === s).length} (${results.find((r) => r.status === s)!.text.slice(0, 120)})`).join(', ');

const noAnswer = (err: Error): ApiResult => ({ status: 0, body: undefined, text: err.message, headers: {}, ms: 10_000 });

const countBy = (codes: number[]) => Object.fromEntries([...new Set(codes)].sort().map((c) => [c, codes.filter((x) => x === c).length]));

async function deadlocks(url: string): Promise<number> {
  const sql = await openSql(url);
  try {
    const [row] = await sql.query<{ deadlocks: string }>('SELECT deadlocks FROM pg_stat_database WHERE datname = current_database()');
    return Number(row?.deadlocks ?? 0);
  } finally {
    await sql.close();
  }
}

for (const hubCount of [1, 2]) {
  describe.skipIf(!postgresAvailable)(`PostgreSQL contention with ${hubCount} hub${hubCount > 1 ? 's' : ''} on one database`, () => {
    let db: TestDatabase;
    const hubs: HubProcess[] = [];
    const hub = (i: number) => hubs[i % hubs.length]!;
    beforeAll(async () => {
      db = await createTestDatabase('postgresql');
      // One after the other: the first start migrates the database and creates the admin.
      for (let i = 0; i < hubCount; i++) hubs.push(await startHubProcess({ databaseUrl: db.url, dataDir: db.dataDir }));
    }, 120_000);
    afterAll(async () => {
      await Promise.all(hubs.map((h) => h.stop()));
      await db?.drop();
    });

    it(`${BOOKINGS} concurrent overlapping bookings: 201 or 409 within 2 s, no overlap, no deadlock`, async () => {
      const room = `race-${hubCount}`;
      const created = await hub(0).api('POST', '/api/rooms', { id: room, name: `Race ${hubCount}`, capacity: 20, timeZone: 'UTC', openingHours: ALL_WEEK }, { timeoutMs: 5000 });
      expect(created.status, created.text).toBe(201);
      // Every hub must know the room before the race (several hubs, one site: contract §9).
      for (const h of hubs.slice(1)) {
        const seen = await waitFor(async () => (await h.api('GET', `/api/rooms/${room}`, undefined, { timeoutMs: 2000 }).catch(noAnswer)).status === 200, { timeout: 3000, what: 'room visible' }).then(() => true, () => false);
        expect.soft(seen, `room ${room} created on hub 1 is not visible on hub on port ${h.httpPort} within 3 s`).toBe(true);
      }
      const deadlocksBefore = await deadlocks(db.url);
      const base = Math.ceil((Date.now() + 24 * 60 * MIN) / MIN) * MIN;
      const results: ApiResult[] = await Promise.all(
        Array.from({ length: BOOKINGS }, (_, i) =>
          hub(i).api('POST', '/api/bookings', {
            room, title: `Race ${i}`, headcount: 2,
            start: new Date(base + i * 7 * MIN).toISOString(), end: new Date(base + i * 7 * MIN + 60 * MIN).toISOString(),
          }, { timeoutMs: 10_000 }).catch(noAnswer),
        ),
      );
      const codes = results.map((r) => r.status);
      const ms = results.map((r) => r.ms);
      const created201 = codes.filter((c) => c === 201).length;
      console.log(`[pg-contention] hubs=${hubCount} statuses ${JSON.stringify(countBy(codes))}; p50 ${percentile(ms, 50).toFixed(0)} ms, p99 ${percentile(ms, 99).toFixed(0)} ms, max ${Math.max(...ms).toFixed(0)} ms`);

      expect.soft(unexpected(results, [201, 409]), 'answers other than 201/409 (0 = no answer within 10 s)').toBe('');
      const slow = results.map((r, i) => ({ i, ms: r.ms })).filter((x) => x.ms > 2000);
      expect.soft(slow.length, `answers slower than 2000 ms: ${slow.slice(0, 10).map((x) => `#${x.i} ${x.ms.toFixed(0)} ms`).join(', ')}`).toBe(0);

      const sql = await openSql(db.url);
      try {
        const [overlap] = await sql.query<{ n: string }>(
          `SELECT count(*) AS n FROM "Booking" a JOIN "Booking" b ON a."roomId" = b."roomId" AND a.id < b.id
           WHERE a."roomId" = $1 AND a.status IN ('confirmed', 'checked_in') AND b.status IN ('confirmed', 'checked_in')
             AND a.start < b."end" AND b.start < a."end"`, [room]);
        const [rows] = await sql.query<{ n: string }>(`SELECT count(*) AS n FROM "Booking" WHERE "roomId" = $1`, [room]);
        expect.soft(Number(overlap!.n), 'pairs of overlapping active bookings in "Booking"').toBe(0);
        expect.soft(Number(rows!.n), `rows in "Booking" for ${room} vs 201 answers (${created201})`).toBe(created201);
      } finally {
        await sql.close();
      }
      // pg_stat_database is flushed about once a second: read it again after that.
      await new Promise((r) => setTimeout(r, 1500));
      const deadlocksAfter = await deadlocks(db.url);
      expect(deadlocksAfter - deadlocksBefore, `deadlocks detected by PostgreSQL during the race (before ${deadlocksBefore}, after ${deadlocksAfter})`).toBe(0);
      expect(created201, 'no booking succeeded at all').toBeGreaterThan(0);
    }, 60_000);

    it('20 concurrent creates of the same user: one 201, the rest 409, never 500', async () => {
      const id = `same-user-${hubCount}`;
      const results = await Promise.all(Array.from({ length: 20 }, (_, i) => hub(i).api('POST', '/api/users', { id, username: id, name: 'Same Person' }, { timeoutMs: 10_000 }).catch(noAnswer)));
      const codes = results.map((r) => r.status);
      console.log(`[pg-contention] hubs=${hubCount} same user: ${JSON.stringify(countBy(codes))}`);
      expect(countBy(codes), `statuses; other answers: ${unexpected(results, [201, 409]) || 'none'}`).toEqual({ 201: 1, 409: 19 });
    });

    it('20 concurrent creates of the same device id: one 201, the rest 409, never 500', async () => {
      const room = `dev-room-${hubCount}`;
      expect((await hub(0).api('POST', '/api/rooms', { id: room, name: 'Devices', capacity: 4, openingHours: ALL_WEEK }, { timeoutMs: 5000 })).status).toBe(201);
      const id = `same-device-${hubCount}`;
      const results = await Promise.all(Array.from({ length: 20 }, (_, i) => hub(i).api('POST', '/api/devices', { id, kind: 'sensor', room }, { timeoutMs: 10_000 }).catch(noAnswer)));
      const codes = results.map((r) => r.status);
      console.log(`[pg-contention] hubs=${hubCount} same device: ${JSON.stringify(countBy(codes))}`);
      expect(countBy(codes), `statuses; other answers: ${unexpected(results, [201, 409]) || 'none'}`).toEqual({ 201: 1, 409: 19 });
    });
  });
}
