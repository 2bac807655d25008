/**
 * A badge tap on a room's reader (contract §4, M4, G3): the host's or an
 * attendee's tap checks the meeting in; each attendee's first tap is their sign-in.
 */
import { signInStatus } from '../domain/lifecycle.js';
import { isCurrent } from '../domain/room-state.js';
import { applyEvent } from './apply-transition.js';
import { deviceTime } from './deps.js';
import type { BookingRecord, DeviceRef, Store } from './ports.js';
import type { Work } from './work.js';
import type { CheckInPolicy } from '../domain/policy.js';

export type TapOutcome =
  | { kind: 'unknown_card' }
  | { kind: 'no_meeting' }
  | { kind: 'not_invited'; bookingId: string; userId: string }
  | { kind: 'signed_in'; bookingId: string; userId: string; status: 'on_time' | 'late'; checkedIn: boolean }
  | { kind: 'already_signed_in'; bookingId: string; userId: string };

export type Prefer = 'awaiting' | 'in_progress';
/** All the current-booking lookup reads: a transaction's store or the plain reads. */
export type BookingsReader = { bookings: Pick<Store['bookings'], 'activeForRoom'> };

/**
 * The room's booking that something happening at `at` belongs to. Back to back,
 * two bookings are current at once (the next one's check-in window opens before
 * the running one ends): `prefer` says which one is meant. Checking in and
 * signing in mean the one awaiting check-in; extending and ending mean the one
 * in progress. `who` narrows to the bookings that person is invited to.
 */
export async function currentBooking(store: BookingsReader, policy: CheckInPolicy, roomId: string, at: number, prefer: Prefer = 'awaiting', who?: string): Promise<BookingRecord | null> {
  return pickCurrent(await currentBookings(store, policy, roomId, at), prefer, who);
}

async function currentBookings(store: BookingsReader, policy: CheckInPolicy, roomId: string, at: number): Promise<BookingRecord[]> {
  const active = await store.bookings.activeForRoom(roomId, at, 3);
  return active.filter((b) => isCurrent(b as Parameters<typeof isCurrent>[0], at, policy));
}

function pickCurrent(current: BookingRecord[], prefer: Prefer, who?: string): BookingRecord | null {
  const mine = who ? current.filter((b) => b.hostId === who || b.attendees.includes(who)) : current;
  const wanted = prefer === 'awaiting' ? 'confirmed' : 'checked_in';
  return mine.find((b) => b.status === wanted) ?? mine[0] ?? null;
}

export async function handleBadgeTap(w: Work, reader: DeviceRef, uid: string, tapAt: number): Promise<TapOutcome> {
  // The tap belongs to the meeting current when the card was read: a tap queued
  // by a reader bridge while the hub was away keeps its own time (up to a day).
  const at = deviceTime(tapAt, w.now);
  const user = await w.store.users.byBadge(uid);
  if (!user || user.deactivatedAt !== null) {
    // Ignored, but said: a badge enrolment may be waiting for this very card.
    w.emit({ type: 'badge.unknown', reader: reader.id, roomId: reader.roomId, uid });
    return { kind: 'unknown_card' };
  }
  await w.store.rooms.lock(reader.roomId);
  // The booking carries its host and attendees: no attendance query on the tap-to-panel path.
  const current = await currentBookings(w.store, w.policy, reader.roomId, at);
  const booking = pickCurrent(current, 'awaiting', user.id);
  if (!booking) {
    const other = pickCurrent(current, 'awaiting');
    return other ? { kind: 'not_invited', bookingId: other.id, userId: user.id } : { kind: 'no_meeting' };
  }

  const applied = await applyEvent(w, booking, { type: 'tap', at });
  // The tap's own time decides on time or late, so a tap queued while offline keeps its time.
  const status = signInStatus(booking.start, at);
  if (!(await w.store.attendance.signIn(booking.id, user.id, status, at))) {
    return { kind: 'already_signed_in', bookingId: booking.id, userId: user.id };
  }
  w.emit({ type: 'attendance.signed_in', booking: applied.booking, user: { id: user.id, name: user.name }, status, tapAt: at });
  const checkedIn = applied.applied && applied.result.kind === 'change' && applied.result.event === 'checked_in';
  return { kind: 'signed_in', bookingId: booking.id, userId: user.id, status, checkedIn };
}
