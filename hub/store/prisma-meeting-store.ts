/**
 * The meeting life cycle's part of the Store port on Prisma (contract §8),
 * for SQLite and PostgreSQL alike. Full-text search of archived minutes (C8):
 * SQLite keeps an FTS5 table beside the rows, PostgreSQL a GIN index over
 * `to_tsvector('english', searchText)` (both made by the migration).
 */
import type { MeetingStore } from '../app/meeting-ports.js';
import type { ActionRecord, AgendaItemRecord, MaterialRecord, MeetingRecord, MinutesRecord, VoteRecord } from '../app/meeting-records.js';
import { fts5Query, websearchQuery } from '../domain/meetings/search-text.js';
import type {
  ActionItem as ActionRow,
  AgendaItem as AgendaRow,
  Decision as DecisionRow,
  Material as MaterialRow,
  Meeting as MeetingRow,
  Minutes as MinutesRow,
  Vote as VoteRow,
} from '../../generated/sqlite/client.js';
import type { Provider } from './migrate.js';
import type { DbClient } from './prisma-store.js';

const ms = (d: Date | null): number | null => (d === null ? null : d.getTime());
const date = (n: number | null) => (n === null ? null : new Date(n));

const toMeeting = (m: MeetingRow): MeetingRecord => ({
  bookingId: m.bookingId,
  seriesId: m.seriesId,
  delegateId: m.delegateId,
  minuteTakerId: m.minuteTakerId,
  ccDepartments: JSON.parse(m.ccDepartments) as string[],
  department: m.department,
  next:
    m.nextTopic && m.nextStart && m.nextEnd && m.nextRoomId
      ? { topic: m.nextTopic, start: m.nextStart.getTime(), end: m.nextEnd.getTime(), roomId: m.nextRoomId, bookingId: m.nextBookingId }
      : null,
  materialsRemindedAt: ms(m.materialsRemindedAt),
});
const meetingRow = (m: MeetingRecord) => ({
  bookingId: m.bookingId,
  seriesId: m.seriesId,
  delegateId: m.delegateId,
  minuteTakerId: m.minuteTakerId,
  ccDepartments: JSON.stringify(m.ccDepartments),
  department: m.department,
  nextTopic: m.next?.topic ?? null,
  nextStart: m.next ? new Date(m.next.start) : null,
  nextEnd: m.next ? new Date(m.next.end) : null,
  nextRoomId: m.next?.roomId ?? null,
  nextBookingId: m.next?.bookingId ?? null,
  materialsRemindedAt: date(m.materialsRemindedAt),
});

const toAgenda = (i: AgendaRow): AgendaItemRecord => ({
  id: i.id,
  bookingId: i.bookingId,
  section: i.section as AgendaItemRecord['section'],
  position: i.position,
  title: i.title,
  notes: i.notes,
  presenterId: i.presenterId,
  createdBy: i.createdBy,
  createdAt: i.createdAt.getTime(),
});

const toMaterial = (m: Omit<MaterialRow, 'content'>): MaterialRecord => ({
  id: m.id,
  bookingId: m.bookingId,
  name: m.name,
  mimeType: m.mimeType,
  size: m.size,
  sha256: m.sha256,
  uploadedBy: m.uploadedBy,
  uploadedAt: m.uploadedAt.getTime(),
  late: m.late,
});
const MATERIAL_META = { id: true, bookingId: true, name: true, mimeType: true, size: true, sha256: true, uploadedBy: true, uploadedAt: true, late: true } as const;

const toVote = (v: VoteRow): VoteRecord => ({
  id: v.id,
  bookingId: v.bookingId,
  agendaItemId: v.agendaItemId,
  question: v.question,
  options: JSON.parse(v.options) as string[],
  status: v.status as VoteRecord['status'],
  openedBy: v.openedBy,
  openedAt: v.openedAt.getTime(),
  closedAt: ms(v.closedAt),
  result: v.result ? (JSON.parse(v.result) as VoteRecord['result']) : null,
});

const toDecision = (d: DecisionRow) => ({ ...d, deadline: d.deadline.getTime(), createdAt: d.createdAt.getTime() });

