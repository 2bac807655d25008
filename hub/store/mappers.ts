/** Prisma rows to the records of app/ports.ts (dates to epoch ms, JSON strings parsed). */
import { DEFAULT_OPENING_HOURS, type OpeningPeriod } from '../../shared/schemas/http.js';
import type {
  AttendanceRecord,
  BookingRecord,
  DeviceRecord,
  IntegrationRecord,
  FaultRecord,
  InspectionPlanRecord,
  InspectionRecord,
  RoomRecord,
  SeriesRecord,
  UserRecord,
} from '../app/records.js';
import type { NotificationRecord } from '../app/ports.js';
import type {
  Attendance as AttendanceRow,
  Booking as BookingRow,
  Device as DeviceRow,
  Fault as FaultRow,
  Inspection as InspectionRow,
  Integration as IntegrationRow,
  InspectionPlan as InspectionPlanRow,
  Notification as NotificationRow,
  Room as RoomRow,
  Series as SeriesRow,
  User as UserRow,
} from '../../generated/sqlite/client.js';

const ms = (d: Date | null): number | null => (d === null ? null : d.getTime());

/** Rooms with the same opening hours share one parsed array (the domain memoises on it). */
const HOURS = new Map<string, OpeningPeriod[]>();
function internHours(json: string): OpeningPeriod[] {
  let hours = HOURS.get(json);
  if (!hours) {
    if (HOURS.size > 1000) HOURS.clear();
    HOURS.set(json, (hours = JSON.parse(json) as OpeningPeriod[]));
  }
  return hours;
}

export const toUser = (u: UserRow): UserRecord => ({
  id: u.id,
  username: u.username,
  name: u.name,
  role: u.role as UserRecord['role'],
  department: u.department,
  badgeUid: u.badgeUid,
  email: u.email,
  passwordHash: u.passwordHash,
  locale: u.locale === 'en' || u.locale === 'zh-CN' ? u.locale : null,
  deactivatedAt: ms(u.deactivatedAt),
});

export const toRoom = (r: RoomRow, defaultZone: string): RoomRecord => ({
  id: r.id,
  name: r.name,
  capacity: r.capacity,
  equipment: JSON.parse(r.equipment) as string[],
  timeZone: r.timeZone ?? defaultZone,
  openingHours: r.openingHours ? internHours(r.openingHours) : DEFAULT_OPENING_HOURS,
  outOfService: r.outOfService,
  building: r.building,
  floor: r.floor,
  privateByDefault: r.privateByDefault,
  archivedAt: ms(r.archivedAt),
  openFaults: JSON.parse(r.openFaults) as RoomRecord['openFaults'],
  present: r.present,
  presentSince: ms(r.presentSince),
  absentSince: ms(r.absentSince),
});

export const toIntegration = (i: IntegrationRow): IntegrationRecord => ({
  id: i.id,
  name: i.name,
  tokenHash: i.tokenHash,
  createdAt: i.createdAt.getTime(),
  revokedAt: ms(i.revokedAt),
});

export const toDevice = (d: DeviceRow): DeviceRecord => ({
  id: d.id,
  kind: d.kind as DeviceRecord['kind'],
  roomId: d.roomId,
  name: d.name,
  tokenHash: d.tokenHash,
  status: d.status,
  lastSeenAt: ms(d.lastSeenAt),
  firmware: d.firmware,
  battery: d.battery,
  revokedAt: ms(d.revokedAt),
});

export const toBooking = (b: BookingRow): BookingRecord => ({
  id: b.id,
  roomId: b.roomId,
  hostId: b.hostId,
  title: b.title,
  start: b.start.getTime(),
  end: b.end.getTime(),
  scheduledEnd: b.scheduledEnd.getTime(),
  headcount: b.headcount,
  type: b.type as BookingRecord['type'],
  private: b.private,
  status: b.status as BookingRecord['status'],
  shortNotice: b.shortNotice,
  checkedInAt: ms(b.checkedInAt),
  checkInEvidence: b.checkInEvidence as BookingRecord['checkInEvidence'],
  lastTapAt: ms(b.lastTapAt),
  closedAt: ms(b.closedAt),
  closeReason: b.closeReason,
  closeNote: b.closeNote,
  idempotencyKey: b.idempotencyKey,
  createdBy: b.createdBy,
  createdAt: b.createdAt.getTime(),
  attendees: JSON.parse(b.attendeeIds) as string[],
  approvedBy: b.approvedBy,
  approvedAt: ms(b.approvedAt),
  seriesId: b.seriesId,
  occurrenceStart: ms(b.occurrenceStart),
});

export const toFault = (f: FaultRow): FaultRecord => ({
  id: f.id,
  roomId: f.roomId,
  equipment: f.equipment,
  description: f.description,
  status: f.status as FaultRecord['status'],
  reportedBy: f.reportedBy,
  assignee: f.assignee,
  outOfService: f.outOfService,
  createdAt: f.createdAt.getTime(),
  updatedAt: (f.updatedAt ?? f.createdAt).getTime(),
  resolvedAt: ms(f.resolvedAt),
  history: JSON.parse(f.history) as FaultRecord['history'],
});

export const toInspectionPlan = (p: InspectionPlanRow): InspectionPlanRecord => ({
  roomId: p.roomId,
  everyDays: p.everyDays,
  checklist: JSON.parse(p.checklist) as InspectionPlanRecord['checklist'],
  createdAt: p.createdAt.getTime(),
});

export const toInspection = (i: InspectionRow): InspectionRecord => ({
  id: i.id,
  roomId: i.roomId,
  at: i.at.getTime(),
  by: i.by,
  result: i.result as InspectionRecord['result'],
  items: JSON.parse(i.items) as InspectionRecord['items'],
  notes: i.notes,
});

export const toSeries = (s: SeriesRow): SeriesRecord => ({
  id: s.id,
  roomId: s.roomId,
  hostId: s.hostId,
  title: s.title,
  rrule: s.rrule,
  localStart: s.localStart,
  durationMs: s.durationMs,
  timeZone: s.timeZone,
  headcount: s.headcount,
  attendees: JSON.parse(s.attendeeIds) as string[],
  private: s.private,
  type: s.type as SeriesRecord['type'],
  createdBy: s.createdBy,
  createdAt: s.createdAt.getTime(),
  endedFrom: ms(s.endedFrom),
});

export const toNotification = (n: NotificationRow): NotificationRecord => ({
  id: n.id,
  at: n.at.getTime(),
  userId: n.userId,
  kind: n.kind,
  data: JSON.parse(n.data) as Record<string, unknown>,
  sentAt: ms(n.sentAt),
  attempts: n.attempts,
  nextAttemptAt: ms(n.nextAttemptAt),
  lastError: n.lastError,
  skipped: n.skipped,
});

export const toAttendance = (a: AttendanceRow): AttendanceRecord => ({
  bookingId: a.bookingId,
  userId: a.userId,
  role: a.role as AttendanceRecord['role'],
  status: a.status as AttendanceRecord['status'],
  at: ms(a.at),
  leftAt: ms(a.leftAt),
  leaveGranted: a.leaveGranted,
  markedBy: a.markedBy,
});

/** Epoch ms (or null) to Date for writes; undefined stays undefined. */
export function dates<T extends object>(patch: T, keys: string[]): Record<string, unknown> {
  const out = { ...patch } as Record<string, unknown>;
  for (const k of keys) {
    const v = out[k];
    if (typeof v === 'number') out[k] = new Date(v);
  }
  return out;
}
