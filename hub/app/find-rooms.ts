/**
 * Finding a room (R1-R4), and checking a booking before it is made (the clash
 * check shown while the form is filled): read-only, nothing is booked.
 */
import { ACTIVE_BOOKING_STATUSES } from '../../shared/enums.js';
import { checkBooking } from '../domain/booking-rules.js';
import { DomainError, InvalidError } from '../domain/errors.js';
import { effectivelyOutOfService } from '../domain/faults.js';
import { isWithinOpeningHours } from '../domain/opening-hours.js';
import { type Ranked, rankRooms, type Want } from '../domain/room-finder.js';
import type { Actor } from './actor.js';
import type { CreateBookingInput } from './create-booking.js';
import type { AppDeps } from './deps.js';
import { WALK_IN_USER } from './handle-panel-request.js';
import type { RoomRecord } from './ports.js';
import { roomView } from './room-state.js';

const ACTIVE = new Set<string>(ACTIVE_BOOKING_STATUSES);

export async function findRooms(deps: AppDeps, q: Want & { start: number; end: number }): Promise<Ranked<RoomRecord & { afterHours: boolean }>[]> {
  if (q.end <= q.start) throw new InvalidError('end must be after start', { field: 'end' });
  const busy = new Set((await deps.reads.bookings.list({ from: q.start, to: q.end, limit: 20_000 })).filter((b) => ACTIVE.has(b.status)).map((b) => b.roomId));
  const open = (await deps.reads.rooms.list()).filter((r) => r.archivedAt === null && !effectivelyOutOfService(r) && !busy.has(r.id));
  return rankRooms(
    open.map((r) => ({ ...r, afterHours: !isWithinOpeningHours(r.openingHours, r.timeZone, q.start, q.end) })),
    q,
  );
}

export interface Problem {
  code: string;
  message: string;
  details?: unknown;
}

/** What booking `input` would meet now: every problem at once, and what it would become. */
/** `replaces`: the booking being edited, whose own time and people are not a clash with itself. */
export async function checkBookingRequest(deps: AppDeps, input: CreateBookingInput, actor: Actor, replaces?: string): Promise<{ ok: boolean; problems: Problem[]; status?: string; shortNotice?: boolean }> {
  const problems: Problem[] = [];
  const add = (err: unknown) => {
    if (!(err instanceof DomainError)) throw err;
    problems.push({ code: err.code, message: err.message, ...(err.details !== undefined ? { details: err.details } : {}) });
  };
  const room = await deps.reads.rooms.get(input.roomId);
  if (!room) return { ok: false, problems: [{ code: 'not_found', message: `room ${input.roomId} not found` }] };
  let verdict: { shortNotice: boolean; afterHours: boolean } | undefined;
  try {
    verdict = checkBooking({ start: input.start, end: input.end, headcount: input.headcount, type: input.type ?? 'regular' }, roomView(room), deps.clock.now(), deps.policy);
  } catch (err) {
    add(err);
  }
  const overlapping = (await deps.reads.bookings.overlapping(room.id, input.start, input.end)).filter((b) => b.id !== replaces);
  if (overlapping.length) problems.push({ code: 'conflict', message: 'the room is already booked for part of that time' });
  const people = [...new Set([input.hostId ?? actor.user?.id, ...(input.attendees ?? [])].filter((p): p is string => !!p && p !== WALK_IN_USER))];
  const busy = await deps.reads.bookings.busy(people, input.start, input.end, replaces);
  if (busy.length) {
    const users = await Promise.all([...new Set(busy.map((b) => b.userId))].map(async (id) => ({ id, name: (await deps.reads.users.byId(id))?.name ?? id, bookingId: busy.find((b) => b.userId === id)!.bookingId })));
    problems.push({ code: 'attendee_busy', message: `already in a meeting at that time: ${users.map((u) => u.name).join(', ')}`, details: { users } });
  }
  const status = verdict ? (verdict.afterHours && actor.user?.role !== 'admin' ? 'pending_approval' : 'confirmed') : undefined;
  return { ok: problems.length === 0, problems, ...(status ? { status } : {}), ...(verdict ? { shortNotice: verdict.shortNotice } : {}) };
}
