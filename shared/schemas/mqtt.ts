/** zod schemas of every MQTT payload (contract §2). */
import { z } from 'zod';
import { DEVICE_STATES, ROOM_STATUSES } from '../enums.js';
import { entityId, errorBody, isoTime, messageId } from './common.js';

export const deviceStatusPayload = z.object({
  state: z.enum(DEVICE_STATES),
  at: isoTime,
  firmware: z.string().max(64).optional(),
  battery: z.number().min(0).max(100).optional(),
});

const deviceMessage = { id: messageId, at: isoTime };

export const tapPayload = z.object({
  ...deviceMessage,
  /** Card UID in upper-case hex (4, 7 or 10 bytes for ISO 14443A; 5 bytes for EM4100). */
  uid: z.string().regex(/^[0-9A-F]{4,32}$/, 'upper-case hex, 4-32 characters'),
  tech: z.string().max(32).optional(),
});

export const occupancyPayload = z.object({
  ...deviceMessage,
  present: z.boolean(),
  count: z.number().int().min(0).max(10000).optional(),
});

const minutes = z.number().int().min(1).max(24 * 60);

export const panelRequestPayload = z.discriminatedUnion('action', [
  z.object({ ...deviceMessage, action: z.literal('book_now'), minutes, title: z.string().min(1).max(200).optional() }),
  z.object({ ...deviceMessage, action: z.literal('check_in'), uid: tapPayload.shape.uid.optional() }),
  z.object({ ...deviceMessage, action: z.literal('extend'), minutes }),
  z.object({ ...deviceMessage, action: z.literal('end') }),
  // Extension: the hub's time, so a panel shows the hub's clock rather than the tablet's.
  z.object({ ...deviceMessage, action: z.literal('time') }),
  z.object({
    ...deviceMessage,
    action: z.literal('report_fault'),
    equipment: z.string().min(1).max(64),
    description: z.string().max(2000).default(''),
  }),
]);

export const panelResponsePayload = z.object({
  id: z.string(),
  ok: z.boolean(),
  result: z.unknown().optional(),
  error: errorBody.pick({ code: true, message: true }).optional(),
});

const bookingSummary = z.object({
  bookingId: z.string(),
  title: z.string(),
  start: isoTime,
  end: isoTime,
  /** G4: the title is the neutral one. */
  private: z.boolean().optional(),
  /** R15: after hours, waiting for approval. */
  pending: z.boolean().optional(),
});

export const roomStatePayload = z.object({
  room: entityId,
  name: z.string(),
  at: isoTime,
  seq: z.number().int().min(0),
  status: z.enum(ROOM_STATUSES),
  current: bookingSummary
    .extend({ checkedIn: z.boolean(), checkInDeadline: isoTime.optional() })
    .nullable(),
  next: bookingSummary.nullable(),
  freeUntil: isoTime.nullable(),
  // Extensions (contract §2 allows adding): what a door panel needs to show and offer.
  timeZone: z.string().optional(),
  equipment: z.array(z.string()).optional(),
  /** Contract §6: the room's open faults, so a panel says "projector: in repair" instead of taking ten reports. */
  faults: z.array(z.object({ equipment: z.string(), status: z.string() })).optional(),
  capacity: z.number().int().optional(),
  /** The room's meetings from now to the end of its day (its zone), for a panel's day timeline. */
  today: z.array(bookingSummary).optional(),
  /** Open around the clock (no closing time): a panel says so instead of a week-long "free for". */
  openAllHours: z.boolean().optional(),
});

export const ROOM_EVENT_TYPES = [
  'booked',
  'checked_in',
  'signed_in',
  'released',
  'ended',
  'extended',
  'cancelled',
  'fault_reported',
  // R15: an after-hours booking answered.
  'approved',
  'rejected',
  // A card nobody holds was tapped on the room's reader: the panel tells the person so.
  'badge_unknown',
] as const;

export const roomEventPayload = z
  .object({
    id: z.string(),
    at: isoTime,
    type: z.enum(ROOM_EVENT_TYPES),
    bookingId: z.string().optional(),
  })
  .loose();

export type DeviceStatusPayload = z.infer<typeof deviceStatusPayload>;
export type TapPayload = z.infer<typeof tapPayload>;
export type OccupancyPayload = z.infer<typeof occupancyPayload>;
export type PanelRequest = z.infer<typeof panelRequestPayload>;
export type PanelResponse = z.infer<typeof panelResponsePayload>;
export type RoomStatePayload = z.infer<typeof roomStatePayload>;
export type RoomEventPayload = z.infer<typeof roomEventPayload>;
export type RoomEventType = (typeof ROOM_EVENT_TYPES)[number];
