/** zod schemas of every HTTP body and query (contract §3); OpenAPI is generated from these. */
import { z } from 'zod';
import {
  ATTENDANCE_STATUSES,
  BOOKING_STATUSES,
  BOOKING_TYPES,
  DEVICE_KINDS,
  USER_ROLES,
} from '../enums.js';
import { entityId, isoTime } from './common.js';

const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'HH:MM (00:00-24:00)');

export const openingPeriod = z
  .strictObject({
    days: z.array(z.number().int().min(1).max(7)).min(1).max(7),
    open: clock,
    close: clock,
  })
  .refine((p) => p.open < p.close, { message: 'open must be before close', path: ['close'] });

/** R14: default Monday to Friday 08:00-18:00. */
export const DEFAULT_OPENING_HOURS = [{ days: [1, 2, 3, 4, 5], open: '08:00', close: '18:00' }];

export const timeZoneName = z.string().refine(
  (tz) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  },
  { message: 'an IANA time zone name such as Asia/Shanghai' },
);

// Request bodies are strict (contract §3): a field the endpoint does not know is 422, never ignored.
export const roomCreate = z.strictObject({
  id: entityId.optional(),
  name: z.string().min(1).max(100),
  capacity: z.number().int().min(1).max(10000),
  equipment: z.array(z.string().min(1).max(64)).max(50).default([]),
  timeZone: timeZoneName.optional(),
  openingHours: z.array(openingPeriod).max(21).optional(),
  outOfService: z.boolean().optional(),
  /** Where the room is, for the site view (grouped by building, then floor). */
  building: z.string().min(1).max(100).nullable().optional(),
  floor: z.string().min(1).max(32).nullable().optional(),
  /** G4: bookings of this room are private unless the booker says otherwise. */
  privateByDefault: z.boolean().optional(),
  /** An archived room keeps its history but takes no bookings and leaves the site view. */
  archived: z.boolean().optional(),
});
// No defaults in a patch: a field left out stays as it is (zod 4 applies defaults inside .partial()).
export const roomPatch = roomCreate
  .omit({ id: true, equipment: true })
  .extend({ equipment: z.array(z.string().min(1).max(64)).max(50) })
  .partial();
export const room = z.object({
  id: entityId,
  name: z.string(),
  capacity: z.number().int(),
  equipment: z.array(z.string()),
  timeZone: z.string(),
  openingHours: z.array(openingPeriod),
  outOfService: z.boolean(),
  building: z.string().nullable(),
  floor: z.string().nullable(),
  privateByDefault: z.boolean(),
  archived: z.boolean(),
});
export const roomQuery = z.object({ archived: z.enum(['true', 'false', 'all']).optional() });

export const deviceCreate = z.strictObject({
  kind: z.enum(DEVICE_KINDS),
  room: entityId,
  id: entityId.optional(),
  name: z.string().max(100).optional(),
});
/** A device's health as the dashboard shows it: stale = silent longer than HUB_DEVICE_STALE. */
export const DEVICE_HEALTH = ['online', 'offline', 'lost', 'stale', 'never_seen', 'revoked'] as const;
export const device = z.object({
  id: z.string(),
  kind: z.enum(DEVICE_KINDS),
  room: z.string(),
  name: z.string().nullable(),
  status: z.string(),
  health: z.enum(DEVICE_HEALTH),
  /** Connected to this hub now. */
  connected: z.boolean(),
  lastSeenAt: isoTime.nullable(),
  revoked: z.boolean(),
  firmware: z.string().nullable(),
  battery: z.number().nullable(),
});
export const deviceCreated = device.extend({
  token: z.string(),
  /** Panels: a link that opens the door panel already provisioned for this device (shown once, like the token). */
  provisioningUrl: z.string().optional(),
});

