/** What the use cases know of stored things: plain records, times as epoch milliseconds. */
import type {
  AttendanceStatus,
  BookingStatus,
  BookingType,
  CheckInEvidence,
  DeviceKindName,
  UserRole,
} from '../../shared/enums.js';
import type { OpeningPeriod } from '../../shared/schemas/http.js';
import type { PlannedEdit } from '../domain/booking-edit.js';
import type { FaultStatus } from '../../shared/schemas/faults.js';

export interface UserRecord {
  id: string;
  username: string;
  name: string;
  role: UserRole;
  department: string | null;
  badgeUid: string | null;
  email: string | null;
  passwordHash: string | null;
  /** The language of their mail; null: the hub's default. */
  locale: 'zh-CN' | 'en' | null;
  /** Set when the person was deactivated (DELETE /api/users/{id}): no sign-in, history kept. */
  deactivatedAt: number | null;
}

export interface RoomRecord {
  id: string;
  name: string;
  capacity: number;
  equipment: string[];
  timeZone: string;
  openingHours: OpeningPeriod[];
  outOfService: boolean;
  building: string | null;
  floor: string | null;
  /** G4: new bookings of the room are private unless the booker says otherwise. */
  privateByDefault: boolean;
  /** Archived: history kept, no new bookings, off the site view. */
  archivedAt: number | null;
  /** Its open faults (R9), as its state shows them; one with `outOfService` takes the room out of service. */
  openFaults: OpenFault[];
  present: boolean | null;
  presentSince: number | null;
  absentSince: number | null;
}

export type RoomPresence = Pick<RoomRecord, 'present' | 'presentSince' | 'absentSince'>;

export interface OpenFault {
  id: string;
  equipment: string;
  status: 'reported' | 'acknowledged' | 'in_repair';
  outOfService: boolean;
}

export interface DeviceRecord {
  id: string;
  kind: DeviceKindName;
  roomId: string;
  name: string | null;
  tokenHash: string;
  status: string;
  lastSeenAt: number | null;
  firmware: string | null;
  battery: number | null;
  revokedAt: number | null;
}

/** Issue 13: a read-only MQTT account (Home Assistant, Node-RED, a dashboard): room states and events only. */
export interface IntegrationRecord {
  id: string;
  name: string;
  tokenHash: string;
  createdAt: number;
  revokedAt: number | null;
}

export interface BookingRecord {
  id: string;
  roomId: string;
  hostId: string;
  title: string;
  start: number;
  end: number;
  scheduledEnd: number;
  headcount: number;
  type: BookingType;
  private: boolean;
  status: BookingStatus;
  shortNotice: boolean;
  checkedInAt: number | null;
  checkInEvidence: CheckInEvidence | null;
  lastTapAt: number | null;
  closedAt: number | null;
  closeReason: string | null;
  /** R15: the administration office's words on a rejection. */
  closeNote: string | null;
  idempotencyKey: string | null;
  createdBy: string | null;
  createdAt: number;
  /** Attendee user ids (the host not included). */
  attendees: string[];
  /** R15: who approved it after hours, and when (an admin's own: themselves, at once). */
  approvedBy: string | null;
  approvedAt: number | null;
  /** G1: the series it is an occurrence of, and that occurrence's original start. */
  seriesId: string | null;
  occurrenceStart: number | null;
}

/** What a room's state needs of a booking. */
export type BookingSummary = Pick<BookingRecord, 'id' | 'roomId' | 'title' | 'private' | 'start' | 'end'> & { status: 'confirmed' | 'checked_in' | 'pending_approval' };

/** What a timer decision (contract §4) needs of a booking. */
export type SweepCandidate = Pick<BookingRecord, 'id' | 'roomId' | 'status' | 'start' | 'end' | 'checkedInAt' | 'lastTapAt'>;

export interface FaultHistoryEntry {
  at: number;
  by: string;
  status: FaultStatus;
  note?: string;
  assignee?: string | null;
}

export interface FaultRecord {
  id: string;
  roomId: string;
  equipment: string;
  description: string;
  status: FaultStatus;
  reportedBy: string;
  assignee: string | null;
  /** While open, the room is out of service because of it. */
  outOfService: boolean;
  createdAt: number;
  updatedAt: number;
  resolvedAt: number | null;
  history: FaultHistoryEntry[];
}

export interface ChecklistItem {
  id: string;
  label: string;
}

export interface InspectionPlanRecord {
  roomId: string;
  everyDays: number;
  checklist: ChecklistItem[];
  createdAt: number;
}

export interface InspectionItemResult {
  item: string;
  label: string;
  result: 'pass' | 'fail' | 'na';
  note?: string;
  faultId?: string;
}

export interface InspectionRecord {
  id: string;
  roomId: string;
  at: number;
  by: string;
  result: 'pass' | 'fail';
  items: InspectionItemResult[];
  notes: string | null;
}

export interface AttendanceRecord {
  bookingId: string;
  userId: string;
  role: 'host' | 'attendee';
  status: AttendanceStatus;
  at: number | null;
  /** G3: left before the end, and whether the host gave leave. */
  leftAt: number | null;
  leaveGranted: boolean | null;
  /** M4: set by the host or a delegate rather than a badge (`user:<id>`). */
  markedBy: string | null;
}

/** What a use case needs to know of the device a message came from (known since CONNECT). */
export type DeviceRef = Pick<DeviceRecord, 'id' | 'roomId'>;

export type NewBooking = Omit<BookingRecord, 'checkedInAt' | 'checkInEvidence' | 'lastTapAt' | 'closedAt' | 'closeReason' | 'closeNote' | 'createdAt' | 'status'> & {
  status: 'confirmed' | 'pending_approval';
};

/** A change of a stored booking: an edit (domain/booking-edit.ts) or a life-cycle step. */
export interface BookingChange extends Omit<PlannedEdit, 'status'> {
  status?: BookingStatus;
  approvedBy?: string | null;
  approvedAt?: number | null;
  checkedInAt?: number;
  checkInEvidence?: CheckInEvidence;
  lastTapAt?: number;
  closedAt?: number;
  closeReason?: string;
  closeNote?: string;
}

export interface BookingFilter {
  roomId?: string;
  from?: number;
  to?: number;
  status?: BookingStatus;
  /** Bookings this person hosts or attends ("my meetings"). */
  person?: string;
  /** Only those starting in [from, to) (analytics), not all that overlap it. */
  startingIn?: boolean;
  limit?: number;
}

/** G1: a recurring meeting; each occurrence is a booking with its seriesId. */
export interface SeriesRecord {
  id: string;
  roomId: string;
  hostId: string;
  title: string;
  rrule: string;
  /** The first occurrence's start, local to `timeZone` (2026-12-07T09:00). */
  localStart: string;
  durationMs: number;
  timeZone: string;
  headcount: number;
  attendees: string[];
  private: boolean;
  type: 'regular' | 'adhoc';
  createdBy: string;
  createdAt: number;
  /** Cancelled from this occurrence on; null while it runs. */
  endedFrom: number | null;
}
