/**
 * A badge tap on a room's reader (contract §4, M4, G3): the host's or an
 * attendee's tap checks the meeting in; each attendee's first tap is their sign-in.
 */
import { isCurrent } from '../domain/room-state.js';
import { signInStatus } from '../domain/lifecycle.js';
import { applyEvent } from './apply-transition.js';
import { type AppDeps, deviceTime, iso, newId } from './deps.js';
import type { BookingRecord, DeviceRef } from './ports.js';

export type TapOutcome =
  | { kind: 'unknown_card' }
  | { kind: 'no_meeting' }
  | { kind: 'not_invited'; bookingId: string; userId: string }
  | { kind: 'signed_in'; bookingId: string; userId: string; status: 'on_time' | 'late'; checkedIn: boolean }
  | { kind: 'already_signed_in'; bookingId: string; userId: string };

/**
 * The room's booking that something happening at `at` belongs to. Back to back,
 * two bookings are current at once (the next one's check-in window opens before
 * the running one ends): `prefer` says which one is meant. Checking in and
 * signing in mean the one awaiting check-in; extending and ending mean the one
 * in progress. `who` narrows to the bookings that person is invited to.
 */
export async function currentBooking(
  deps: AppDeps,
  roomId: string,
  at: number,
  prefer: 'awaiting' | 'in_progress' = 'awaiting',
  who?: string,
): Promise<BookingRecord | null> {
  return pickCurrent(await currentBookings(deps, roomId, at), prefer, who);
}

async function currentBookings(deps: AppDeps, roomId: string, at: number): Promise<BookingRecord[]> {
  const active = await deps.store.bookings.activeForRoom(roomId, at, 3);
  return active.filter((b) => isCurrent(b as Parameters<typeof isCurrent>[0], at, deps.policy));
}

function pickCurrent(current: BookingRecord[], prefer: 'awaiting' | 'in_progress', who?: string): BookingRecord | null {
  const mine = who ? current.filter((b) => b.hostId === who || b.attendees.includes(who)) : current;
  const wanted = prefer === 'awaiting' ? 'confirmed' : 'checked_in';
  return mine.find((b) => b.status === wanted) ?? mine[0] ?? null;
}

export async function handleBadgeTap(deps: AppDeps, reader: DeviceRef, uid: string, tapAt: number): Promise<TapOutcome> {
  const now = deps.clock.now();
  // The tap belongs to the meeting current when the card was read: a tap queued
  // by a reader bridge while the hub was away keeps its own time (up to a day).
  const at = deviceTime(tapAt, now);
  // Independent reads, in parallel: one round trip less on the tap-to-panel path.
  const [user, current] = await Promise.all([deps.store.users.byBadge(uid), currentBookings(deps, reader.roomId, at)]);
  if (!user) return { kind: 'unknown_card' };
  // The booking carries its host and attendees: no attendance query on the tap-to-panel path.
  const booking = pickCurrent(current, 'awaiting', user.id);
  if (!booking) {
    const other = pickCurrent(current, 'awaiting');
    return other ? { kind: 'not_invited', bookingId: other.id, userId: user.id } : { kind: 'no_meeting' };
  }

  const applied = await applyEvent(deps, booking, { type: 'tap', at }, `device:${reader.id}`);
  // The tap's own time decides on time or late, so a tap queued while offline keeps its time.
  const status = signInStatus(booking.start, at);
  const first = await deps.store.attendance.signIn(booking.id, user.id, status, at);
  if (!first) return { kind: 'already_signed_in', bookingId: booking.id, userId: user.id };
  deps.metrics.count('sign_ins', { status });
  await deps.store.events.append({ at: now, actor: `device:${reader.id}`, type: 'attendance.signed_in', roomId: reader.roomId, bookingId: booking.id, data: { userId: user.id, status } });
  await deps.publisher.roomEvent(reader.roomId, {
    id: newId('ev'),
    at: iso(now),
    type: 'signed_in',
    bookingId: booking.id,
    user: { id: user.id, name: user.name },
    attendance: status,
  });
  const checkedIn = applied.applied && applied.result.kind === 'change' && applied.result.event === 'checked_in';
  return { kind: 'signed_in', bookingId: booking.id, userId: user.id, status, checkedIn };
}
