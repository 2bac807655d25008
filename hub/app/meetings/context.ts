/**
 * A meeting as a use case sees it: its booking, its record (roles, wrap-up),
 * and what the person asking is in it (G2), checked in the domain (roles.ts).
 */
import { type MeetingAction, type MeetingRole, may, requireMay, rolesOf } from '../../domain/meetings/roles.js';
import { NotFoundError } from '../../domain/errors.js';
import type { Actor } from '../actor.js';
import type { BookingRecord, MeetingRecord, Store } from '../ports.js';

type MeetingReads = { bookings: Pick<Store['bookings'], 'get'>; meetings: Pick<Store['meetings'], 'get'>; users: Pick<Store['users'], 'byId'> };

export interface MeetingContext {
  booking: BookingRecord;
  meeting: MeetingRecord;
  /** Whether the record is stored yet (it is made on first write). */
  stored: boolean;
  roles: Set<MeetingRole>;
  may(action: MeetingAction): boolean;
  require(action: MeetingAction): void;
}

/** The record of a meeting that has none yet: the host's department reads it (C9). */
export async function defaultRecord(store: Pick<MeetingReads, 'users'>, b: BookingRecord): Promise<MeetingRecord> {
  const host = await store.users.byId(b.hostId);
  return { bookingId: b.id, seriesId: b.seriesId, delegateId: null, minuteTakerId: null, ccDepartments: [], department: host?.department ?? null, next: null, materialsRemindedAt: null };
}

export async function meetingContext(store: MeetingReads, bookingId: string, actor: Actor): Promise<MeetingContext> {
  const booking = await store.bookings.get(bookingId);
  if (!booking) throw new NotFoundError('booking', bookingId);
  const stored = await store.meetings.get(bookingId);
  const meeting = stored ?? (await defaultRecord(store, booking));
  const roles = actor.user
    ? rolesOf(actor.user, { ...meeting, hostId: booking.hostId, attendees: booking.attendees, private: booking.private })
    : new Set<MeetingRole>(actor.ref.startsWith('system:') ? ['admin'] : []);
  return {
    booking,
    meeting,
    stored: stored !== null,
    roles,
    may: (a) => may(roles, a, booking.private),
    require: (a) => requireMay(roles, a, booking.private),
  };
}

/** Everyone who takes part: host, delegate, minute taker and attendees. */
export const participants = (b: BookingRecord, m: MeetingRecord) => [...new Set([b.hostId, ...(m.delegateId ? [m.delegateId] : []), ...(m.minuteTakerId ? [m.minuteTakerId] : []), ...b.attendees])];
