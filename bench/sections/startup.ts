/**
 * Start-up: from spawning the hub to a healthy /api/health, on an empty
 * database and on one holding a year of bookings for N rooms (half past and
 * completed, half ahead and confirmed), written straight into SQLite.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { migrateSqlite } from '../../hub/store/migrate.js';
import { startHubProcess } from '../lib/hub-process.js';
import { round } from '../lib/stats.js';

const DAY = 86_400_000;
const MEETINGS_PER_DAY = 4;

export interface StartupResult {
  emptyMs: number;
  loaded: { rooms: number; bookings: number; ms: number; rssMb?: number };
}

function seedYear(file: string, rooms: number, days: number): number {
  migrateSqlite(file);
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  const now = Date.now();
  const today = Math.floor(now / DAY) * DAY;
  let bookings = 0;
  db.transaction(() => {
    const room = db.prepare('INSERT INTO "Room" (id, name, capacity, equipment, "timeZone", "openingHours", "outOfService", "stateSeq", "createdAt", "updatedAt") VALUES (?, ?, 10, \'[]\', \'UTC\', ?, 0, 0, ?, ?)');
    db.prepare('INSERT INTO "User" (id, username, name, role, "createdAt") VALUES (\'seed-host\', \'seed-host\', \'Seed host\', \'member\', ?)').run(now);
    const booking = db.prepare(`INSERT INTO "Booking" (id, "roomId", "hostId", title, start, "end", "scheduledEnd", headcount, type, private, status, "shortNotice", "createdAt", "updatedAt")
      VALUES (?, ?, 'seed-host', 'Seeded meeting', ?, ?, ?, 4, 'regular', 0, ?, 0, ?, ?)`);
    const attendance = db.prepare(`INSERT INTO "Attendance" ("bookingId", "userId", role, status) VALUES (?, 'seed-host', 'host', ?)`);
    const open = JSON.stringify([{ days: [1, 2, 3, 4, 5, 6, 7], open: '00:00', close: '24:00' }]);
    for (let r = 0; r < rooms; r++) {
      const id = `y${r}`;
      room.run(id, `Room ${id}`, open, now, now);
      for (let d = -Math.floor(days / 2); d < Math.ceil(days / 2); d++) {
        for (let m = 0; m < MEETINGS_PER_DAY; m++) {
          const start = today + d * DAY + (9 + m * 2) * 3_600_000;
          const end = start + 3_600_000;
          const past = end < now;
          const bid = `b${r}_${d}_${m}`;
          // Past meetings are closed; today's live ones are left to the hub's start-up sweep.
          booking.run(bid, id, start, end, end, past ? 'completed' : 'confirmed', now, now);
          attendance.run(bid, past ? 'on_time' : 'expected');
          bookings++;
        }
      }
    }
  })();
  db.close();
  return bookings;
}

export async function startupBench(rooms: number, days: number): Promise<StartupResult> {
  const empty = await startHubProcess();
  const emptyMs = empty.startMs;
  await empty.stop();

  const dir = mkdtempSync(join(tmpdir(), 'hub-bench-year-'));
  const file = join(dir, 'hub.db');
  const bookings = seedYear(file, rooms, days);
  const loaded = await startHubProcess({ databaseUrl: `file:${file}`, dataDir: dir });
  const result = { emptyMs: round(emptyMs, 0), loaded: { rooms, bookings, ms: round(loaded.startMs, 0) } };
  await loaded.stop();
  rmSync(dir, { recursive: true, force: true });
  return result;
}
