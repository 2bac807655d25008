/**
 * R1, R2: a booking with topic, time and headcount. The database refuses
 * overlaps in the room; people are checked here under their locks (M1);
 * outside opening hours it waits for approval (R14, R15).
 */
import type { BookingType } from '../../shared/enums.js';
import { checkBooking } from '../domain/booking-rules.js';
import { AttendeeBusyError, DuplicateError, InvalidError, NotAllowedError, NotFoundError } from '../domain/errors.js';
import { type Actor, isAdmin } from './actor.js';
import { type AppDeps, newId } from './deps.js';
import { WALK_IN_USER } from './handle-panel-request.js';
import type { BookingRecord, NewBooking, RoomRecord, Store, UserRecord } from './ports.js';
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
  /** G1: an occurrence of a series. */
  seriesId?: string;
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

/** The booking itself, inside a unit of work (a walk-up books and checks in in one; a series books many). */
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
  const booking = await w.store.bookings.create(newBooking(w, room, { ...input, hostId, type, attendees: people.filter((p) => p !== hostId) }, actor));
  // M1 after the insert: a room that is taken answers `conflict` first (the database said so).
  await requireFree(w.store, people, input.start, input.end, booking.id);
  w.emit({ type: 'booking.created', booking });
  return { booking, replayed: false };
}

/**
 * The booking to insert, after the rules of a new booking (R2, R3, R14, M2; the
 * room's privacy default, G4). R15: after hours it waits for the administration
 * office, holding its slot; an admin's own is approved at once, and says so.
 */
export function newBooking(
  w: Work,
  room: RoomRecord,
  input: CreateBookingInput & { hostId: string; type: BookingType; attendees: string[] },
  actor: Actor,
): NewBooking {
  const { shortNotice, afterHours } = checkBooking({ start: input.start, end: input.end, headcount: input.headcount, type: input.type }, roomView(room), w.now, w.policy);
  return {
    id: newId('bk'),
    roomId: room.id,
    hostId: input.hostId,
    title: input.title,
    start: input.start,
    end: input.end,
    scheduledEnd: input.end,
    headcount: input.headcount,
    type: input.type,
    private: input.private ?? room.privateByDefault,
    shortNotice,
    idempotencyKey: input.idempotencyKey ?? null,
    createdBy: actor.ref,
    attendees: input.attendees,
    status: afterHours && !isAdmin(actor) ? 'pending_approval' : 'confirmed',
    approvedBy: afterHours && isAdmin(actor) ? actor.ref : null,
    approvedAt: afterHours && isAdmin(actor) ? w.now : null,
    seriesId: input.seriesId ?? null,
    occurrenceStart: input.seriesId ? input.start : null,
  };
}

/** Host and attendees must exist and be active (a deactivated person is invited nowhere). */
export async function requireActivePeople(store: Store, ids: string[]): Promise<Map<string, UserRecord>> {
  // Locked as they are read (M1): one statement for all of them, whatever their number. The
  // built-in walk-up host is in any number of walk-ups at once: not locked (no site-wide queue).
  const found = new Map((await store.users.lock(ids.filter((id) => id !== WALK_IN_USER))).map((u) => [u.id, u]));
  if (ids.includes(WALK_IN_USER)) {
    const walkIn = await store.users.byId(WALK_IN_USER);
    if (walkIn) found.set(walkIn.id, walkIn);
  }
  for (const id of ids) {
    const u = found.get(id);
    if (!u) throw new NotFoundError('user', id);
    if (u.deactivatedAt !== null) throw new InvalidError(`user ${id} is deactivated`, { field: 'attendees', user: id });
  }
  return found;
}

/**
 * M1: a person cannot be in two meetings at once. Their rows were locked by
 * requireActivePeople, so two bookings in different rooms for the same person
 * cannot both pass the check (the built-in walk-up host holds any number of walk-ups).
 */
export async function requireFree(store: Store, people: string[], start: number, end: number, exceptBookingId?: string): Promise<void> {
  const real = people.filter((p) => p !== WALK_IN_USER);
  if (real.length === 0) return;
  const busy = await store.bookings.busy(real, start, end, exceptBookingId);
  if (busy.length === 0) return;
  const users: { id: string; name: string; bookingId: string }[] = [];
  for (const b of busy) {
    if (users.some((u) => u.id === b.userId)) continue;
    users.push({ id: b.userId, name: (await store.users.byId(b.userId))?.name ?? b.userId, bookingId: b.bookingId });
  }
  throw new AttendeeBusyError(users);
}