const toAction = (a: ActionRow): ActionRecord => ({
  id: a.id,
  bookingId: a.bookingId,
  seriesId: a.seriesId,
  decisionId: a.decisionId,
  text: a.text,
  ownerId: a.ownerId,
  department: a.department,
  deadline: a.deadline.getTime(),
  status: a.status as ActionRecord['status'],
  plan: a.plan,
  progress: JSON.parse(a.progress) as ActionRecord['progress'],
  problems: JSON.parse(a.problems) as ActionRecord['problems'],
  report: a.report,
  completedAt: ms(a.completedAt),
  evaluation: a.evaluation ? (JSON.parse(a.evaluation) as ActionRecord['evaluation']) : null,
  overdueReason: a.overdueReason,
  remedy: a.remedy,
  analysedAt: ms(a.analysedAt),
  overdueNotifiedAt: ms(a.overdueNotifiedAt),
  createdBy: a.createdBy,
  createdAt: a.createdAt.getTime(),
  updatedAt: a.updatedAt.getTime(),
});
const actionRow = (a: ActionRecord) => ({
  id: a.id,
  bookingId: a.bookingId,
  seriesId: a.seriesId,
  decisionId: a.decisionId,
  text: a.text,
  ownerId: a.ownerId,
  department: a.department,
  deadline: new Date(a.deadline),
  status: a.status,
  plan: a.plan,
  progress: JSON.stringify(a.progress),
  problems: JSON.stringify(a.problems),
  report: a.report,
  completedAt: date(a.completedAt),
  evaluation: a.evaluation ? JSON.stringify(a.evaluation) : null,
  overdueReason: a.overdueReason,
  remedy: a.remedy,
  analysedAt: date(a.analysedAt),
  overdueNotifiedAt: date(a.overdueNotifiedAt),
  createdBy: a.createdBy,
  createdAt: new Date(a.createdAt),
  updatedAt: new Date(a.updatedAt),
});

const toMinutes = (m: MinutesRow): MinutesRecord => ({
  bookingId: m.bookingId,
  status: m.status as MinutesRecord['status'],
  text: m.text,
  version: m.version,
  minuteTakerId: m.minuteTakerId,
  meetingStart: m.meetingStart.getTime(),
  meetingEnd: m.meetingEnd.getTime(),
  draftDue: m.draftDue.getTime(),
  distributeDue: m.distributeDue.getTime(),
  submittedAt: ms(m.submittedAt),
  approvedAt: ms(m.approvedAt),
  approvedBy: m.approvedBy,
  returnedReason: m.returnedReason,
  draftRemindedAt: ms(m.draftRemindedAt),
  distributeRemindedAt: ms(m.distributeRemindedAt),
  draftMissedAt: ms(m.draftMissedAt),
  distributeMissedAt: ms(m.distributeMissedAt),
  archive: m.archive ? (JSON.parse(m.archive) as MinutesRecord['archive']) : null,
});
const minutesRow = (m: MinutesRecord) => ({
  bookingId: m.bookingId,
  status: m.status,
  text: m.text,
  version: m.version,
  minuteTakerId: m.minuteTakerId,
  meetingStart: new Date(m.meetingStart),
  meetingEnd: new Date(m.meetingEnd),
  draftDue: new Date(m.draftDue),
  distributeDue: new Date(m.distributeDue),
  submittedAt: date(m.submittedAt),
  approvedAt: date(m.approvedAt),
  approvedBy: m.approvedBy,
  returnedReason: m.returnedReason,
  draftRemindedAt: date(m.draftRemindedAt),
  distributeRemindedAt: date(m.distributeRemindedAt),
  draftMissedAt: date(m.draftMissedAt),
  distributeMissedAt: date(m.distributeMissedAt),
  archive: m.archive ? JSON.stringify(m.archive) : null,
});

const between = (from?: number, to?: number) =>
  from === undefined && to === undefined ? {} : { meetingStart: { ...(from !== undefined ? { gte: new Date(from) } : {}), ...(to !== undefined ? { lt: new Date(to) } : {}) } };

