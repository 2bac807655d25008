/** Bookings through the HTTP API: create (sequential, 50 concurrent), the 409 path, availability. */
import type { HubProcess } from '../lib/hub-process.js';
import { pool } from '../lib/pool.js';
import { round, summarize, type Summary } from '../lib/stats.js';
import type { SiteRoom } from '../lib/site.js';

export interface BookingResult {
  sequential: Summary & { perSecond: number };
  concurrent50: Summary & { perSecond: number };
  conflict409: Summary & { allConflicts: boolean };
  availabilityOneRoomDay: Summary;
  availabilityAllRoomsDay: { rooms: number; totalMs: number; perRoom: Summary };
}

const DAY = 86_400_000;

export async function bookingBench(hub: HubProcess, site: SiteRoom[], n: number): Promise<BookingResult> {
  // Slots start a week ahead (opening hours are 24/7 on the bench site), 30 minutes each.
  const base = Math.ceil((Date.now() + 7 * DAY) / DAY) * DAY;
  const slot = (k: number) => {
    const room = site[k % site.length]!;
    const j = Math.floor(k / site.length);
    const start = base + j * 30 * 60_000;
    return { room: room.room, title: 'Bench', start: new Date(start).toISOString(), end: new Date(start + 30 * 60_000).toISOString(), headcount: 3, host: room.host };
  };
  const timed = async (k: number) => {
    const r = await hub.api('POST', '/api/bookings', slot(k));
    if (r.status !== 201) throw new Error(`booking ${k}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.ms;
  };
  let t0 = performance.now();
  const seq: number[] = [];
  for (let k = 0; k < n; k++) seq.push(await timed(k));
  const seqSeconds = (performance.now() - t0) / 1000;

  t0 = performance.now();
  const conc = await pool(Array.from({ length: n }, (_, i) => n + i), 50, (k) => timed(k));
  const concSeconds = (performance.now() - t0) / 1000;

  const conflicts = await pool(Array.from({ length: Math.min(n, 500) }, (_, i) => i), 8, async (k) => {
    const r = await hub.api('POST', '/api/bookings', slot(k));
    return { ms: r.ms, conflict: r.status === 409 };
  });

  const day = new Date(base).toISOString().slice(0, 10);
  const q = `from=${day}T00:00:00Z&to=${day}T23:59:59Z`;
  const one: number[] = [];
  for (let i = 0; i < Math.min(n, 500); i++) one.push((await hub.api('GET', `/api/rooms/${site[0]!.room}/availability?${q}`)).ms);
  t0 = performance.now();
  const all = await pool(site, 8, async (r) => (await hub.api('GET', `/api/rooms/${r.room}/availability?${q}`)).ms);
  const allMs = performance.now() - t0;

  return {
    sequential: { ...summarize(seq), perSecond: round(n / seqSeconds, 0) },
    concurrent50: { ...summarize(conc), perSecond: round(n / concSeconds, 0) },
    conflict409: { ...summarize(conflicts.map((c) => c.ms)), allConflicts: conflicts.every((c) => c.conflict) },
    availabilityOneRoomDay: summarize(one),
    availabilityAllRoomsDay: { rooms: site.length, totalMs: round(allMs, 0), perRoom: summarize(all) },
  };
}
