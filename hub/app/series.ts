/**
 * G1: recurring meetings (the weekly team meeting, the monthly review). A
 * series books every occurrence it can in one unit of work and lists the
 * ones it cannot with the reason; this-and-following changes and
 * cancellations apply from a given occurrence on.
 */
import { DateTime } from 'luxon';
import type { BookingType } from '../../shared/enums.js';
import { AttendeeBusyError, ConflictError, DomainError, InvalidError, NotAllowedError, NotFoundError } from '../domain/errors.js';
import { planEdit } from '../domain/booking-edit.js';
import { expandSeries } from '../domain/recurrence.js';
import { type Actor, isAdmin } from './actor.js';
import { applyEvent } from './apply-transition.js';
import { mayManage } from './booking-access.js';
import { newBooking, requireActivePeople } from './create-booking.js';
import { type AppDeps, newId } from './deps.js';
import type { BookingRecord, RoomRecord, SeriesRecord } from './ports.js';
import { roomView } from './room-state.js';
import { runWork, type Work } from './work.js';

export interface SeriesInput {
  roomId: string;
  title: string;
  start: number;
  end: number;
  rrule: string;
  headcount: number;
  hostId?: string;
  attendees?: string[];
  private?: boolean;
  type?: BookingType;
}

export interface OccurrenceOutcome {
  start: number;
  end: number;
  booking?: BookingRecord;
  conflict?: { code: string; message: string; details?: unknown };
}

export async function createSeries(deps: AppDeps, input: SeriesInput, actor: Actor): Promise<{ series: SeriesRecord; occurrences: OccurrenceOutcome[] }> {
  return runWork(
    deps,
    actor.ref,
    async (w) => {
      const room = await requireRoom(w, input.roomId);
      const hostId = input.hostId ?? actor.user?.id;
      if (!hostId) throw new InvalidError('a series needs a host', { field: 'host' });
      if (actor.user && hostId !== actor.user.id && !isAdmin(actor)) throw new NotAllowedError('only the administration office may book for someone else');
      const attendees = [...new Set(input.attendees ?? [])].filter((a) => a !== hostId);
      await w.store.rooms.lock(room.id);
      await requireActivePeople(w.store, [hostId, ...attendees]); // locked too (M1)
      const occurrences = expandSeries(input.rrule, input.start, input.end, room.timeZone);
      const series = await w.store.series.create({
        id: newId('ser'),
        roomId: room.id,
        hostId,
        title: input.title,
        rrule: input.rrule.replace(/^RRULE:/i, '').toUpperCase(),
        localStart: DateTime.fromMillis(input.start, { zone: room.timeZone }).toFormat("yyyy-MM-dd'T'HH:mm"),
        durationMs: input.end - input.start,
        timeZone: room.timeZone,
        headcount: input.headcount,
        attendees,
        private: input.private ?? room.privateByDefault,
        type: input.type ?? 'regular',
        createdBy: actor.ref,
        createdAt: w.now,
        endedFrom: null,
      });
      const outcomes: OccurrenceOutcome[] = [];
      for (const o of occurrences) outcomes.push(await bookOccurrence(w, room, series, o, actor));
      w.emit({ type: 'series.created', series, booked: outcomes.filter((o) => o.booking).map((o) => o.booking!), skipped: outcomes.filter((o) => o.conflict).map((o) => o.start) });
      return { series, occurrences: outcomes };
    },
    { room: input.roomId },
  );
}

/**
 * One occurrence, checked before it is written (the room and its people are
 * locked), so a clash is reported for that occurrence and the others still book.
 */
async function bookOccurrence(w: Work, room: RoomRecord, series: SeriesRecord, o: { start: number; end: number }, actor: Actor): Promise<OccurrenceOutcome> {
  try {
    const fields = newBooking(w, room, { roomId: room.id, title: series.title, start: o.start, end: o.end, headcount: series.headcount, hostId: series.hostId, type: series.type, attendees: series.attendees, private: series.private, seriesId: series.id }, actor);
    if ((await w.store.bookings.overlapping(room.id, o.start, o.end)).length > 0) throw new ConflictError();
    const busy = await w.store.bookings.busy([series.hostId, ...series.attendees], o.start, o.end);
    if (busy.length > 0) {
      const names = [...new Set(busy.map((b) => b.userId))];
      throw new AttendeeBusyError(await Promise.all(names.map(async (id) => ({ id, name: (await w.store.users.byId(id))?.name ?? id, bookingId: busy.find((b) => b.userId === id)!.bookingId }))));
    }
    const booking = await w.store.bookings.create(fields);
    w.emit({ type: 'booking.created', booking, inSeries: true });
    return { ...o, booking };
  } catch (err) {
    if (!(err instanceof DomainError)) throw err;
    return { ...o, conflict: { code: err.code, message: err.message, ...(err.details !== undefined ? { details: err.details } : {}) } };
  }
}

export async function seriesWithOccurrences(deps: AppDeps, id: string): Promise<{ series: SeriesRecord; bookings: BookingRecord[] }> {
  const series = await deps.reads.series.get(id);
  if (!series) throw new NotFoundError('series', id);
  return { series, bookings: await deps.reads.bookings.ofSeries(id) };
}

export interface SeriesChange {
  /** This occurrence (its original start) and all that follow. */
  from: number;
  title?: string;
  attendees?: string[];
  headcount?: number;
  private?: boolean;
  /** A new time of day (local to the series' zone) and length for each occurrence. */
  time?: { start: string; minutes: number };
}