/** Issue 13: a read-only MQTT account for integrations (room states and events only). */
export const integrationCreate = z.strictObject({
  id: entityId.optional(),
  name: z.string().min(1).max(100),
});
export const integration = z.object({
  id: z.string(),
  name: z.string(),
  /** The MQTT username: `integration:<id>` (never a device id, which has no colon). */
  mqttUsername: z.string(),
  createdAt: z.string(),
  revokedAt: z.string().nullable(),
});
export const integrationCreated = integration.extend({ token: z.string() });

const badgeUid = z.string().regex(/^[0-9A-F]{4,32}$/, 'upper-case hex card UID');
const email = z.email().max(254);
export const userCreate = z.strictObject({
  id: entityId.optional(),
  username: z.string().min(1).max(64),
  name: z.string().min(1).max(100),
  password: z.string().min(8).max(200).optional(),
  role: z.enum(USER_ROLES).default('member'),
  department: z.string().max(100).optional(),
  badgeUid: badgeUid.optional(),
  email: email.optional(),
  /** The language of their mail (contract §5); the hub's default when left out. */
  locale: z.enum(['zh-CN', 'en']).optional(),
});
/** A lost badge is replaced (a new UID) or cleared (null). */
export const userPatch = z.strictObject({
  name: z.string().min(1).max(100).optional(),
  password: z.string().min(8).max(200).optional(),
  role: z.enum(USER_ROLES).optional(),
  department: z.string().max(100).nullable().optional(),
  badgeUid: badgeUid.nullable().optional(),
  email: email.nullable().optional(),
  locale: z.enum(['zh-CN', 'en']).nullable().optional(),
});
export const user = z.object({
  id: z.string(),
  username: z.string(),
  name: z.string(),
  role: z.enum(USER_ROLES),
  department: z.string().nullable(),
  badgeUid: z.string().nullable(),
  email: z.string().nullable(),
  locale: z.enum(['zh-CN', 'en']).nullable(),
  /** False once deactivated (DELETE): no sign-in, history kept. */
  active: z.boolean(),
});

export const userQuery = z.object({ active: z.enum(['true', 'false', 'all']).optional() });

export const sessionCreate = z.strictObject({ username: z.string().min(1).max(200), password: z.string().min(1).max(1000) });
export const sessionCreated = z.object({ token: z.string(), user });
/** Who is signed in, and the hub's clock (the office app shows times by the hub's clock, as the door panels do). */
export const sessionInfo = z.object({ user, now: isoTime });

export const bookingCreate = z
  .strictObject({
    room: entityId,
    title: z.string().min(1).max(200),
    start: isoTime,
    end: isoTime,
    headcount: z.number().int().min(1).max(10000),
    host: z.string().max(128).optional(),
    attendees: z.array(z.string().max(128)).max(500).default([]),
    type: z.enum(BOOKING_TYPES).default('regular'),
    /** G4; the room's privacy default when left out. */
    private: z.boolean().optional(),
    idempotencyKey: z.string().min(1).max(128).optional(),
  })
  .refine((b) => Date.parse(b.end) > Date.parse(b.start), { message: 'end must be after start', path: ['end'] });

/** The check shown while a booking is filled in: a booking's body, and the booking it would replace when edited. */
export const bookingCheckRequest = z
  .strictObject({ ...bookingCreate.shape, replaces: z.string().min(1).max(128).optional() })
  .refine((b) => Date.parse(b.end) > Date.parse(b.start), { message: 'end must be after start', path: ['end'] });

/** Contract §3 PATCH: title, times, attendees (and headcount, privacy); conflicts as on create. */
export const bookingPatch = z
  .strictObject({
    title: z.string().min(1).max(200).optional(),
    start: isoTime.optional(),
    end: isoTime.optional(),
    headcount: z.number().int().min(1).max(10000).optional(),
    attendees: z.array(z.string().max(128)).max(500).optional(),
    private: z.boolean().optional(),
  })
  .refine((b) => !b.start || !b.end || Date.parse(b.end) > Date.parse(b.start), { message: 'end must be after start', path: ['end'] });