export function createMeetingStore(db: DbClient, provider: Provider): MeetingStore {
  return {
    meetings: {
      get: async (bookingId) => {
        const m = await db.meeting.findUnique({ where: { bookingId } });
        return m && toMeeting(m);
      },
      put: async (m) => {
        const row = meetingRow(m);
        return toMeeting(await db.meeting.upsert({ where: { bookingId: m.bookingId }, create: row, update: row }));
      },
      materialsReminderDue: async (before, after) => {
        // Meetings with materials, starting in (after, before], not yet reminded: one join, no IN list.
        const ids = await db.$queryRaw<{ bookingId: string }[]>`
          SELECT m."bookingId" FROM "Meeting" m JOIN "Booking" b ON b."id" = m."bookingId"
          WHERE m."materialsRemindedAt" IS NULL AND b."start" > ${new Date(after)} AND b."start" <= ${new Date(before)}
            AND EXISTS (SELECT 1 FROM "Material" x WHERE x."bookingId" = m."bookingId")
          LIMIT 500`;
        return ids.length ? (await db.meeting.findMany({ where: { bookingId: { in: ids.map((r) => r.bookingId) } } })).map(toMeeting) : [];
      },
    },
    agenda: {
      list: async (bookingId) => (await db.agendaItem.findMany({ where: { bookingId }, orderBy: [{ section: 'asc' }, { position: 'asc' }] })).map(toAgenda),
      get: async (id) => {
        const i = await db.agendaItem.findUnique({ where: { id } });
        return i && toAgenda(i);
      },
      create: async (i) => toAgenda(await db.agendaItem.create({ data: { ...i, createdAt: new Date(i.createdAt) } })),
      update: async (items) => {
        for (const i of items) {
          await db.agendaItem.update({ where: { id: i.id }, data: { section: i.section, position: i.position, title: i.title, notes: i.notes, presenterId: i.presenterId } });
        }
      },
      remove: async (id) => void (await db.agendaItem.delete({ where: { id } })),
    },
    materials: {
      list: async (bookingId) => (await db.material.findMany({ where: { bookingId }, select: MATERIAL_META, orderBy: { uploadedAt: 'asc' } })).map(toMaterial),
      get: async (id) => {
        const m = await db.material.findUnique({ where: { id } });
        return m && { ...toMaterial(m), content: new Uint8Array(m.content) };
      },
      add: async (m) => {
        const { content, ...meta } = m;
        await db.material.create({ data: { ...meta, uploadedAt: new Date(meta.uploadedAt), content: Buffer.from(content) as never } });
      },
      remove: async (id) => void (await db.material.delete({ where: { id } })),
      totalSize: async (bookingId) => (await db.material.aggregate({ where: { bookingId }, _sum: { size: true } }))._sum.size ?? 0,
    },
    votes: {
      list: async (bookingId) => (await db.vote.findMany({ where: { bookingId }, orderBy: { openedAt: 'asc' } })).map(toVote),
      get: async (id) => {
        const v = await db.vote.findUnique({ where: { id } });
        return v && toVote(v);
      },
      create: async (v) =>
        toVote(
          await db.vote.create({
            data: { ...v, options: JSON.stringify(v.options), openedAt: new Date(v.openedAt), closedAt: date(v.closedAt), result: v.result ? JSON.stringify(v.result) : null },
          }),
        ),
      close: async (id, at, result) => (await db.vote.updateMany({ where: { id, status: 'open' }, data: { status: 'closed', closedAt: new Date(at), result: JSON.stringify(result) } })).count === 1,
      ballots: async (voteId) => (await db.ballot.findMany({ where: { voteId }, orderBy: { at: 'asc' } })).map((b) => ({ userId: b.userId, choice: b.choice, at: b.at.getTime() })),
      cast: async (voteId, userId, choice, at) => {
        await db.ballot.upsert({ where: { voteId_userId: { voteId, userId } }, create: { voteId, userId, choice, at: new Date(at) }, update: { choice, at: new Date(at) } });
      },
    },
    decisions: {
      list: async (bookingId) => (await db.decision.findMany({ where: { bookingId }, orderBy: { createdAt: 'asc' } })).map(toDecision),
      create: async (d) => toDecision(await db.decision.create({ data: { ...d, deadline: new Date(d.deadline), createdAt: new Date(d.createdAt) } })),
    },
    actions: {
      get: async (id) => {
        const a = await db.actionItem.findUnique({ where: { id } });
        return a && toAction(a);
      },
      list: async (f) =>
        (
          await db.actionItem.findMany({
            where: {
              ...(f.ownerId ? { ownerId: f.ownerId } : {}),
              ...(f.bookingId ? { bookingId: f.bookingId } : {}),
              ...(f.seriesId ? { seriesId: f.seriesId } : {}),
              ...(f.department !== undefined ? { department: f.department } : {}),
              ...(f.unnotified ? { overdueNotifiedAt: null } : {}),
              ...(f.overdueAt !== undefined ? { status: { not: 'done' }, deadline: { lt: new Date(f.overdueAt) } } : f.status ? { status: f.status } : {}),
            },
            orderBy: [{ deadline: 'asc' }, { id: 'asc' }],
            take: f.limit ?? 1000,
          })
        ).map(toAction),
      create: async (a) => toAction(await db.actionItem.create({ data: actionRow(a) })),
      change: async (id, expectedUpdatedAt, a) => (await db.actionItem.updateMany({ where: { id, updatedAt: new Date(expectedUpdatedAt) }, data: actionRow(a) })).count === 1,
      markOverdueNotified: async (id, at) => (await db.actionItem.updateMany({ where: { id, overdueNotifiedAt: null }, data: { overdueNotifiedAt: new Date(at) } })).count === 1,
    },
    minutes: {
      get: async (bookingId) => {
        const m = await db.minutes.findUnique({ where: { bookingId } });
        return m && toMinutes(m);
      },
      ensure: async (m) => {
        // ON CONFLICT DO NOTHING: two sweeps (or hubs) opening the same minutes must not abort a transaction.
        const r = minutesRow(m);
        const inserted = await db.$queryRaw<{ bookingId: string }[]>`
          INSERT INTO "Minutes" ("bookingId", "status", "text", "version", "minuteTakerId", "meetingStart", "meetingEnd", "draftDue", "distributeDue", "updatedAt")
          VALUES (${r.bookingId}, ${r.status}, ${r.text}, ${r.version}, ${r.minuteTakerId}, ${r.meetingStart}, ${r.meetingEnd}, ${r.draftDue}, ${r.distributeDue}, ${new Date()})
          ON CONFLICT ("bookingId") DO NOTHING RETURNING "bookingId"`;
        return inserted.length === 1;
      },
      change: async (bookingId, expected, m) =>
        (await db.minutes.updateMany({ where: { bookingId, status: expected.status, version: expected.version }, data: minutesRow(m) })).count === 1,
      mark: async (bookingId, field, at) => (await db.minutes.updateMany({ where: { bookingId, [field]: null }, data: { [field]: new Date(at) } })).count === 1,
      pending: async (endedAfter) =>
        (await db.minutes.findMany({ where: { status: { not: 'approved' }, meetingEnd: { gt: new Date(endedAfter) } }, orderBy: { meetingEnd: 'asc' }, take: 2000 })).map(toMinutes),
      confirmations: async (bookingId) =>
        (await db.minutesConfirmation.findMany({ where: { bookingId }, orderBy: { at: 'asc' } })).map((c) => ({ userId: c.userId, at: c.at.getTime(), comment: c.comment })),
      confirm: async (bookingId, userId, at, comment) => {
        await db.minutesConfirmation.upsert({
          where: { bookingId_userId: { bookingId, userId } },
          create: { bookingId, userId, at: new Date(at), comment },
          update: { at: new Date(at), comment },
        });
      },
      index: async (bookingId, searchText) => {
        await db.minutes.update({ where: { bookingId }, data: { searchText } });
        if (provider === 'sqlite') {
          await db.$executeRaw`DELETE FROM "MinutesSearch" WHERE "bookingId" = ${bookingId}`;
          await db.$executeRaw`INSERT INTO "MinutesSearch" ("bookingId", "body") VALUES (${bookingId}, ${searchText})`;
        }
      },
      search: async ({ terms, from, to, limit }) => {
        if (terms.length === 0) return [];
        const ids =
          provider === 'sqlite'
            ? await db.$queryRaw<{ bookingId: string }[]>`SELECT "bookingId" FROM "MinutesSearch" WHERE "MinutesSearch" MATCH ${fts5Query(terms)} LIMIT 5000`
            : await db.$queryRaw<{ bookingId: string }[]>`
                SELECT "bookingId" FROM "Minutes"
                WHERE "status" = 'approved' AND to_tsvector('english', coalesce("searchText", '')) @@ websearch_to_tsquery('english', ${websearchQuery(terms)})
                LIMIT 5000`;
        const found: MinutesRecord[] = [];
        for (let i = 0; i < ids.length; i += 500) {
          const chunk = ids.slice(i, i + 500).map((r) => r.bookingId);
          found.push(...(await db.minutes.findMany({ where: { bookingId: { in: chunk }, status: 'approved', ...between(from, to) } })).map(toMinutes));
        }
        return found.sort((a, b) => b.meetingStart - a.meetingStart).slice(0, limit);
      },
      archive: async ({ from, to, before, limit }) =>
        (
          await db.minutes.findMany({
            where: { status: 'approved', ...between(from, before !== undefined ? Math.min(before, to ?? Infinity) : to) },
            orderBy: { meetingStart: 'desc' },
            take: limit,
          })
        ).map(toMinutes),
      olderThan: async (before, limit) =>
        (await db.minutes.findMany({ where: { meetingStart: { lt: new Date(before) } }, select: { bookingId: true }, orderBy: { meetingStart: 'asc' }, take: limit })).map((m) => m.bookingId),
      dispose: async (bookingId) => {
        const votes = (await db.vote.findMany({ where: { bookingId }, select: { id: true } })).map((v) => v.id);
        const removed = {
          minutes: (await db.minutes.deleteMany({ where: { bookingId } })).count,
          agendaItems: (await db.agendaItem.deleteMany({ where: { bookingId } })).count,
          materials: (await db.material.deleteMany({ where: { bookingId } })).count,
          ballots: (await db.ballot.deleteMany({ where: { voteId: { in: votes } } })).count,
          votes: (await db.vote.deleteMany({ where: { bookingId } })).count,
          decisions: (await db.decision.deleteMany({ where: { bookingId } })).count,
          actions: (await db.actionItem.deleteMany({ where: { bookingId } })).count,
          meetings: (await db.meeting.deleteMany({ where: { bookingId } })).count,
        };
        if (provider === 'sqlite') await db.$executeRaw`DELETE FROM "MinutesSearch" WHERE "bookingId" = ${bookingId}`;
        return removed;
      },
    },
  };
}
