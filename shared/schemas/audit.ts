/** The audit log: who created, changed, revoked, approved what and when (issue 9, from the event log). */
import { z } from 'zod';
import { isoTime } from './common.js';

export const auditEntry = z.object({
  id: z.number().int(),
  at: isoTime,
  actor: z.string(),
  type: z.string(),
  room: z.string().nullable(),
  booking: z.string().nullable(),
  data: z.unknown(),
});

export const auditQuery = z.object({
  from: isoTime.optional(),
  to: isoTime.optional(),
  actor: z.string().max(200).optional(),
  /** A type (`device.revoked`) or a prefix ending with a dot (`booking.`). */
  type: z.string().max(64).optional(),
  room: z.string().max(64).optional(),
  /** Entries older than this id (paging, newest first). */
  before: z.coerce.number().int().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export type AuditEntryDto = z.infer<typeof auditEntry>;