/** The occurrence's new times: the same local day, the new local time of day (G1: wall-clock time kept across DST). */
export function movedOccurrence(occurrenceStart: number, zone: string, time: { start: string; minutes: number }): { start: number; end: number } {
  const [h, m] = time.start.split(':').map(Number) as [number, number];
  const start = DateTime.fromMillis(occurrenceStart, { zone }).set({ hour: h, minute: m, second: 0, millisecond: 0 }).toMillis();
  return { start, end: start + time.minutes * 60_000 };
}

/**
 * This and following: each occurrence not yet started, changed as one booking
 * is (the rules of an edit, the room free, nobody in two meetings), every
 * check made before anything is written so one clash is listed and the others
 * change. The series keeps the change for what it says of itself.
 */
export function changeSeries(deps: AppDeps, id: string, change: SeriesChange, actor: Actor): Promise<OccurrenceOutcome[]> {
  return onSeries(deps, id, actor, async (w, series) => {
    const attendees = change.attendees ? [...new Set(change.attendees)].filter((a) => a !== series.hostId) : undefined;
    await requireActivePeople(w.store, [series.hostId, ...(attendees ?? series.attendees)]); // locked too (M1)
    const room = await requireRoom(w, series.roomId);
    const outcomes: OccurrenceOutcome[] = [];
    for (const b of await following(w, series, change.from)) {
      try {
        const times = change.time ? movedOccurrence(b.occurrenceStart ?? b.start, series.timeZone, change.time) : {};
        const planned = planEdit(b, { title: change.title, headcount: change.headcount, private: change.private, ...times }, roomView(room), w.now, w.policy, { mayBookAfterHours: isAdmin(actor) });
        const after: BookingRecord = { ...b, ...planned, ...(attendees ? { attendees } : {}) };
        if (planned.start !== undefined || planned.end !== undefined) {
          if ((await w.store.bookings.overlapping(room.id, after.start, after.end)).some((o) => o.id !== b.id)) throw new ConflictError();
        }
        if (attendees || planned.start !== undefined || planned.end !== undefined) {
          const busy = await w.store.bookings.busy([series.hostId, ...after.attendees], after.start, after.end, b.id);
          if (busy.length) {
            const names = [...new Set(busy.map((x) => x.userId))];
            throw new AttendeeBusyError(await Promise.all(names.map(async (u) => ({ id: u, name: (await w.store.users.byId(u))?.name ?? u, bookingId: busy.find((x) => x.userId === u)!.bookingId }))));
          }
        }
        if (Object.keys(planned).length && !(await w.store.bookings.change(b.id, b, planned))) throw new ConflictError('the occurrence changed meanwhile');
        if (attendees) await w.store.attendance.setAttendees(b.id, attendees);
        w.emit({ type: 'booking.updated', booking: after, before: b, inSeries: true });
        outcomes.push({ start: after.start, end: after.end, booking: after });
      } catch (err) {
        if (!(err instanceof DomainError)) throw err;
        outcomes.push({ start: b.start, end: b.end, conflict: { code: err.code, message: err.message, ...(err.details !== undefined ? { details: err.details } : {}) } });
      }
    }
    const updated = await w.store.series.update(series.id, {
      ...(change.title !== undefined ? { title: change.title } : {}),
      ...(attendees ? { attendees } : {}),
      ...(change.headcount !== undefined ? { headcount: change.headcount } : {}),
      ...(change.private !== undefined ? { private: change.private } : {}),
      ...(change.time ? { durationMs: change.time.minutes * 60_000 } : {}),
    });
    w.emit({ type: 'series.changed', series: updated, from: change.from, changed: outcomes.filter((o) => o.booking).map((o) => o.booking!) });
    return outcomes;
  });
}

/** Cancels this occurrence and all that follow (those not yet started). */
export function endSeries(deps: AppDeps, id: string, from: number, actor: Actor): Promise<BookingRecord[]> {
  return onSeries(deps, id, actor, async (w, series) => {
      const cancelled: BookingRecord[] = [];
      for (const b of await following(w, series, from)) {
        const r = await applyEvent(w, b, { type: 'cancel' }, { inSeries: true });
        if (r.applied) cancelled.push(r.booking);
      }
      const ended = await w.store.series.update(series.id, { endedFrom: Math.max(from, w.now) });
      w.emit({ type: 'series.ended', series: ended, from, cancelled });
      return cancelled;
  });
}

/** Runs `fn` on a series its actor may manage, with its room locked (queued behind the room's work). */
async function onSeries<T>(deps: AppDeps, id: string, actor: Actor, fn: (w: Work, series: SeriesRecord) => Promise<T>): Promise<T> {
  const { series } = await seriesWithOccurrences(deps, id);
  return runWork(
    deps,
    actor.ref,
    async (w) => {
      await requireManage(w, series, actor);
      await w.store.rooms.lock(series.roomId);
      return fn(w, series);
    },
    { room: series.roomId },
  );
}

async function requireRoom(w: Work, roomId: string): Promise<RoomRecord> {
  const room = await w.store.rooms.get(roomId);
  if (!room) throw new NotFoundError('room', roomId);
  if (room.archivedAt !== null) throw new InvalidError('the room is archived', { field: 'room' });
  return room;
}

async function requireManage(w: Work, series: SeriesRecord, actor: Actor): Promise<void> {
  const probe = { hostId: series.hostId, createdBy: series.createdBy } as BookingRecord;
  if (!mayManage(actor, probe)) throw new NotAllowedError('only the host, the booker or the administration office may change the series');
  void w;
}

/** The occurrences from `from` on that have not started and are still active. */
async function following(w: Work, series: SeriesRecord, from: number): Promise<BookingRecord[]> {
  return (await w.store.bookings.ofSeries(series.id)).filter(
    (b) => (b.occurrenceStart ?? b.start) >= from && b.start > w.now && (b.status === 'confirmed' || b.status === 'pending_approval'),
  );
}
