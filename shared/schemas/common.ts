import { z } from 'zod';
import { ID_PATTERN } from '../topics.js';

/** ISO 8601 time with a zone offset or `Z` (contract §2: `at`, §3: booking times). */
export const isoTime = z.iso.datetime({ offset: true });
export const entityId = z.string().regex(ID_PATTERN, 'use 1-64 of A-Z a-z 0-9 _ -');
/** Client-chosen message id, unique per device: makes QoS 1 redelivery idempotent. */
export const messageId = z.string().min(1).max(128);
export const errorBody = z.object({
  code: z.string(),
  message: z.string(),
  details: z.unknown().optional(),
});
export type ErrorBody = z.infer<typeof errorBody>;
