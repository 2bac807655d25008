/** R1, R2: a booking with topic, time and headcount; the database refuses overlaps. */
import type { BookingType } from '../../shared/enums.js';
import { checkBooking } from '../domain/booking-rules.js';
import { DuplicateError, InvalidError, NotAllowedError, NotFoundError } from '../domain/errors.js';
import { type Actor, isAdmin } from './actor.js';
import { type AppDeps, newId } from './deps.js';
import type { BookingRecord, Store } from './ports.js';
import { roomView } from './room-state.js';
import { runWork, type Work } from './work.js';

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

/** Books a room in one unit of work; a retried request (same idempotency key) gets the first booking. */
export async function createBooking(deps: AppDeps, input: CreateBookingInput, actor: Actor): Promise<{ booking: BookingRecord; replayed: boolean }> {
  try {
    return await runWork(deps, actor.ref, (w) => bookRoom(w, input, actor), { room: input.roomId });
  } catch (err) {
    if ((err as { code?: string }).code === 'conflict' && !(err instanceof DuplicateError)) deps.metrics.count('booking_conflicts');
    // A concurrent request with the same idempotency key won the insert: answer with its booking.
    if (input.idempotencyKey && err instanceof DuplicateError) {
      const existing = await deps.reads.bookings.byIdempotencyKey(input.idempotencyKey);
      if (existing) return { booking: existing, replayed: true };
    }
    throw err;
  }
}

/** The booking itself, inside a unit of work (a walk-up booking on a panel books and checks in in one). */
export async function bookRoom(w: Work, input: CreateBookingInput, actor: Actor): Promise<{ booking: BookingRecord; replayed: boolean }> {
  if (input.idempotencyKey) {
    const existing = await w.store.bookings.byIdempotencyKey(input.idempotencyKey);
    if (existing) return { booking: existing, replayed: true };
  }
  const room = await w.store.rooms.get(input.roomId);
  if (!room) throw new NotFoundError('room', input.roomId);
  if (room.archivedAt !== null) throw new InvalidError('the room is archived', { field: 'room' });
  await w.store.rooms.lock(room.id); // writers of this room's bookings, one at a time
  const hostId = input.hostId ?? actor.user?.id;
  if (!hostId) throw new InvalidError('a booking needs a host', { field: 'host' });
  // R1: people book for themselves; the administration office may book for anyone.
  if (actor.user && hostId !== actor.user.id && !isAdmin(actor)) {
    throw new NotAllowedError('only the administration office may book for someone else');
  }
  const people = [...new Set([hostId, ...(input.attendees ?? [])])];
  await requireActivePeople(w.store, people);
  const type = input.type ?? 'regular';
  const { shortNotice } = checkBooking(
    { start: input.start, end: input.end, headcount: input.headcount, type },
    roomView(room), // out of service by hand or by a fault (R9)
    w.now,
    w.policy,
    { mayBookAfterHours: isAdmin(actor) }, // R15: the approval flow for others comes with the booking pages
  );
  const booking = await w.store.bookings.create({
    id: newId('bk'),
    roomId: room.id,
    hostId,
    title: input.title,
    start: input.start,
    end: input.end,
    scheduledEnd: input.end,
    headcount: input.headcount,
    type,
    private: input.private ?? room.privateByDefault, // G4: the room's default unless the booker says
    shortNotice,
    idempotencyKey: input.idempotencyKey ?? null,
    createdBy: actor.ref,
    attendees: people.filter((p) => p !== hostId),
  });
  w.emit({ type: 'booking.created', booking });
  return { booking, replayed: false };
}

/** Host and attendees must exist and be active (a deactivated person is invited nowhere). */
export async function requireActivePeople(store: Store, ids: string[]): Promise<void> {
  for (const id of ids) {
    const u = await store.users.byId(id);
    if (!u) throw new NotFoundError('user', id);
    if (u.deactivatedAt !== null) throw new InvalidError(`user ${id} is deactivated`, { field: 'attendees', user: id });
  }
}
