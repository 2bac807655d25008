/**
 * R14: rooms open in working hours. Opening hours are periods per ISO weekday
 * in the room's own time zone; "24:00" closes at midnight.
 */
import { DateTime } from 'luxon';
import type { OpeningPeriod } from '../../shared/schemas/http.js';
import { type Interval, mergeIntervals } from './interval.js';

const DAY_MS = 86_400_000;

function atClock(day: DateTime, hhmm: string): DateTime {
  if (hhmm === '24:00') return day.plus({ days: 1 }).startOf('day');
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  return day.set({ hour: h, minute: m, second: 0, millisecond: 0 });
}

/** The room's open intervals that intersect [from, to), merged across midnight. */
export function openIntervals(hours: OpeningPeriod[], timeZone: string, from: number, to: number): Interval[] {
  const out: Interval[] = [];
  let day = DateTime.fromMillis(from - DAY_MS, { zone: timeZone }).startOf('day');
  const last = to + DAY_MS;
  for (let guard = 0; day.toMillis() < last && guard < 400; guard++, day = day.plus({ days: 1 })) {
    for (const p of hours) {
      if (!p.days.includes(day.weekday)) continue;
      const start = atClock(day, p.open).toMillis();
      const end = atClock(day, p.close).toMillis();
      if (end > from && start < to) out.push({ start: Math.max(start, from), end: Math.min(end, to) });
    }
  }
  return mergeIntervals(out);
}

/** True when the whole of [start, end) lies inside the room's opening hours. */
export function isWithinOpeningHours(hours: OpeningPeriod[], timeZone: string, start: number, end: number): boolean {
  return openIntervals(hours, timeZone, start, end).some((i) => i.start <= start && i.end >= end);
}

/**
 * When the open period containing `at` closes, or null when the room is closed at `at`.
 * Memoised per hours, zone and minute: every boundary (HH:MM, and zone changes) falls
 * on a whole minute, so the answer is the same for any `at` within one minute, and most
 * rooms share their hours: the room-state pass over a whole site computes it once.
 */
export function closingTime(hours: OpeningPeriod[], timeZone: string, at: number, horizonMs = 7 * DAY_MS): number | null {
  const key = `${timeZone}|${Math.floor(at / 60_000)}|${horizonMs}`;
  let memo = CLOSING_MEMO.get(hours);
  if (!memo) CLOSING_MEMO.set(hours, (memo = new Map()));
  const hit = memo.get(key);
  if (hit !== undefined) return hit;
  const open = openIntervals(hours, timeZone, at, at + horizonMs).find((i) => i.start <= at && at < i.end);
  const result = open ? open.end : null;
  if (memo.size > 64) memo.clear(); // only the current minutes are ever asked for again
  memo.set(key, result);
  return result;
}

/** Keyed by the hours array itself (rooms share it from the room cache), so nothing outlives its room. */
const CLOSING_MEMO = new WeakMap<OpeningPeriod[], Map<string, number | null>>();

/** True when the hours cover every day from 00:00 to 24:00: a room open around the clock. */
export function openAroundTheClock(hours: OpeningPeriod[]): boolean {
  for (let day = 1; day <= 7; day++) {
    let covered = '00:00';
    for (const p of hours.filter((h) => h.days.includes(day)).sort((a, b) => (a.open < b.open ? -1 : 1))) {
      if (p.open > covered) return false;
      if (p.close > covered) covered = p.close;
    }
    if (covered !== '24:00') return false;
  }
  return true;
}