export const attendance = z.object({
  user: z.string(),
  name: z.string().optional(),
  role: z.enum(['host', 'attendee']),
  status: z.enum(ATTENDANCE_STATUSES),
  at: isoTime.optional(),
  /** G3: left before the end (when recorded by the host), and whether with leave. */
  leftAt: isoTime.optional(),
  leaveGranted: z.boolean().optional(),
});
export const booking = z.object({
  id: z.string(),
  room: z.string(),
  title: z.string(),
  start: isoTime,
  end: isoTime,
  headcount: z.number().int(),
  host: z.string(),
  attendees: z.array(z.string()),
  type: z.enum(BOOKING_TYPES),
  private: z.boolean(),
  status: z.enum(BOOKING_STATUSES),
  shortNotice: z.boolean(),
  checkedInAt: isoTime.nullable(),
  checkInEvidence: z.string().nullable(),
  createdAt: isoTime,
  /** R15: who approved it after hours, and when. */
  approvedBy: z.string().nullable(),
  approvedAt: isoTime.nullable(),
  /** Why it closed (no_show, room_empty, rejected, not_approved_in_time...), and the office's words on a rejection (R15). */
  closeReason: z.string().nullable().optional(),
  closeNote: z.string().nullable().optional(),
  /** G1: the series it belongs to. */
  series: z.string().nullable(),
});
export const bookingDetail = booking.extend({ attendance: z.array(attendance) });

export const bookingQuery = z.object({
  room: entityId.optional(),
  from: isoTime.optional(),
  to: isoTime.optional(),
  status: z.enum(BOOKING_STATUSES).optional(),
  /** `true`: the caller's own meetings (hosting or attending). */
  mine: z.enum(['true', 'false']).optional(),
});
export const availabilityQuery = z.object({ from: isoTime, to: isoTime });
export const availability = z.object({
  room: z.string(),
  from: isoTime,
  to: isoTime,
  free: z.array(z.object({ start: isoTime, end: isoTime })),
});

export type RoomCreate = z.infer<typeof roomCreate>;
export type RoomPatch = z.infer<typeof roomPatch>;
export type RoomDto = z.infer<typeof room>;
export type OpeningPeriod = z.infer<typeof openingPeriod>;
export type DeviceCreate = z.infer<typeof deviceCreate>;
export type DeviceDto = z.infer<typeof device>;
export type DeviceHealth = (typeof DEVICE_HEALTH)[number];
export type UserCreate = z.infer<typeof userCreate>;
export type UserDto = z.infer<typeof user>;
export type BookingCreate = z.infer<typeof bookingCreate>;
export type BookingPatch = z.infer<typeof bookingPatch>;
export type UserPatch = z.infer<typeof userPatch>;
export type BookingDto = z.infer<typeof booking>;
export type BookingDetailDto = z.infer<typeof bookingDetail>;
export type AttendanceDto = z.infer<typeof attendance>;

/** R1-R4: rooms free for a meeting, ranked by fit. */
export const roomFindQuery = z.object({
  start: isoTime,
  end: isoTime,
  headcount: z.coerce.number().int().min(1).max(10000),
  /** Needed equipment, comma-separated. */
  equipment: z.string().max(500).optional(),
  building: z.string().max(100).optional(),
  floor: z.string().max(32).optional(),
});
export const roomFound = z.object({
  room,
  /** Outside opening hours then: a booking would wait for approval (R15). */
  needsApproval: z.boolean(),
  spareSeats: z.number().int(),
  extraEquipment: z.array(z.string()),
  nearness: z.enum(['same_floor', 'same_building', 'elsewhere', 'unknown']),
});
export const bookingCheck = z.object({
  ok: z.boolean(),
  problems: z.array(z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() })),
  /** What it would become: confirmed, or pending_approval after hours. */
  status: z.string().optional(),
  shortNotice: z.boolean().optional(),
});
