/**
 * The ports the use cases talk to. Adapters (Prisma store, Aedes publisher,
 * clocks) implement them; the use cases never import Prisma or Aedes.
 */
import type {
  AttendanceStatus,
  BookingStatus,
  BookingType,
  CheckInEvidence,
  DeviceKindName,
  UserRole,
} from '../../shared/enums.js';
import type { OpeningPeriod } from '../../shared/schemas/http.js';
import type { RoomEventPayload, RoomStatePayload } from '../../shared/schemas/mqtt.js';

export interface Clock {
  now(): number;
}

export interface UserRecord {
  id: string;
  username: string;
  name: string;
  role: UserRole;
  department: string | null;
  badgeUid: string | null;
  passwordHash: string | null;
}

export interface RoomRecord {
  id: string;
  name: string;
  capacity: number;
  equipment: string[];
  timeZone: string;
  openingHours: OpeningPeriod[];
  outOfService: boolean;
  present: boolean | null;
  presentSince: number | null;
  absentSince: number | null;
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
  idempotencyKey: string | null;
  createdBy: string | null;
  createdAt: number;
  /** Attendee user ids (the host not included). */
  attendees: string[];
}

export interface FaultRecord {
  id: string;
  roomId: string;
  equipment: string;
  description: string;
  status: string;
  reportedBy: string;
  createdAt: number;
  resolvedAt: number | null;
}

export interface AttendanceRecord {
  bookingId: string;
  userId: string;
  role: 'host' | 'attendee';
  status: AttendanceStatus;
  at: number | null;
}

/** What a use case needs to know of the device a message came from (known since CONNECT). */
export type DeviceRef = Pick<DeviceRecord, 'id' | 'roomId'>;

export type NewBooking = Omit<
  BookingRecord,
  'checkedInAt' | 'checkInEvidence' | 'lastTapAt' | 'closedAt' | 'closeReason' | 'createdAt' | 'status'
>;

export interface BookingChange {
  status?: BookingStatus;
  end?: number;
  checkedInAt?: number;
  checkInEvidence?: CheckInEvidence;
  lastTapAt?: number;
  closedAt?: number;
  closeReason?: string;
}

export interface BookingFilter {
  roomId?: string;
  from?: number;
  to?: number;
  status?: BookingStatus;
  limit?: number;
}

export interface Store {
  users: {
    create(u: UserRecord): Promise<UserRecord>;
    byId(id: string): Promise<UserRecord | null>;
    byUsername(username: string): Promise<UserRecord | null>;
    byBadge(uid: string): Promise<UserRecord | null>;
    list(): Promise<UserRecord[]>;
    count(): Promise<number>;
  };
  sessions: {
    create(id: string, userId: string, expiresAt: number): Promise<void>;
    userFor(id: string, now: number): Promise<UserRecord | null>;
  };
  rooms: {
    create(r: Omit<RoomRecord, 'present' | 'presentSince' | 'absentSince'>): Promise<RoomRecord>;
    get(id: string): Promise<RoomRecord | null>;
    list(): Promise<RoomRecord[]>;
    update(id: string, patch: Partial<Omit<RoomRecord, 'id'>>): Promise<RoomRecord>;
    /** Atomically increments and returns the room's state sequence number. */
    nextSeq(id: string): Promise<number>;
    /** The same for many rooms in one statement (the minute republish). */
    nextSeqMany(ids: string[]): Promise<Map<string, number>>;
  };
  devices: {
    create(d: DeviceRecord): Promise<DeviceRecord>;
    get(id: string): Promise<DeviceRecord | null>;
    list(): Promise<DeviceRecord[]>;
    update(id: string, patch: Partial<Omit<DeviceRecord, 'id'>>): Promise<void>;
    /** Rooms that have at least one occupancy sensor online. */
    roomsWithSensors(): Promise<Set<string>>;
  };
  bookings: {
    /** Inserts atomically; throws ConflictError when an active booking overlaps (database-enforced). */
    create(b: NewBooking): Promise<BookingRecord>;
    get(id: string): Promise<BookingRecord | null>;
    byIdempotencyKey(key: string): Promise<BookingRecord | null>;
    list(f: BookingFilter): Promise<BookingRecord[]>;
    /** Confirmed and checked-in bookings of a room that end after `after`. */
    activeForRoom(roomId: string, after: number, limit?: number): Promise<BookingRecord[]>;
    /** Active bookings of every room that start before `before` and end after `after` (what time alone can change). */
    activeBetween(after: number, before: number): Promise<BookingRecord[]>;
    /** Active bookings that may need a timer decision at `now`. */
    dueForSweep(now: number, windowOpensMs: number, graceMs: number): Promise<BookingRecord[]>;
    /**
     * Conditional update: applies only while the booking still has the status,
     * end and last tap the decision was made on (contract §4). Returns false
     * when someone else changed it first; throws ConflictError when it would overlap.
     */
    change(id: string, expected: Pick<BookingRecord, 'status' | 'end' | 'lastTapAt'>, patch: BookingChange): Promise<boolean>;
  };
  attendance: {
    list(bookingId: string): Promise<AttendanceRecord[]>;
    /** Marks the first sign-in only: returns false when already signed in. */
    signIn(bookingId: string, userId: string, status: 'on_time' | 'late', at: number): Promise<boolean>;
    /** G3: everyone still expected when the meeting closes is absent. */
    markAbsent(bookingId: string): Promise<number>;
  };
  faults: {
    create(f: { id: string; roomId: string; equipment: string; description: string; reportedBy: string }): Promise<void>;
    list(f: { roomId?: string; status?: string }): Promise<FaultRecord[]>;
  };
  processed: {
    /** Records a device message id; returns the stored response when it was seen before. */
    claim(key: string, at: number): Promise<{ fresh: true } | { fresh: false; response: string | null }>;
    saveResponse(key: string, response: string): Promise<void>;
    /** Forgets ids older than `before` (redelivery and reader queues are far younger). */
    prune(before: number): Promise<number>;
  };
  events: {
    append(e: { at: number; actor: string; type: string; roomId?: string; bookingId?: string; data?: unknown }): Promise<void>;
  };
  notifications: {
    add(n: { at: number; userId: string; kind: string; data: unknown }): Promise<void>;
  };
  close(): Promise<void>;
}

/** Where hub output goes: the MQTT adapter implements it with retained messages. */
export interface Publisher {
  roomState(roomId: string, state: RoomStatePayload): Promise<void>;
  roomEvent(roomId: string, event: RoomEventPayload): Promise<void>;
}

export interface Metrics {
  count(name: MetricName, labels?: Record<string, string>): void;
}
export type MetricName =
  | 'bookings_created'
  | 'booking_conflicts'
  | 'check_ins'
  | 'releases'
  | 'ghost_releases'
  | 'sign_ins'
  | 'faults_reported';
