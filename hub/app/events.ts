/**
 * Domain events: what a use case did, in the past tense. Use cases emit them
 * inside their transaction; the audit log is written from them in that same
 * transaction, and the projections (room states and events over MQTT,
 * metrics, logs, caches, the broker) receive them from the bus after commit.
 */
import type { CheckInEvidence } from '../../shared/enums.js';
import { type MeetingEvent, meetingAuditEntry } from './meeting-events.js';
import type { BookingRecord, DeviceRecord, FaultRecord, IntegrationRecord, InspectionPlanRecord, InspectionRecord, RoomRecord, SeriesRecord, UserRecord } from './records.js';

type BookingEvent<T extends string, X = object> = { type: T; booking: BookingRecord } & X;

export type DomainEvent =
  /** `inSeries`: booked as an occurrence of a series, whose own event tells people (one notice, not one per week). */
  | BookingEvent<'booking.created', { inSeries?: boolean }>
  | BookingEvent<'booking.updated', { before: BookingRecord; inSeries?: boolean }>
  | BookingEvent<'booking.checked_in', { evidence: CheckInEvidence }>
  /** Contract §4: no check-in by the end of the grace period (or ended unused). */
  | BookingEvent<'booking.released', { reason: string }>
  | BookingEvent<'booking.ended', { reason: string }>
  | BookingEvent<'booking.extended', { previousEnd: number }>
  | BookingEvent<'booking.cancelled', { inSeries?: boolean }>
  /** R15: an after-hours booking approved, or rejected (by an admin, or not answered by its start). */
  | BookingEvent<'booking.approved'>
  | BookingEvent<'booking.rejected', { reason: string; note?: string }>
  /** G3, M4: an attendee's first badge tap. */
  | BookingEvent<'attendance.signed_in', { user: { id: string; name: string }; status: 'on_time' | 'late'; tapAt: number }>
  | { type: 'series.created'; series: SeriesRecord; booked: BookingRecord[]; skipped: number[] }
  | { type: 'series.changed'; series: SeriesRecord; from: number; changed: BookingRecord[] }
  | { type: 'series.ended'; series: SeriesRecord; from: number; cancelled: BookingRecord[] }
  | { type: 'room.created'; room: RoomRecord }
  | { type: 'room.updated'; room: RoomRecord; changes: Record<string, unknown> }
  | { type: 'room.presence_changed'; room: RoomRecord; by: string }
  | { type: 'user.created'; user: UserRecord }
  | { type: 'user.updated'; user: UserRecord; changes: string[] }
  | { type: 'user.deactivated'; user: UserRecord }
  | { type: 'device.provisioned'; device: DeviceRecord }
  | { type: 'integration.created'; integration: IntegrationRecord }
  | { type: 'integration.revoked'; integration: IntegrationRecord }
  | { type: 'device.revoked'; device: DeviceRecord }
  | { type: 'device.status_changed'; device: DeviceRecord; from: string }
  | { type: 'fault.reported'; fault: FaultRecord }
  | { type: 'fault.changed'; fault: FaultRecord; from: string }
  /** A card nobody holds was tapped on a reader: ignored, except by a badge enrolment waiting on that reader. */
  | { type: 'badge.unknown'; reader: string; roomId: string; uid: string }
  | { type: 'device.token_reissued'; device: DeviceRecord }
  | { type: 'inspection.plan_set'; plan: InspectionPlanRecord }
  | { type: 'inspection.recorded'; inspection: InspectionRecord }
  | MeetingEvent;

export type DomainEventType = DomainEvent['type'];

/** Who did it and when, added by the unit of work. */
export interface Envelope {
  at: number;
  /** `user:<id>`, `device:<id>` or `system:<what>` */
  actor: string;
}
export type Emitted<E extends DomainEvent = DomainEvent> = E & Envelope;
export type EventOf<T extends DomainEventType> = Emitted<Extract<DomainEvent, { type: T }>>;

/** The room an event concerns, if any. */
export function roomOf(e: DomainEvent): string | undefined {
  if ('booking' in e) return e.booking.roomId;
  if ('room' in e) return e.room.id;
  if ('device' in e) return e.device.roomId;
  if ('fault' in e) return e.fault.roomId;
  if ('plan' in e) return e.plan.roomId;
  if ('series' in e) return e.series.roomId;
  if ('inspection' in e) return e.inspection.roomId;
  if (e.type === 'badge.unknown') return e.roomId;
  return undefined;
}

/** Events after which the room's published state must be recomputed. */
export function changesRoomState(e: DomainEvent): boolean {
  return e.type.startsWith('booking.') || e.type.startsWith('fault.') || e.type === 'room.created' || e.type === 'room.updated';
}

