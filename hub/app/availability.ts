/** Free intervals of a room within its opening hours (contract §3 availability). */
import { type Interval, subtractIntervals } from '../domain/interval.js';
import { openIntervals } from '../domain/opening-hours.js';
import type { AppDeps } from './deps.js';
import { ACTIVE_BOOKING_STATUSES } from '../../shared/enums.js';
import type { RoomRecord } from './ports.js';

export async function roomAvailability(deps: AppDeps, room: RoomRecord, from: number, to: number): Promise<Interval[]> {
  const open = openIntervals(room.openingHours, room.timeZone, from, to);
  const booked = (await deps.reads.bookings.list({ roomId: room.id, from, to }))
    .filter((b) => (ACTIVE_BOOKING_STATUSES as readonly string[]).includes(b.status)) // a pending request holds its slot (R15)
    .map((b) => ({ start: b.start, end: b.end }));
  return subtractIntervals(open, booked);
}
