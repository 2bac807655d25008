/**
 * Usage analytics (contract §7, R3: rooms allocated so they are used well),
 * pure. Over the bookings that started in a period, per room and in total:
 * bookings that held the room, booked hours, meetings checked in, no-shows
 * released, ghost meetings ended by an empty room, and the hours those two
 * gave back; by ISO week the no-show rate; and a weekday × hour map of the
 * hours rooms were actually in use (checked-in meetings, in each room's zone).
 */
import { DateTime } from 'luxon';
import type { OpeningPeriod } from '../../shared/schemas/http.js';
import { openIntervals } from './opening-hours.js';

export interface UsageBooking {
  roomId: string;
  status: string;
  start: number;
  scheduledEnd: number;
  end: number;
  checkedInAt: number | null;
  closedAt: number | null;
  closeReason: string | null;
}

export interface RoomUsage {
  room: string;
  bookings: number;
  bookedHours: number;
  checkedIn: number;
  noShows: number;
  ghostEnded: number;
  releasedHours: number;
  /** Hours actually in use: checked-in meetings, from check-in (or start) to their end. */
  usedHours: number;
  /** The room's opening hours within the period (R14): what utilisation is measured against. */
  openHours: number;
}

export interface Usage {
  rooms: RoomUsage[];
  totals: Omit<RoomUsage, 'room'>;
  weeks: { week: string; bookings: number; noShows: number; noShowRate: number }[];
  /** [ISO weekday 1-7 at index 0-6][hour 0-23]: hours in use. */
  heatmap: number[][];
}

/** Bookings that held their room: not cancelled, rejected, or still waiting for approval. */
const HELD = new Set(['confirmed', 'checked_in', 'completed', 'released']);
const H = 3_600_000;
const round = (n: number) => Math.round(n * 100) / 100;

export function usage(
  bookings: readonly UsageBooking[],
  rooms: readonly { id: string; timeZone: string; openingHours?: OpeningPeriod[] }[],
  period?: { from: number; to: number },
): Usage {
  const zone = new Map(rooms.map((r) => [r.id, r.timeZone]));
  const empty = (room: string): RoomUsage => ({ room, bookings: 0, bookedHours: 0, checkedIn: 0, noShows: 0, ghostEnded: 0, releasedHours: 0, usedHours: 0, openHours: 0 });
  const byRoom = new Map(rooms.map((r) => [r.id, empty(r.id)]));
  if (period) {
    for (const r of rooms) {
      const open = r.openingHours ? openIntervals(r.openingHours, r.timeZone, period.from, period.to) : [];
      byRoom.get(r.id)!.openHours = open.reduce((h, i) => h + (i.end - i.start) / H, 0);
    }
  }
  const weeks = new Map<string, { bookings: number; noShows: number }>();
  const heatmap = Array.from({ length: 7 }, () => new Array<number>(24).fill(0));
  for (const b of bookings) {
    if (!HELD.has(b.status)) continue;
    const u = byRoom.get(b.roomId) ?? byRoom.set(b.roomId, empty(b.roomId)).get(b.roomId)!;
    const noShow = b.status === 'released' && b.closeReason === 'no_show';
    const ghost = b.status === 'completed' && b.closeReason === 'room_empty';
    u.bookings++;
    u.bookedHours += (b.scheduledEnd - b.start) / H;
    if (b.checkedInAt !== null) u.checkedIn++;
    if (noShow) u.noShows++;
    if (ghost) u.ghostEnded++;
    // The hours given back: from the release (or the ghost meeting's end) to the booked end.
    if ((noShow || ghost) && b.closedAt !== null) u.releasedHours += Math.max(0, b.scheduledEnd - Math.max(b.closedAt, b.start)) / H;
    const z = zone.get(b.roomId) ?? 'UTC';
    const week = DateTime.fromMillis(b.start, { zone: z }).toFormat("kkkk-'W'WW");
    const w = weeks.get(week) ?? { bookings: 0, noShows: 0 };
    w.bookings++;
    if (noShow) w.noShows++;
    weeks.set(week, w);
    if (b.checkedInAt !== null) {
      const from = Math.max(b.start, Math.min(b.checkedInAt, b.start));
      u.usedHours += Math.max(0, b.end - from) / H;
      spread(heatmap, from, b.end, z);
    }
  }
  const list = [...byRoom.values()]
    .map((u) => ({ ...u, bookedHours: round(u.bookedHours), releasedHours: round(u.releasedHours), usedHours: round(u.usedHours), openHours: round(u.openHours) }))
    .sort((a, b) => (a.room < b.room ? -1 : 1));
  const totals = list.reduce(
    (t, u) => ({
      bookings: t.bookings + u.bookings,
      bookedHours: round(t.bookedHours + u.bookedHours),
      checkedIn: t.checkedIn + u.checkedIn,
      noShows: t.noShows + u.noShows,
      ghostEnded: t.ghostEnded + u.ghostEnded,
      releasedHours: round(t.releasedHours + u.releasedHours),
      usedHours: round(t.usedHours + u.usedHours),
      openHours: round(t.openHours + u.openHours),
    }),
    { bookings: 0, bookedHours: 0, checkedIn: 0, noShows: 0, ghostEnded: 0, releasedHours: 0, usedHours: 0, openHours: 0 },
  );
  return {
    rooms: list,
    totals,
    weeks: [...weeks.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([week, w]) => ({ week, ...w, noShowRate: w.bookings ? round(w.noShows / w.bookings) : 0 })),
    heatmap: heatmap.map((day) => day.map(round)),
  };
}

/** Adds the hours of [from, to) to the weekday × hour cells they fall in, in `zone`. */
function spread(map: number[][], from: number, to: number, zone: string): void {
  let t = DateTime.fromMillis(from, { zone });
  while (t.toMillis() < to) {
    const nextHour = t.startOf('hour').plus({ hours: 1 });
    const until = Math.min(nextHour.toMillis(), to);
    map[t.weekday - 1]![t.hour]! += (until - t.toMillis()) / H;
    t = DateTime.fromMillis(until, { zone });
  }
}

/** The per-room figures as CSV (a header, one line per room, then the totals). */
export function usageCsv(u: Usage): string {
  const figures = ['bookings', 'bookedHours', 'checkedIn', 'noShows', 'ghostEnded', 'releasedHours', 'usedHours', 'openHours'] as const;
  const cell = (v: string | number) => (typeof v === 'string' && /[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : String(v));
  const line = (name: string, f: Omit<RoomUsage, 'room'>) => [cell(name), ...figures.map((c) => cell(f[c]))].join(',');
  return `${[['room', ...figures].join(','), ...u.rooms.map((r) => line(r.room, r)), line('total', u.totals)].join('\r\n')}\r\n`;
}
