/**
 * The Store port on Prisma, for SQLite and PostgreSQL alike. One instance per
 * transaction (or one for plain reads): `client` is the transaction's client.
 * Every call's database refusals are translated to domain errors by code.
 */
import { ACTIVE_BOOKING_STATUSES } from '../../shared/enums.js';
import type { BookingRecord, BookingSummary, FaultRecord, NewBooking, Store, UserRecord } from '../app/ports.js';
import type { Provider } from './migrate.js';
import { Prisma, type User as UserRow } from '../../generated/sqlite/client.js';
import { guarded } from './db-errors.js';
import { dates, toAttendance, toBooking, toDevice, toFault, toInspection, toInspectionPlan, toIntegration, toNotification, toRoom, toSeries, toUser } from './mappers.js';
import type { Db } from './open.js';
import { createMeetingStore } from './prisma-meeting-store.js';

const ACTIVE = [...ACTIVE_BOOKING_STATUSES];
/** What a room's state needs of a booking: one query, no attendance. */
const summary = { id: true, roomId: true, title: true, private: true, status: true, start: true, end: true } as const;
const toSummary = (b: { id: string; roomId: string; title: string; private: boolean; status: string; start: Date; end: Date }): BookingSummary => ({
  ...b,
  status: b.status as BookingSummary['status'],
  start: b.start.getTime(),
  end: b.end.getTime(),
});

const faultRow = (f: FaultRecord) => ({
  id: f.id,
  roomId: f.roomId,
  equipment: f.equipment,
  description: f.description,
  status: f.status,
  reportedBy: f.reportedBy,
  assignee: f.assignee,
  outOfService: f.outOfService,
  createdAt: new Date(f.createdAt),
  updatedAt: new Date(f.updatedAt),
  resolvedAt: f.resolvedAt === null ? null : new Date(f.resolvedAt),
  history: JSON.stringify(f.history),
});

/** A Prisma client or an interactive transaction's client: the same model API. */
export type DbClient = Omit<Db, '$connect' | '$disconnect' | '$on' | '$transaction' | '$extends'>;

