/** The Store port on Prisma, for SQLite and PostgreSQL alike. */
import { ACTIVE_BOOKING_STATUSES } from '../../shared/enums.js';
import { ConflictError, InvalidError } from '../domain/errors.js';
import type { BookingRecord, NewBooking, Store } from '../app/ports.js';
import { dates, toAttendance, toBooking, toDevice, toRoom, toUser } from './mappers.js';
import type { Db } from './open.js';

const ACTIVE = [...ACTIVE_BOOKING_STATUSES];
const withAttendance = { attendance: { select: { userId: true, role: true } } } as const;

/** Translates database refusals into domain errors (one place for both providers). */
function translate(err: unknown): never {
  const e = err as { code?: string; message?: string; meta?: unknown };
  const text = `${e.message ?? ''} ${JSON.stringify(e.meta ?? {})}`;
  // SQLite: RAISE(ABORT, 'booking_overlap'); PostgreSQL: exclusion violation 23P01 on Booking_no_overlap.
  if (/booking_overlap|Booking_no_overlap|23P01/.test(text)) throw new ConflictError();
  if (/booking_invalid_interval|Booking_valid_interval/.test(text)) throw new InvalidError('end must be after start');
  if (e.code === 'P2002') throw Object.assign(new ConflictError('already exists'), { code: 'duplicate' as const });
  throw err;
}

