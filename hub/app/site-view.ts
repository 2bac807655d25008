/**
 * The dashboard's live site view (issue 9): a tile per room with its state,
 * occupancy, open faults, device health and inspection, as a snapshot and
 * then as changes. Changes come from the bus and from published room states;
 * a burst of changes to a room is sent once (coalesced), and a republish that
 * changed nothing but its time is not sent at all.
 */
import type { SiteTile } from '../../shared/schemas/site.js';
import type { RoomStatePayload } from '../../shared/schemas/mqtt.js';
import { deviceHealth } from '../domain/device-health.js';
import { type AppDeps, iso } from './deps.js';
import { roomOf } from './events.js';
import { inspectionStatuses } from './inspections.js';
import type { RoomRecord } from './ports.js';

const COALESCE_MS = 200;

export async function siteTiles(deps: AppDeps, only?: ReadonlySet<string>): Promise<SiteTile[]> {
  const rooms = (await deps.reads.rooms.list()).filter((r) => r.archivedAt === null && (!only || only.has(r.id)));
  if (rooms.length === 0) return [];
  const now = deps.clock.now();
  const devices = (await deps.reads.devices.list()).filter((d) => d.revokedAt === null);
  const inspections = await inspectionStatuses(deps, rooms.map((r) => r.id));
  const byRoom = new Map<string, SiteTile['devices']>();
  for (const d of devices) {
    const list = byRoom.get(d.roomId) ?? [];
    list.push({ id: d.id, kind: d.kind, health: deviceHealth(d, deps.activity.isConnected(d.id), now, deps.deviceStaleMs) });
    byRoom.set(d.roomId, list);
  }
  return rooms.map((room) => tileOf(deps, room, byRoom.get(room.id) ?? [], inspections.get(room.id)!));
}

function tileOf(deps: AppDeps, room: RoomRecord, devices: SiteTile['devices'], inspection: { dueAt: number; overdue: boolean }): SiteTile {
  return {
    room: {
      id: room.id,
      name: room.name,
      capacity: room.capacity,
      equipment: room.equipment,
      timeZone: room.timeZone,
      openingHours: room.openingHours,
      outOfService: room.outOfService,
      building: room.building,
      floor: room.floor,
      privateByDefault: room.privateByDefault,
      archived: room.archivedAt !== null,
    },
    state: deps.roomStates.get(room.id) ?? null,
    occupancy: {
      present: room.present,
      since: room.present === true ? nullableIso(room.presentSince) : room.present === false ? nullableIso(room.absentSince) : null,
    },
    faults: room.openFaults.map((f) => ({ id: f.id, equipment: f.equipment, status: f.status })),
    devices,
    inspection: { dueAt: iso(inspection.dueAt), overdue: inspection.overdue },
  };
}

const nullableIso = (ms: number | null) => (ms === null ? null : iso(ms));

/** What a state says apart from when it was sent: a republish that changes nothing is no news. */
const content = (s: RoomStatePayload) => JSON.stringify({ ...s, at: undefined, seq: undefined });

export class SiteFeed {
  private readonly subscribers = new Set<(tiles: SiteTile[]) => void>();
  private readonly pending = new Set<string>();
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly deps: AppDeps) {
    deps.bus.onAny('site-feed', (e) => {
      const room = roomOf(e);
      if (room) this.touch(room);
    });
  }

  /** Called by the room-state board for every state it publishes. */
  statePublished(next: RoomStatePayload, prev: RoomStatePayload | undefined): void {
    if (!prev || content(prev) !== content(next)) this.touch(next.room);
  }

  subscribe(fn: (tiles: SiteTile[]) => void): () => void {
    this.subscribers.add(fn);
    return () => this.subscribers.delete(fn);
  }

  get listeners(): number {
    return this.subscribers.size;
  }

  touch(roomId: string): void {
    if (this.subscribers.size === 0) return;
    this.pending.add(roomId);
    this.timer ??= setTimeout(() => void this.flush(), COALESCE_MS);
  }

  private async flush(): Promise<void> {
    this.timer = null;
    const rooms = new Set(this.pending);
    this.pending.clear();
    try {
      const tiles = await siteTiles(this.deps, rooms);
      for (const fn of this.subscribers) fn(tiles);
    } catch (err) {
      this.deps.log.error({ err }, 'site view update failed');
    }
  }

  close(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.subscribers.clear();
  }
}