export function createPrismaStore(db: DbClient, provider: Provider, defaultTimeZone: string): Store {
  /** Rooms locked by this transaction, with the state seq reserved by the lock (PostgreSQL). */
  const locked = new Map<string, number | null>();
  const lockRoom = async (id: string) => {
    if (locked.has(id)) return;
    // SQLite writers are serial (one connection, one transaction at a time): nothing to take.
    if (provider !== 'postgresql') return void locked.set(id, null);
    // The row lock (an UPDATE of a non-key column takes FOR NO KEY UPDATE, which does not block
    // the foreign-key share locks of inserts that reference the room) also reserves the room's
    // next state seq: one round trip for both.
    const rows = await db.$queryRaw<{ stateSeq: number }[]>`UPDATE "Room" SET "stateSeq" = "stateSeq" + 1 WHERE "id" = ${id} RETURNING "stateSeq"`;
    locked.set(id, rows[0] ? Number(rows[0].stateSeq) : null);
  };
  const store: Store = {
    ...createMeetingStore(db, provider),
    users: {
      create: async (u) => toUser(await db.user.create({ data: dates(u, ['deactivatedAt']) as never })),
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
      update: async (id, patch) => toUser(await db.user.update({ where: { id }, data: dates(patch, ['deactivatedAt']) })),
      lock: async (ids) => {
        // M1: bookings that share a person are written one at a time (PostgreSQL; SQLite writers are
        // serial). Sorted ids: one lock order; NO KEY UPDATE lets attendance rows reference them.
        const sorted = [...new Set(ids)].sort();
        const found: UserRecord[] = [];
        for (let i = 0; i < sorted.length; i += 500) {
          const chunk = sorted.slice(i, i + 500);
          const rows =
            provider === 'postgresql'
              ? await db.$queryRaw<UserRow[]>`SELECT * FROM "User" WHERE "id" IN (${Prisma.join(chunk)}) ORDER BY "id" FOR NO KEY UPDATE`
              : await db.user.findMany({ where: { id: { in: chunk } } });
          found.push(...rows.map(toUser));
        }
        return found;
      },
    },
    sessions: {
      create: async (id, userId, expiresAt) => {
        await db.session.create({ data: { id, userId, expiresAt: new Date(expiresAt) } });
      },
      userFor: async (id, now) => {
        const s = await db.session.findUnique({ where: { id }, include: { user: true } });
        return s && s.expiresAt.getTime() > now && s.user.deactivatedAt === null ? toUser(s.user) : null;
      },
      endAllOf: async (userId) => (await db.session.deleteMany({ where: { userId } })).count,
      end: async (id) => {
        await db.session.deleteMany({ where: { id } });
      },
    },
    rooms: {
      create: async (r) =>
        toRoom(
          await db.room.create({
            data: {
              ...dates(r, ['archivedAt']),
              equipment: JSON.stringify(r.equipment),
              openingHours: JSON.stringify(r.openingHours),
              openFaults: JSON.stringify(r.openFaults),
            } as never,
          }),
          defaultTimeZone,
        ),
      get: async (id) => {
        const r = await db.room.findUnique({ where: { id } });
        return r && toRoom(r, defaultTimeZone);
      },
      list: async () => (await db.room.findMany({ orderBy: { id: 'asc' } })).map((r) => toRoom(r, defaultTimeZone)),
      update: async (id, patch) => {
        const { equipment, openingHours, openFaults, ...rest } = patch;
        const data = {
          ...dates(rest, ['presentSince', 'absentSince', 'archivedAt']),
          ...(equipment ? { equipment: JSON.stringify(equipment) } : {}),
          ...(openingHours ? { openingHours: JSON.stringify(openingHours) } : {}),
          ...(openFaults ? { openFaults: JSON.stringify(openFaults) } : {}),
        };
        return toRoom(await db.room.update({ where: { id }, data }), defaultTimeZone);
      },
      lock: lockRoom,
      locked: async () => [...locked.keys()],
      nextSeq: async (id) => {
        const reserved = locked.get(id);
        if (reserved !== undefined && reserved !== null) {
          locked.set(id, null);
          return reserved;
        }
        return (await db.room.update({ where: { id }, data: { stateSeq: { increment: 1 } }, select: { stateSeq: true } })).stateSeq;
      },
    },
    devices: {
      create: async (d) => toDevice(await db.device.create({ data: dates(d, ['lastSeenAt', 'revokedAt']) as never })),
      get: async (id) => {
        const d = await db.device.findUnique({ where: { id } });
        return d && toDevice(d);
      },
      list: async () => (await db.device.findMany({ orderBy: { id: 'asc' } })).map(toDevice),
      update: async (id, patch) => toDevice(await db.device.update({ where: { id }, data: dates(patch, ['lastSeenAt', 'revokedAt']) })),
      touch: async (ids, at) => {
        for (let i = 0; i < ids.length; i += 500) {
          const chunk = ids.slice(i, i + 500);
          await db.device.updateMany({ where: { id: { in: chunk } }, data: { lastSeenAt: new Date(at) } });
          await db.device.updateMany({ where: { id: { in: chunk }, status: 'never_seen' }, data: { status: 'online' } });
        }
      },
      sensorsLastHeard: async () =>
        new Map(
          (
            await db.device.groupBy({
              by: ['roomId'],
              where: { kind: 'sensor', revokedAt: null, status: { notIn: ['offline', 'lost'] }, lastSeenAt: { not: null } },
              _max: { lastSeenAt: true },
            })
          ).map((g) => [g.roomId, g._max.lastSeenAt!.getTime()]),
        ),
    },
    integrations: {
      create: async (i) => toIntegration(await db.integration.create({ data: dates(i, ['createdAt', 'revokedAt']) as never })),
      get: async (id) => {
        const i = await db.integration.findUnique({ where: { id } });
        return i && toIntegration(i);
      },
      list: async () => (await db.integration.findMany({ orderBy: { id: 'asc' } })).map(toIntegration),
      update: async (id, patch) => toIntegration(await db.integration.update({ where: { id }, data: dates(patch, ['createdAt', 'revokedAt']) })),
    },
    bookings: {
      create: async (b: NewBooking): Promise<BookingRecord> => {
        await lockRoom(b.roomId);
        const { attendees, ...row } = b;
        const created = await db.booking.create({
          data: {
            ...dates(row, ['start', 'end', 'scheduledEnd', 'approvedAt', 'occurrenceStart']),
            attendeeIds: JSON.stringify(attendees),
            attendance: { create: [{ userId: b.hostId, role: 'host' }, ...attendees.map((userId) => ({ userId, role: 'attendee' }))] },
          } as never,
        });
        return toBooking(created);
      },
      get: async (id) => {
        const b = await db.booking.findUnique({ where: { id } });
        return b && toBooking(b);
      },
      byIdempotencyKey: async (key) => {
        const b = await db.booking.findUnique({ where: { idempotencyKey: key } });
        return b && toBooking(b);
      },
      list: async (f) =>
        (
          await db.booking.findMany({
            where: {
              ...(f.roomId ? { roomId: f.roomId } : {}),
              ...(f.status ? { status: f.status } : {}),
              ...(f.startingIn
                ? { start: { ...(f.from !== undefined ? { gte: new Date(f.from) } : {}), ...(f.to !== undefined ? { lt: new Date(f.to) } : {}) } }
                : {
                    ...(f.to !== undefined ? { start: { lt: new Date(f.to) } } : {}),
                    ...(f.from !== undefined ? { end: { gt: new Date(f.from) } } : {}),
                  }),
              ...(f.person ? { OR: [{ hostId: f.person }, { attendance: { some: { userId: f.person } } }] } : {}),
            },
            orderBy: { start: 'asc' },
            take: f.limit ?? 1000,
          })
        ).map(toBooking),
      activeForRoom: async (roomId, after, limit = 5) =>
        (
          await db.booking.findMany({
            where: { roomId, status: { in: ACTIVE }, end: { gt: new Date(after) } },
            orderBy: { start: 'asc' },
            take: limit,
          })
        ).map(toBooking),
      overlapping: async (roomId, start, end) =>
        (await db.booking.findMany({ where: { roomId, status: { in: ACTIVE }, start: { lt: new Date(end) }, end: { gt: new Date(start) } }, take: 10 })).map(toBooking),
      ofSeries: async (seriesId) => (await db.booking.findMany({ where: { seriesId }, orderBy: { start: 'asc' }, take: 1000 })).map(toBooking),
      busy: async (people, start, end, exceptId) => {
        const found = new Map<string, { userId: string; bookingId: string }>();
        // In chunks: a meeting of 500 people must not pass the driver's bound on query parameters.
        for (let i = 0; i < people.length; i += 200) {
          const chunk = people.slice(i, i + 200);
          const rows = await db.booking.findMany({
            where: {
              status: { in: ACTIVE },
              start: { lt: new Date(end) },
              end: { gt: new Date(start) },
              ...(exceptId ? { id: { not: exceptId } } : {}),
              OR: [{ hostId: { in: chunk } }, { attendance: { some: { userId: { in: chunk } } } }],
            },
            take: 50,
          });
          const wanted = new Set(chunk);
          for (const b of rows) {
            for (const userId of [b.hostId, ...(JSON.parse(b.attendeeIds) as string[])]) {
              if (wanted.has(userId)) found.set(`${userId}:${b.id}`, { userId, bookingId: b.id });
            }
          }
        }
        return [...found.values()];
      },
      upcoming: async (roomId, after, limit = 5) =>
        (
          await db.booking.findMany({
            where: { roomId, status: { in: ACTIVE }, end: { gt: new Date(after) } },
            orderBy: { start: 'asc' },
            take: limit,
            select: summary,
          })
        ).map(toSummary),
      activeBetween: async (after, before) =>
        (
          await db.booking.findMany({
            where: { status: { in: ACTIVE }, start: { lte: new Date(before) }, end: { gt: new Date(after) } },
            orderBy: { start: 'asc' },
            take: 20_000,
            select: summary,
          })
        ).map(toSummary),
      dueForSweep: async (now, windowOpensMs) =>
        (
          await db.booking.findMany({
            where: {
              OR: [
                // confirmed: the check-in window is open (presence) or the grace has passed (release)
                { status: 'confirmed', start: { lte: new Date(now + windowOpensMs) } },
                // checked in: natural end or an empty room
                { status: 'checked_in' },
                // R15: a request not answered by its start gives the slot back
                { status: 'pending_approval', start: { lte: new Date(now) } },
              ],
            },
            orderBy: { start: 'asc' },
            take: 5000,
            select: { id: true, roomId: true, status: true, start: true, end: true, checkedInAt: true, lastTapAt: true },
          })
        ).map((b) => ({
          ...b,
          status: b.status as BookingRecord['status'],
          start: b.start.getTime(),
          end: b.end.getTime(),
          checkedInAt: b.checkedInAt?.getTime() ?? null,
          lastTapAt: b.lastTapAt?.getTime() ?? null,
        })),
      change: async (id, expected, patch) => {
        await lockRoom(expected.roomId);
        const r = await db.booking.updateMany({
          where: {
            id,
            status: expected.status,
            end: new Date(expected.end),
            lastTapAt: expected.lastTapAt === null ? null : new Date(expected.lastTapAt),
          },
          data: dates(patch, ['start', 'end', 'scheduledEnd', 'checkedInAt', 'lastTapAt', 'closedAt', 'approvedAt']),
        });
        return r.count === 1;
      },
    },
    attendance: {
      list: async (bookingId) =>
        (await db.attendance.findMany({ where: { bookingId }, orderBy: [{ role: 'desc' }, { userId: 'asc' }] })).map(toAttendance),
      signIn: async (bookingId, userId, status, at) =>
        (await db.attendance.updateMany({ where: { bookingId, userId, status: 'expected' }, data: { status, at: new Date(at) } })).count === 1,
      mark: async (bookingId, userId, patch) =>
        (await db.attendance.updateMany({ where: { bookingId, userId }, data: dates(patch, ['at', 'leftAt']) })).count === 1,
      markAbsent: async (bookingId) => (await db.attendance.updateMany({ where: { bookingId, status: 'expected' }, data: { status: 'absent' } })).count,
      setAttendees: async (bookingId, attendees) => {
        await db.attendance.deleteMany({ where: { bookingId, role: 'attendee', userId: { notIn: attendees } } });
        const have = new Set((await db.attendance.findMany({ where: { bookingId }, select: { userId: true } })).map((a) => a.userId));
        const add = attendees.filter((u) => !have.has(u));
        if (add.length) await db.attendance.createMany({ data: add.map((userId) => ({ bookingId, userId, role: 'attendee' })) });
        await db.booking.update({ where: { id: bookingId }, data: { attendeeIds: JSON.stringify(attendees) } });
      },
    },
    faults: {
      create: async (f) => toFault(await db.fault.create({ data: faultRow(f) })),
      get: async (id) => {
        const f = await db.fault.findUnique({ where: { id } });
        return f && toFault(f);
      },
      list: async (f) =>
        (
          await db.fault.findMany({
            where: {
              ...(f.roomId ? { roomId: f.roomId } : {}),
              ...(f.statuses ? { status: { in: [...f.statuses] } } : {}),
            },
            orderBy: { createdAt: 'desc' },
            take: 1000,
          })
        ).map(toFault),
      change: async (id, expectedStatus, f) =>
        (await db.fault.updateMany({ where: { id, status: expectedStatus }, data: faultRow(f) })).count === 1,
    },
    feeds: {
      of: async (ownerKind, ownerId) => {
        const f = await db.calendarFeed.findUnique({ where: { ownerKind_ownerId: { ownerKind, ownerId } } });
        return f?.token ?? null;
      },
      byToken: async (token) => {
        const f = await db.calendarFeed.findUnique({ where: { token } });
        return f && { kind: f.ownerKind as 'room' | 'user', id: f.ownerId };
      },
      set: async (ownerKind, ownerId, token) => {
        await db.calendarFeed.deleteMany({ where: { ownerKind, ownerId } });
        await db.calendarFeed.create({ data: { token, ownerKind, ownerId } });
      },
    },
    series: {
      create: async (x) => {
        const { attendees, ...row } = x;
        return toSeries(await db.series.create({ data: { ...dates(row, ['createdAt', 'endedFrom']), attendeeIds: JSON.stringify(attendees) } as never }));
      },
      get: async (id) => {
        const x = await db.series.findUnique({ where: { id } });
        return x && toSeries(x);
      },
      update: async (id, patch) => {
        const { attendees, ...rest } = patch;
        return toSeries(await db.series.update({ where: { id }, data: { ...dates(rest, ['createdAt', 'endedFrom']), ...(attendees ? { attendeeIds: JSON.stringify(attendees) } : {}) } }));
      },
    },
    inspections: {
      plan: async (roomId) => {
        const p = await db.inspectionPlan.findUnique({ where: { roomId } });
        return p && toInspectionPlan(p);
      },
      plans: async () => (await db.inspectionPlan.findMany()).map(toInspectionPlan),
      putPlan: async (p) =>
        toInspectionPlan(
          await db.inspectionPlan.upsert({
            where: { roomId: p.roomId },
            create: { roomId: p.roomId, everyDays: p.everyDays, checklist: JSON.stringify(p.checklist), createdAt: new Date(p.createdAt) },
            update: { everyDays: p.everyDays, checklist: JSON.stringify(p.checklist) },
          }),
        ),
      record: async (i) =>
        toInspection(
          await db.inspection.create({
            data: { id: i.id, roomId: i.roomId, at: new Date(i.at), by: i.by, result: i.result, items: JSON.stringify(i.items), notes: i.notes },
          }),
        ),
      list: async (roomId, limit = 100) =>
        (await db.inspection.findMany({ where: { roomId }, orderBy: { at: 'desc' }, take: limit })).map(toInspection),
      latest: async () => {
        const rows = await db.inspection.groupBy({ by: ['roomId'], _max: { at: true } });
        return new Map(rows.map((r) => [r.roomId, r._max.at!.getTime()]));
      },
      lastResults: async (roomIds) => {
        // Each room's latest inspection by a join, not an IN list of every room: 1,000 rooms pass
        // SQLite's bound on query parameters, and older inspections are never read.
        const wanted = new Set(roomIds);
        const latest = await db.$queryRaw<{ roomId: string; result: string }[]>`
          SELECT i."roomId", i."result" FROM "Inspection" i
          JOIN (SELECT "roomId", MAX("at") AS "at" FROM "Inspection" GROUP BY "roomId") m ON m."roomId" = i."roomId" AND m."at" = i."at"`;
        const out = new Map<string, 'pass' | 'fail'>();
        for (const r of latest) if (wanted.has(r.roomId) && !out.has(r.roomId)) out.set(r.roomId, r.result as 'pass' | 'fail');
        return out;
      },
    },
    inbox: {
      claim: async (key, at) => {
        // ON CONFLICT DO NOTHING: a taken id must not abort a PostgreSQL transaction. Two hubs
        // claiming one id at once: the second waits for the first to commit, then finds it taken.
        const inserted = await db.$queryRaw<{ key: string }[]>`INSERT INTO "ProcessedMessage" ("key", "at") VALUES (${key}, ${new Date(at)}) ON CONFLICT ("key") DO NOTHING RETURNING "key"`;
        if (inserted.length === 1) return { fresh: true };
        const row = await db.processedMessage.findUnique({ where: { key }, select: { response: true } });
        return { fresh: false, response: row?.response ?? null };
      },
      saveResponse: async (key, response) => {
        await db.processedMessage.update({ where: { key }, data: { response } });
      },
      recordFailure: async (key, at, payload, error) => {
        await db.processedMessage.upsert({
          where: { key },
          create: { key, at: new Date(at), payload, failed: error },
          update: { payload, failed: error },
        });
      },
      prune: async (before) => (await db.processedMessage.deleteMany({ where: { at: { lt: new Date(before) } } })).count,
    },
    events: {
      list: async (f) =>
        (
          await db.eventLog.findMany({
            where: {
              ...(f.from !== undefined || f.to !== undefined ? { at: { ...(f.from !== undefined ? { gte: new Date(f.from) } : {}), ...(f.to !== undefined ? { lt: new Date(f.to) } : {}) } } : {}),
              ...(f.actor ? { actor: f.actor } : {}),
              ...(f.type ? (f.type.endsWith('.') ? { type: { startsWith: f.type } } : { type: f.type }) : {}),
              ...(f.roomId ? { roomId: f.roomId } : {}),
              ...(f.bookingId ? { bookingId: f.bookingId } : {}),
              ...(f.before !== undefined ? { id: { lt: f.before } } : {}),
            },
            orderBy: { id: 'desc' },
            take: f.limit,
          })
        ).map((e) => ({ id: e.id, at: e.at.getTime(), actor: e.actor, type: e.type, roomId: e.roomId, bookingId: e.bookingId, data: JSON.parse(e.data) as unknown })),
      append: async (entries) => {
        if (entries.length === 0) return;
        await db.eventLog.createMany({
          data: entries.map((e) => ({ at: new Date(e.at), actor: e.actor, type: e.type, roomId: e.roomId ?? null, bookingId: e.bookingId ?? null, data: JSON.stringify(e.data ?? {}) })),
        });
      },
    },
    notifications: {
      add: async (rows) => {
        if (rows.length === 0) return;
        await db.notification.createMany({ data: rows.map((n) => ({ at: new Date(n.at), userId: n.userId, kind: n.kind, data: JSON.stringify(n.data) })) });
      },
      due: async (now, limit) =>
        (
          await db.notification.findMany({
            where: { sentAt: null, OR: [{ nextAttemptAt: null }, { nextAttemptAt: { lte: new Date(now) } }] },
            orderBy: { id: 'asc' },
            take: limit,
          })
        ).map(toNotification),
      claim: async (id, expectedAttempts, retryAt) =>
        (await db.notification.updateMany({ where: { id, sentAt: null, attempts: expectedAttempts }, data: { attempts: { increment: 1 }, nextAttemptAt: new Date(retryAt) } })).count === 1,
      sent: async (id, at) => {
        await db.notification.update({ where: { id }, data: { sentAt: new Date(at), lastError: null } });
      },
      failed: async (id, error) => {
        await db.notification.update({ where: { id }, data: { lastError: error.slice(0, 1000) } });
      },
      skipped: async (id, at, why) => {
        await db.notification.update({ where: { id }, data: { sentAt: new Date(at), skipped: why } });
      },
      list: async (f) =>
        (
          await db.notification.findMany({
            where: { ...(f.userId ? { userId: f.userId } : {}), ...(f.pending ? { sentAt: null } : {}) },
            orderBy: { id: 'desc' },
            take: f.limit,
          })
        ).map(toNotification),
    },
  };
  return guardStore(store);
}

/** Every call of every repository translates database refusals (one place, both providers). */
function guardStore(store: Store): Store {
  const out: Record<string, Record<string, unknown>> = {};
  for (const [name, repo] of Object.entries(store) as [string, Record<string, (...a: unknown[]) => Promise<unknown>>][]) {
    out[name] = Object.fromEntries(Object.entries(repo).map(([m, fn]) => [m, (...args: unknown[]) => guarded(() => fn(...args))]));
  }
  return out as unknown as Store;
}
