/** G1, contract §7: recurring series from an RFC 5545 RRULE, expanded in the room's time zone. */
import { z } from 'zod';
import { BOOKING_STATUSES, BOOKING_TYPES } from '../enums.js';
import { entityId, errorBody, isoTime } from './common.js';

export const seriesCreate = z
  .strictObject({
    room: entityId,
    title: z.string().min(1).max(200),
    /** The first occurrence. */
    start: isoTime,
    end: isoTime,
    /** e.g. `FREQ=WEEKLY;BYDAY=MO;COUNT=10`; at most 100 occurrences within a year. */
    rrule: z.string().min(6).max(300),
    headcount: z.number().int().min(1).max(10000),
    host: z.string().max(128).optional(),
    attendees: z.array(z.string().max(128)).max(500).default([]),
    type: z.enum(BOOKING_TYPES).default('regular'),
    private: z.boolean().optional(),
  })
  .refine((b) => Date.parse(b.end) > Date.parse(b.start), { message: 'end must be after start', path: ['end'] });

export const occurrence = z.object({
  start: isoTime,
  end: isoTime,
  bookingId: z.string().optional(),
  status: z.enum(BOOKING_STATUSES).optional(),
  /** Why this occurrence is not booked (conflict, attendee_busy, outside_opening_hours...). */
  conflict: errorBody.optional(),
});

export const series = z.object({
  id: z.string(),
  room: z.string(),
  host: z.string(),
  title: z.string(),
  rrule: z.string(),
  timeZone: z.string(),
  /** The first occurrence's start in the room's zone (wall-clock time). */
  localStart: z.string(),
  durationMinutes: z.number(),
  headcount: z.number().int(),
  attendees: z.array(z.string()),
  private: z.boolean(),
  endedFrom: isoTime.nullable(),
  occurrences: z.array(occurrence),
});

/** This and following: from the occurrence starting at `from`. */
export const seriesPatch = z.strictObject({
  from: isoTime,
  title: z.string().min(1).max(200).optional(),
  attendees: z.array(z.string().max(128)).max(500).optional(),
  headcount: z.number().int().min(1).max(10000).optional(),
  private: z.boolean().optional(),
  /** A new local time of day and length for this and the following occurrences (G1). */
  time: z.strictObject({ start: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'use HH:mm'), minutes: z.number().int().min(5).max(24 * 60) }).optional(),
});
export const seriesDeleteQuery = z.object({ from: isoTime.optional() });

export type SeriesDto = z.infer<typeof series>;