/** The audit row of an event (the event log), or null for events too frequent to keep. */
export function auditEntry(e: Emitted): { type: string; roomId?: string; bookingId?: string; data: unknown } | null {
  const roomId = roomOf(e);
  switch (e.type) {
    case 'room.presence_changed':
      return null; // occupancy is state, reported every few minutes by every sensor
    case 'booking.created':
      return { type: e.type, roomId, bookingId: e.booking.id, data: { start: iso(e.booking.start), end: iso(e.booking.end), host: e.booking.hostId } };
    case 'booking.updated':
      return { type: e.type, roomId, bookingId: e.booking.id, data: changedFields(e.before, e.booking) };
    case 'booking.checked_in':
      return { type: e.type, roomId, bookingId: e.booking.id, data: { evidence: e.evidence } };
    case 'booking.released':
    case 'booking.ended':
      return { type: e.type, roomId, bookingId: e.booking.id, data: { reason: e.reason, end: iso(e.booking.end) } };
    case 'booking.extended':
      return { type: e.type, roomId, bookingId: e.booking.id, data: { from: iso(e.previousEnd), to: iso(e.booking.end) } };
    case 'booking.cancelled':
    case 'booking.approved':
      return { type: e.type, roomId, bookingId: e.booking.id, data: {} };
    case 'booking.rejected':
      return { type: e.type, roomId, bookingId: e.booking.id, data: { reason: e.reason, ...(e.note ? { note: e.note } : {}) } };
    case 'attendance.signed_in':
      return { type: e.type, roomId, bookingId: e.booking.id, data: { userId: e.user.id, status: e.status, tapAt: iso(e.tapAt) } };
    case 'series.created':
      return { type: e.type, roomId, data: { id: e.series.id, rrule: e.series.rrule, booked: e.booked.length, skipped: e.skipped.map(iso) } };
    case 'series.changed':
      return { type: e.type, roomId, data: { id: e.series.id, from: iso(e.from), changed: e.changed.length } };
    case 'series.ended':
      return { type: e.type, roomId, data: { id: e.series.id, from: iso(e.from), cancelled: e.cancelled.length } };
    case 'room.created':
      return { type: e.type, roomId, data: { name: e.room.name } };
    case 'room.updated':
      return { type: e.type, roomId, data: e.changes };
    case 'user.created':
    case 'user.deactivated':
      return { type: e.type, data: { id: e.user.id, username: e.user.username } };
    case 'user.updated':
      return { type: e.type, data: { id: e.user.id, fields: e.changes } };
    case 'device.provisioned':
    case 'device.revoked':
      return { type: e.type, roomId, data: { id: e.device.id, kind: e.device.kind } };
    case 'integration.created':
    case 'integration.revoked':
      return { type: e.type, data: { id: e.integration.id, name: e.integration.name } };
    case 'device.status_changed':
      return { type: e.type, roomId, data: { id: e.device.id, from: e.from, to: e.device.status } };
    case 'fault.reported':
      return { type: e.type, roomId, data: { id: e.fault.id, equipment: e.fault.equipment, outOfService: e.fault.outOfService } };
    case 'fault.changed': {
      const last = e.fault.history[e.fault.history.length - 1];
      return { type: e.type, roomId, data: { id: e.fault.id, from: e.from, to: e.fault.status, note: last?.note, assignee: e.fault.assignee, outOfService: e.fault.outOfService } };
    }
    case 'badge.unknown':
      return { type: e.type, roomId, data: { reader: e.reader, uid: e.uid } };
    case 'device.token_reissued':
      return { type: e.type, roomId, data: { id: e.device.id, kind: e.device.kind } };
    case 'inspection.plan_set':
      return { type: e.type, roomId, data: { everyDays: e.plan.everyDays, items: e.plan.checklist.map((c) => c.id) } };
    case 'inspection.recorded':
      return { type: e.type, roomId, data: { id: e.inspection.id, result: e.inspection.result, failed: e.inspection.items.filter((i) => i.result === 'fail').map((i) => i.item) } };
    default:
      return meetingAuditEntry(e);
  }
}

const iso = (ms: number) => new Date(ms).toISOString();

function changedFields(before: BookingRecord, after: BookingRecord): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of ['title', 'start', 'end', 'headcount', 'private', 'attendees'] as const) {
    const a = before[k];
    const b = after[k];
    if (JSON.stringify(a) !== JSON.stringify(b)) out[k] = typeof b === 'number' && (k === 'start' || k === 'end') ? iso(b) : b;
  }
  return out;
}