export function createPrismaStore(db: Db, defaultTimeZone: string): Store {
  return {
    users: {
      create: async (u) => toUser(await db.user.create({ data: u })),
      byId: async (id) => {
        const u = await db.user.findUnique({ where: { id } });
        return u && toUser(u);
      },
      byUsername: async (username) => {
        const u = await db.user.findUnique({ where: { username } });
        return u && toUser(u);
      },
      byBadge: async (badgeUid) => {
        const u = await db.user.findUnique({ where: { badgeUid } });
        return u && toUser(u);
      },
      list: async () => (await db.user.findMany({ orderBy: { username: 'asc' } })).map(toUser),
      count: () => db.user.count(),
    },
    sessions: {
      create: async (id, userId, expiresAt) => {
        await db.session.create({ data: { id, userId, expiresAt: new Date(expiresAt) } });
      },
      userFor: async (id, now) => {
        const s = await db.session.findUnique({ where: { id }, include: { user: true } });
        return s && s.expiresAt.getTime() > now ? toUser(s.user) : null;
      },
    },
    rooms: {
      create: async (r) =>
        toRoom(
          await db.room.create({
            data: { ...r, equipment: JSON.stringify(r.equipment), openingHours: JSON.stringify(r.openingHours) },
          }),
          defaultTimeZone,
        ),
      get: async (id) => {
        const r = await db.room.findUnique({ where: { id } });
        return r && toRoom(r, defaultTimeZone);
      },
      list: async () => (await db.room.findMany({ orderBy: { id: 'asc' } })).map((r) => toRoom(r, defaultTimeZone)),
      update: async (id, patch) => {
        const { equipment, openingHours, ...rest } = patch;
        const data = {
          ...dates(rest, ['presentSince', 'absentSince']),
          ...(equipment ? { equipment: JSON.stringify(equipment) } : {}),
          ...(openingHours ? { openingHours: JSON.stringify(openingHours) } : {}),
        };
        return toRoom(await db.room.update({ where: { id }, data }), defaultTimeZone);
      },
      nextSeqMany: async (ids) =>
        new Map(
          (
            await db.room.updateManyAndReturn({ where: { id: { in: ids } }, data: { stateSeq: { increment: 1 } }, select: { id: true, stateSeq: true } })
          ).map((r) => [r.id, r.stateSeq]),
        ),
      nextSeq: async (id) => (await db.room.update({ where: { id }, data: { stateSeq: { increment: 1 } }, select: { stateSeq: true } })).stateSeq,
    },
    devices: {
      create: async (d) => toDevice(await db.device.create({ data: dates(d, ['lastSeenAt', 'revokedAt']) as never })),
      get: async (id) => {
        const d = await db.device.findUnique({ where: { id } });
        return d && toDevice(d);
      },
      list: async () => (await db.device.findMany({ orderBy: { id: 'asc' } })).map(toDevice),
      update: async (id, patch) => {
        await db.device.update({ where: { id }, data: dates(patch, ['lastSeenAt', 'revokedAt']) });
      },
      roomsWithSensors: async () =>
        new Set(
          // Only a sensor that is online speaks for its room (a lost one is no sensor).
          (await db.device.findMany({ where: { kind: 'sensor', revokedAt: null, status: 'online' }, select: { roomId: true }, distinct: ['roomId'] })).map(
            (d) => d.roomId,
          ),
        ),
    },
    bookings: {
      create: async (b: NewBooking): Promise<BookingRecord> => {
        const { attendees, ...row } = b;
        try {
          const created = await db.booking.create({
            data: {
              ...row,
              start: new Date(b.start),
              end: new Date(b.end),
              scheduledEnd: new Date(b.scheduledEnd),
              status: 'confirmed',
              attendance: {
                create: [
                  { userId: b.hostId, role: 'host' },
                  ...attendees.map((userId) => ({ userId, role: 'attendee' })),
                ],
              },
            },
            include: withAttendance,
          });
          return toBooking(created);
        } catch (err) {
          translate(err);
        }
      },
      get: async (id) => {
        const b = await db.booking.findUnique({ where: { id }, include: withAttendance });
        return b && toBooking(b);
      },
      byIdempotencyKey: async (key) => {
        const b = await db.booking.findUnique({ where: { idempotencyKey: key }, include: withAttendance });
        return b && toBooking(b);
      },
      list: async (f) =>
        (
          await db.booking.findMany({
            where: {
              ...(f.roomId ? { roomId: f.roomId } : {}),
              ...(f.status ? { status: f.status } : {}),
              ...(f.to !== undefined ? { start: { lt: new Date(f.to) } } : {}),
              ...(f.from !== undefined ? { end: { gt: new Date(f.from) } } : {}),
            },
            orderBy: { start: 'asc' },
            take: f.limit ?? 1000,
            include: withAttendance,
          })
        ).map(toBooking),
      activeForRoom: async (roomId, after, limit = 5) =>
        (
          await db.booking.findMany({
            where: { roomId, status: { in: ACTIVE }, end: { gt: new Date(after) } },
            orderBy: { start: 'asc' },
            take: limit,
            include: withAttendance,
          })
        ).map(toBooking),
      activeBetween: async (after, before) =>
        (
          await db.booking.findMany({
            where: { status: { in: ACTIVE }, start: { lte: new Date(before) }, end: { gt: new Date(after) } },
            orderBy: { start: 'asc' },
            take: 20_000,
            include: withAttendance,
          })
        ).map(toBooking),
      dueForSweep: async (now, windowOpensMs, graceMs) =>
        (
          await db.booking.findMany({
            where: {
              OR: [
                // confirmed: the check-in window is open (presence) or the grace has passed (release)
                { status: 'confirmed', start: { lte: new Date(now + windowOpensMs) } },
                // checked in: natural end or an empty room
                { status: 'checked_in' },
              ],
            },
            orderBy: { start: 'asc' },
            take: 5000,
            include: withAttendance,
          })
        ).map(toBooking),
      change: async (id, expected, patch) => {
        try {
          const r = await db.booking.updateMany({
            where: {
              id,
              status: expected.status,
              end: new Date(expected.end),
              lastTapAt: expected.lastTapAt === null ? null : new Date(expected.lastTapAt),
            },
            data: dates(patch, ['end', 'checkedInAt', 'lastTapAt', 'closedAt']),
          });
          return r.count === 1;
        } catch (err) {
          translate(err);
        }
      },
    },
    attendance: {
      list: async (bookingId) =>
        (await db.attendance.findMany({ where: { bookingId }, orderBy: [{ role: 'desc' }, { userId: 'asc' }] })).map(toAttendance),
      signIn: async (bookingId, userId, status, at) =>
        (await db.attendance.updateMany({ where: { bookingId, userId, status: 'expected' }, data: { status, at: new Date(at) } })).count === 1,
      markAbsent: async (bookingId) =>
        (await db.attendance.updateMany({ where: { bookingId, status: 'expected' }, data: { status: 'absent' } })).count,
    },
    faults: {
      create: async (f) => {
        await db.fault.create({ data: f });
      },
      list: async (f) =>
        (
          await db.fault.findMany({
            where: { ...(f.roomId ? { roomId: f.roomId } : {}), ...(f.status ? { status: f.status } : {}) },
            orderBy: { createdAt: 'desc' },
            take: 500,
          })
        ).map((r) => ({ ...r, createdAt: r.createdAt.getTime(), resolvedAt: r.resolvedAt?.getTime() ?? null })),
    },
    processed: {
      claim: async (key, at) => {
        try {
          await db.processedMessage.create({ data: { key, at: new Date(at) } });
          return { fresh: true };
        } catch (err) {
          if ((err as { code?: string }).code !== 'P2002') throw err;
          const row = await db.processedMessage.findUnique({ where: { key } });
          return { fresh: false, response: row?.response ?? null };
        }
      },
      saveResponse: async (key, response) => {
        await db.processedMessage.update({ where: { key }, data: { response } });
      },
      prune: async (before) => (await db.processedMessage.deleteMany({ where: { at: { lt: new Date(before) } } })).count,
    },
    events: {
      append: async (e) => {
        await db.eventLog.create({
          data: { at: new Date(e.at), actor: e.actor, type: e.type, roomId: e.roomId ?? null, bookingId: e.bookingId ?? null, data: JSON.stringify(e.data ?? {}) },
        });
      },
    },
    notifications: {
      add: async (n) => {
        await db.notification.create({ data: { at: new Date(n.at), userId: n.userId, kind: n.kind, data: JSON.stringify(n.data) } });
      },
    },
    close: () => db.$disconnect(),
  };
}
