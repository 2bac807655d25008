/** Free intervals of a room within its opening hours (contract §3 availability). */
import { type Interval, subtractIntervals } from '../domain/interval.js';
import { openIntervals } from '../domain/opening-hours.js';
import type { AppDeps } from './deps.js';
import type { RoomRecord } from './ports.js';

export async function roomAvailability(deps: AppDeps, room: RoomRecord, from: number, to: number): Promise<Interval[]> {
  const open = openIntervals(room.openingHours, room.timeZone, from, to);
  const booked = (await deps.reads.bookings.list({ roomId: room.id, from, to }))
    .filter((b) => b.status === 'confirmed' || b.status === 'checked_in')
    .map((b) => ({ start: b.start, end: b.end }));
  return subtractIntervals(open, booked);
}
