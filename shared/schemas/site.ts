/**
 * The live site view of the dashboard: a tile per room, as a snapshot
 * (`GET /api/site`) and then as changes (`GET /api/site/stream`,
 * server-sent events `tile`, each one room's whole tile).
 */
import { z } from 'zod';
import { isoTime } from './common.js';
import { DEVICE_HEALTH, room } from './http.js';
import { roomStatePayload } from './mqtt.js';
import { OPEN_FAULT_STATUSES } from './faults.js';

export const siteTile = z.object({
  room: room,
  /** The state the room's panel shows (contract §2), or null before the first one. */
  state: roomStatePayload.nullable(),
  occupancy: z.object({ present: z.boolean().nullable(), since: isoTime.nullable() }),
  faults: z.array(z.object({ id: z.string(), equipment: z.string(), status: z.enum(OPEN_FAULT_STATUSES) })),
  devices: z.array(z.object({ id: z.string(), kind: z.string(), health: z.enum(DEVICE_HEALTH) })),
  inspection: z.object({ dueAt: isoTime, overdue: z.boolean() }),
});

export const site = z.object({ at: isoTime, tiles: z.array(siteTile) });

export type SiteTile = z.infer<typeof siteTile>;
export type SiteDto = z.infer<typeof site>;
