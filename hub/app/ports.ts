/**
 * The ports the use cases talk to. Adapters (the Prisma store, the Aedes
 * publisher, clocks) implement them; the use cases never import Prisma or Aedes.
 */
import type { RoomEventPayload, RoomStatePayload } from '../../shared/schemas/mqtt.js';
import type {
  AttendanceRecord,
  BookingChange,
  BookingFilter,
  BookingRecord,
  BookingSummary,
  DeviceRecord,
  IntegrationRecord,
  SweepCandidate,
  FaultRecord,
  InspectionPlanRecord,
  InspectionRecord,
  NewBooking,
  RoomPresence,
  SeriesRecord,
  RoomRecord,
  UserRecord,
} from './records.js';

export type * from './records.js';
export type * from './meeting-records.js';
import type { MeetingStore } from './meeting-ports.js';

export interface Clock {
  now(): number;
}

/** The identity of what a booking's conditional update was decided on (contract §4). */
export type BookingVersion = Pick<BookingRecord, 'roomId' | 'status' | 'end' | 'lastTapAt'>;

/**
 * The database, as one transaction sees it. Writes that would break an
 * invariant the database enforces throw a DomainError (ConflictError for an
 * overlap, DuplicateError for a taken unique key), never a driver error.
 */
export interface Store extends MeetingStore {
  users: {
    create(u: UserRecord): Promise<UserRecord>;
    byId(id: string): Promise<UserRecord | null>;
    byUsername(username: string): Promise<UserRecord | null>;
    byBadge(uid: string): Promise<UserRecord | null>;
    list(): Promise<UserRecord[]>;
    count(): Promise<number>;
    update(id: string, patch: Partial<Omit<UserRecord, 'id'>>): Promise<UserRecord>;
    /**
     * M1: bookings sharing a person are written one at a time (PostgreSQL row
     * locks, in one order). Returns the people found.
     */
    lock(ids: readonly string[]): Promise<UserRecord[]>;
  };
  sessions: {
    create(id: string, userId: string, expiresAt: number): Promise<void>;
    /** The session's user while it is valid and the user active. */
    userFor(id: string, now: number): Promise<UserRecord | null>;
    endAllOf(userId: string): Promise<number>;
    end(id: string): Promise<void>;
  };
  rooms: {
    create(r: Omit<RoomRecord, keyof RoomPresence>): Promise<RoomRecord>;
    get(id: string): Promise<RoomRecord | null>;
    list(): Promise<RoomRecord[]>;
    update(id: string, patch: Partial<Omit<RoomRecord, 'id'>>): Promise<RoomRecord>;
    /**
     * Serialises writers of one room's bookings until the transaction ends
     * (PostgreSQL: a row lock, so exclusion checks never wait on each other and
     * cannot deadlock; SQLite: writers are serial already). The lock reserves
     * the room's next state seq: the unit of work publishes a state for every
     * room it locked, so no seq is ever skipped.
     */
    lock(id: string): Promise<void>;
    /** The rooms this transaction locked. */
    locked(): Promise<string[]>;
    /** Atomically increments and returns the room's state sequence number (or the one its lock reserved). */
    nextSeq(id: string): Promise<number>;
  };
  devices: {
    create(d: DeviceRecord): Promise<DeviceRecord>;
    get(id: string): Promise<DeviceRecord | null>;
    list(): Promise<DeviceRecord[]>;
    update(id: string, patch: Partial<Omit<DeviceRecord, 'id'>>): Promise<DeviceRecord>;
    /** Marks devices seen at `at` (batched activity); a never-seen device becomes online. */
    touch(ids: string[], at: number): Promise<void>;
    /**
     * Per room, when an occupancy sensor that may speak for it (not revoked,
     * not `offline` or `lost`) was last heard from (contract §2).
     */
    sensorsLastHeard(): Promise<Map<string, number>>;
  };
  /** Issue 13: read-only MQTT accounts of integrations. */
  integrations: {
    create(i: IntegrationRecord): Promise<IntegrationRecord>;
    get(id: string): Promise<IntegrationRecord | null>;
    list(): Promise<IntegrationRecord[]>;
    update(id: string, patch: Partial<Omit<IntegrationRecord, 'id'>>): Promise<IntegrationRecord>;
  };
  bookings: {
    /** Inserts atomically; throws ConflictError when an active booking overlaps (database-enforced). */
    create(b: NewBooking): Promise<BookingRecord>;
    get(id: string): Promise<BookingRecord | null>;
    byIdempotencyKey(key: string): Promise<BookingRecord | null>;
    list(f: BookingFilter): Promise<BookingRecord[]>;
    /** Confirmed and checked-in bookings of a room that end after `after`. */
    activeForRoom(roomId: string, after: number, limit?: number): Promise<BookingRecord[]>;
    /** The room's active bookings overlapping [start, end) (a series checks each occurrence before it books it). */
    overlapping(roomId: string, start: number, end: number): Promise<BookingRecord[]>;
    /** G1: a series' occurrences, by start. */
    ofSeries(seriesId: string): Promise<BookingRecord[]>;
    /** M1: which of `people` (host or attendee) have an active booking overlapping [start, end). */
    busy(people: string[], start: number, end: number, exceptId?: string): Promise<{ userId: string; bookingId: string }[]>;
    /** The room's confirmed and checked-in bookings ending after `after`, as a room's state needs them. */
    upcoming(roomId: string, after: number, limit?: number): Promise<BookingSummary[]>;
    /** Active bookings of every room that start before `before` and end after `after` (what time alone can change). */
    activeBetween(after: number, before: number): Promise<BookingSummary[]>;
    /** Active bookings that may need a timer decision at `now`: what the decision needs of them. */
    dueForSweep(now: number, windowOpensMs: number): Promise<SweepCandidate[]>;
    /**
     * Conditional update: applies only while the booking still has the status,
     * end and last tap the decision was made on (contract §4). Returns false
     * when someone else changed it first; throws ConflictError when it would overlap.
     */
    change(id: string, expected: BookingVersion, patch: BookingChange): Promise<boolean>;
  };
  attendance: {
    list(bookingId: string): Promise<AttendanceRecord[]>;
    /** Marks the first sign-in only: returns false when already signed in. */
    signIn(bookingId: string, userId: string, status: 'on_time' | 'late', at: number): Promise<boolean>;
    /** M4, G3: the host or a delegate keeps the list by hand (a forgotten badge, leaving early). */
    mark(bookingId: string, userId: string, patch: { status?: 'on_time' | 'late' | 'absent'; at?: number | null; leftAt?: number | null; leaveGranted?: boolean | null; markedBy: string }): Promise<boolean>;
    /** G3: everyone still expected when the meeting closes is absent. */
    markAbsent(bookingId: string): Promise<number>;
    /** Replaces the attendee list (the host stays); sign-ins of those who stay are kept. */
    setAttendees(bookingId: string, attendees: string[]): Promise<void>;
  };
  faults: {
    create(f: FaultRecord): Promise<FaultRecord>;
    get(id: string): Promise<FaultRecord | null>;
    list(f: { roomId?: string; statuses?: readonly string[] }): Promise<FaultRecord[]>;
    /** Conditional: writes the fault only while it still has the status the change was decided on. */
    change(id: string, expectedStatus: string, f: FaultRecord): Promise<boolean>;
  };
  /** Contract §5: secret calendar feed tokens, one per room and per person. */
  feeds: {
    of(kind: 'room' | 'user', id: string): Promise<string | null>;
    byToken(token: string): Promise<{ kind: 'room' | 'user'; id: string } | null>;
    /** Replaces the owner's token (rotation: the old URL stops working). */
    set(kind: 'room' | 'user', id: string, token: string): Promise<void>;
  };
  /** G1: recurring meetings. */
  series: {
    create(s: SeriesRecord): Promise<SeriesRecord>;
    get(id: string): Promise<SeriesRecord | null>;
    update(id: string, patch: Partial<Omit<SeriesRecord, 'id'>>): Promise<SeriesRecord>;
  };
  /** R11: inspection plans and records. */
  inspections: {
    plan(roomId: string): Promise<InspectionPlanRecord | null>;
    plans(): Promise<InspectionPlanRecord[]>;
    putPlan(p: InspectionPlanRecord): Promise<InspectionPlanRecord>;
    record(i: InspectionRecord): Promise<InspectionRecord>;
    /** Newest first. */
    list(roomId: string, limit?: number): Promise<InspectionRecord[]>;
    /** When each room was last inspected. */
    latest(): Promise<Map<string, number>>;
    lastResults(roomIds: string[]): Promise<Map<string, 'pass' | 'fail'>>;
  };
  /** The device inbox (contract §2: a redelivered message id is answered, not applied again). */
  inbox: {
    /** Claims a device message id in this transaction; when it was claimed before, returns its stored answer. */
    claim(key: string, at: number): Promise<{ fresh: true } | { fresh: false; response: string | null }>;
    saveResponse(key: string, response: string): Promise<void>;
    /** Keeps a message whose handler failed unexpectedly (a dead letter), so the device can be acknowledged. */
    recordFailure(key: string, at: number, payload: string, error: string): Promise<void>;
    /** Forgets ids older than `before` (redelivery and reader queues are far younger). */
    prune(before: number): Promise<number>;
  };
  events: {
    append(entries: { at: number; actor: string; type: string; roomId?: string; bookingId?: string; data?: unknown }[]): Promise<void>;
    /** The audit log, newest first. `type` ending with a dot is a prefix (`booking.`). */
    list(f: { from?: number; to?: number; actor?: string; type?: string; roomId?: string; bookingId?: string; before?: number; limit: number }): Promise<AuditRecord[]>;
  };
  /** Contract §5: the durable mail outbox. */
  notifications: {
    add(n: { at: number; userId: string; kind: string; data: unknown }[]): Promise<void>;
    /** Due for a (first or next) attempt at `now`, oldest first. */
    due(now: number, limit: number): Promise<NotificationRecord[]>;
    /** Takes a notice for an attempt; false when another sender took it first. */
    claim(id: number, expectedAttempts: number, retryAt: number): Promise<boolean>;
    sent(id: number, at: number): Promise<void>;
    failed(id: number, error: string): Promise<void>;
    skipped(id: number, at: number, why: string): Promise<void>;
    list(f: { userId?: string; pending?: boolean; limit: number }): Promise<NotificationRecord[]>;
  };
}

/**
 * Units of work on the database. Every use case's writes run in one
 * transaction; what leaves the hub is emitted only after it commits.
 */
export interface Transactions {
  /**
   * Runs `work` in one transaction, again from the start when the database
   * asks for a retry (deadlock, serialisation failure). `key` (e.g. `room:alpha`)
   * queues work on one thing in this process, so waiting happens here and
   * not while holding a database connection.
   */
  run<T>(work: (store: Store) => Promise<T>, opts?: { key?: string }): Promise<T>;
  /** Reads outside any transaction (SQLite: never inside another's open transaction). */
  read<T>(work: (store: Store) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface NotificationRecord {
  id: number;
  at: number;
  userId: string;
  kind: string;
  data: Record<string, unknown>;
  sentAt: number | null;
  attempts: number;
  nextAttemptAt: number | null;
  lastError: string | null;
  skipped: string | null;
}

export interface AuditRecord {
  id: number;
  at: number;
  actor: string;
  type: string;
  roomId: string | null;
  bookingId: string | null;
  data: unknown;
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
  | 'faults_reported'
  | 'listener_failures';
