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

/** The room's booking that a tap or check-in at `now` belongs to. */
export async function currentBooking(deps: AppDeps, roomId: string, now: number): Promise<BookingRecord | null> {
  const active = await deps.store.bookings.activeForRoom(roomId, now, 3);
  return active.find((b) => isCurrent(b as Parameters<typeof isCurrent>[0], now, deps.policy)) ?? null;
}

export async function handleBadgeTap(deps: AppDeps, reader: DeviceRef, uid: string, tapAt: number): Promise<TapOutcome> {
  const now = deps.clock.now();
  // Independent reads, in parallel: one round trip less on the tap-to-panel path.
  const [user, booking] = await Promise.all([deps.store.users.byBadge(uid), currentBooking(deps, reader.roomId, now)]);
  if (!user) return { kind: 'unknown_card' };
  if (!booking) return { kind: 'no_meeting' };
  // The booking carries its host and attendees: no extra query on the tap-to-panel path.
  if (booking.hostId !== user.id && !booking.attendees.includes(user.id)) {
    return { kind: 'not_invited', bookingId: booking.id, userId: user.id };
  }

  const applied = await applyEvent(deps, booking, { type: 'tap' }, `device:${reader.id}`);
  // The tap's own time decides on time or late, so a tap queued while offline keeps its time.
  const at = deviceTime(tapAt, now);
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
