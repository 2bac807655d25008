/** R1, R2: a booking with topic, time and headcount; the database refuses overlaps. */
import type { BookingType } from '../../shared/enums.js';
import { checkBooking } from '../domain/booking-rules.js';
import { NotFoundError } from '../domain/errors.js';
import { type AppDeps, iso, newId } from './deps.js';
import type { BookingRecord, UserRecord } from './ports.js';
import { refreshRoomState } from './room-state.js';

export interface CreateBookingInput {
  roomId: string;
  title: string;
  start: number;
  end: number;
  headcount: number;
  hostId?: string;
  attendees?: string[];
  type?: BookingType;
  private?: boolean;
  idempotencyKey?: string;
}

export interface Actor {
  /** `user:<id>` or `device:<id>` */
  ref: string;
  user: UserRecord | null;
}

/** `announce: false` leaves the room-state publish to the caller (a walk-up booking is checked in at once). */
export async function createBooking(
  deps: AppDeps,
  input: CreateBookingInput,
  actor: Actor,
  { announce = true }: { announce?: boolean } = {},
): Promise<{ booking: BookingRecord; replayed: boolean }> {
  if (input.idempotencyKey) {
    const existing = await deps.store.bookings.byIdempotencyKey(input.idempotencyKey);
    if (existing) return { booking: existing, replayed: true };
  }
  const room = await deps.store.rooms.get(input.roomId);
  if (!room) throw new NotFoundError('room', input.roomId);
  const hostId = input.hostId ?? actor.user?.id;
  if (!hostId) throw new NotFoundError('host', '(none given)');
  const people = [...new Set([hostId, ...(input.attendees ?? [])])];
  for (const id of people) {
    if (!(await deps.store.users.byId(id))) throw new NotFoundError('user', id);
  }
  const now = deps.clock.now();
  const type = input.type ?? 'regular';
  const { shortNotice } = checkBooking(
    { start: input.start, end: input.end, headcount: input.headcount, type },
    room,
    now,
    deps.policy,
    { mayBookAfterHours: actor.user?.role === 'admin' }, // R15 approval flow comes later
  );
  try {
    const booking = await deps.store.bookings.create({
      id: newId('bk'),
      roomId: room.id,
      hostId,
      title: input.title,
      start: input.start,
      end: input.end,
      scheduledEnd: input.end,
      headcount: input.headcount,
      type,
      private: input.private ?? false,
      shortNotice,
      idempotencyKey: input.idempotencyKey ?? null,
      createdBy: actor.ref,
      attendees: people.filter((p) => p !== hostId),
    });
    deps.metrics.count('bookings_created', { type });
    await deps.store.events.append({ at: now, actor: actor.ref, type: 'booking.created', roomId: room.id, bookingId: booking.id, data: { start: iso(booking.start), end: iso(booking.end) } });
    await deps.publisher.roomEvent(room.id, { id: newId('ev'), at: iso(now), type: 'booked', bookingId: booking.id });
    if (announce) await refreshRoomState(deps, room.id);
    return { booking, replayed: false };
  } catch (err) {
    if ((err as { code?: string }).code === 'conflict') deps.metrics.count('booking_conflicts');
    // A concurrent request with the same idempotency key won the insert: answer with its booking.
    if (input.idempotencyKey && (err as { code?: string }).code === 'duplicate') {
      const existing = await deps.store.bookings.byIdempotencyKey(input.idempotencyKey);
      if (existing) return { booking: existing, replayed: true };
    }
    throw err;
  }
}
