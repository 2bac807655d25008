/** Rooms (contract §3): the administration office creates, changes and archives them (R1, R3, R14). */
import { DEFAULT_CHECKLIST, DEFAULT_INSPECTION_EVERY_DAYS } from '../../shared/schemas/inspections.js';
import { NotFoundError } from '../domain/errors.js';
import { type Actor, requireAdmin } from './actor.js';
import { type AppDeps, newId } from './deps.js';
import type { RoomPresence, RoomRecord } from './ports.js';
import { runWork } from './work.js';

export type RoomInput = Omit<RoomRecord, keyof RoomPresence | 'id' | 'openFaults' | 'archivedAt'> & { id?: string };

export async function createRoom(deps: AppDeps, input: RoomInput, actor: Actor): Promise<RoomRecord> {
  requireAdmin(actor);
  const id = input.id ?? newId('room');
  // A taken id is refused by the primary key (DuplicateError, 409), also when two requests race.
  return runWork(
    deps,
    actor.ref,
    async (w) => {
      const room = await w.store.rooms.create({ ...input, id, openFaults: [], archivedAt: null });
      // R11: every room is inspected; the first inspection is due one period after it opens.
      await w.store.inspections.putPlan({ roomId: id, everyDays: DEFAULT_INSPECTION_EVERY_DAYS, checklist: DEFAULT_CHECKLIST, createdAt: w.now });
      w.emit({ type: 'room.created', room });
      return room;
    },
    { room: id },
  );
}

export type RoomPatch = Partial<Omit<RoomInput, 'id'>> & { archived?: boolean };

export async function updateRoom(deps: AppDeps, id: string, patch: RoomPatch, actor: Actor): Promise<RoomRecord> {
  requireAdmin(actor);
  return runWork(
    deps,
    actor.ref,
    async (w) => {
      const before = await w.store.rooms.get(id);
      if (!before) throw new NotFoundError('room', id);
      await w.store.rooms.lock(id);
      const { archived, ...fields } = patch;
      // Archiving keeps the room and its history; it takes no new bookings and leaves the site view.
      const archivedAt = archived === undefined ? undefined : archived ? (before.archivedAt ?? w.now) : null;
      const room = await w.store.rooms.update(id, { ...fields, ...(archivedAt !== undefined ? { archivedAt } : {}) });
      w.emit({ type: 'room.updated', room, changes: patch });
      return room;
    },
    { room: id },
  );
}
