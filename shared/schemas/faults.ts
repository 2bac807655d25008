/** R8-R10: equipment faults, reported and followed to repair (contract §6). */
import { z } from 'zod';
import { entityId, isoTime } from './common.js';

/** reported → acknowledged → in_repair → resolved; rejected from any open status. */
export const FAULT_STATUSES = ['reported', 'acknowledged', 'in_repair', 'resolved', 'rejected'] as const;
export const OPEN_FAULT_STATUSES = ['reported', 'acknowledged', 'in_repair'] as const;
export type FaultStatus = (typeof FAULT_STATUSES)[number];

export const faultHistoryEntry = z.object({
  at: isoTime,
  /** `user:<id>`, `device:<id>` or `system:<what>` */
  by: z.string(),
  status: z.enum(FAULT_STATUSES),
  note: z.string().optional(),
  assignee: z.string().nullable().optional(),
});

export const fault = z.object({
  id: z.string(),
  room: z.string(),
  equipment: z.string(),
  description: z.string(),
  status: z.enum(FAULT_STATUSES),
  reportedBy: z.string(),
  /** Who repairs it: a user id, or a name outside the system (a contractor). */
  assignee: z.string().nullable(),
  /** While open, the room is out of service because of it. */
  outOfService: z.boolean(),
  createdAt: isoTime,
  updatedAt: isoTime,
  resolvedAt: isoTime.nullable(),
  history: z.array(faultHistoryEntry),
});

export const faultQuery = z.object({
  room: entityId.optional(),
  /** One status, or `open` for reported, acknowledged and in repair. */
  status: z.enum([...FAULT_STATUSES, 'open']).optional(),
});

/** Staff report a fault themselves (a panel reports with its `report_fault` action). */
export const faultCreate = z.strictObject({
  room: entityId,
  equipment: z.string().min(1).max(64),
  description: z.string().max(2000).default(''),
  outOfService: z.boolean().default(false),
});

export const faultPatch = z.strictObject({
  status: z.enum(['acknowledged', 'in_repair', 'resolved', 'rejected']).optional(),
  note: z.string().max(2000).optional(),
  assignee: z.string().max(100).nullable().optional(),
  outOfService: z.boolean().optional(),
});

export type FaultDto = z.infer<typeof fault>;
export type FaultCreate = z.infer<typeof faultCreate>;
export type FaultPatch = z.infer<typeof faultPatch>;
