/** Contract §7: usage analytics over a date range. */
import { z } from 'zod';
import { entityId, isoTime } from './common.js';

export const analyticsQuery = z.object({
  from: isoTime,
  to: isoTime,
  room: entityId.optional(),
  /** `csv`: the per-room figures as text/csv. */
  format: z.enum(['json', 'csv']).optional(),
});

const figures = {
  bookings: z.number().int(),
  bookedHours: z.number(),
  checkedIn: z.number().int(),
  noShows: z.number().int(),
  ghostEnded: z.number().int(),
  releasedHours: z.number(),
  /** Hours in use (checked-in meetings). */
  usedHours: z.number(),
  /** Opening hours in the period: booked or used hours over these are the utilisation. */
  openHours: z.number(),
};

export const analytics = z.object({
  from: isoTime,
  to: isoTime,
  rooms: z.array(z.object({ room: z.string(), ...figures })),
  totals: z.object(figures),
  weeks: z.array(z.object({ week: z.string(), bookings: z.number().int(), noShows: z.number().int(), noShowRate: z.number() })),
  /** [ISO weekday 1-7 at 0-6][hour 0-23]: hours rooms were in use (checked-in meetings). */
  heatmap: z.array(z.array(z.number())),
});

export type AnalyticsDto = z.infer<typeof analytics>;
