/** Rooms (contract §3): the administration office creates and changes them (R1, R3, R14). */
import { NotFoundError } from '../domain/errors.js';
import { type Actor, requireAdmin } from './actor.js';
import { type AppDeps, newId } from './deps.js';
import type { RoomPresence, RoomRecord } from './ports.js';
import { runWork } from './work.js';

export type RoomInput = Omit<RoomRecord, keyof RoomPresence | 'id'> & { id?: string };

export async function createRoom(deps: AppDeps, input: RoomInput, actor: Actor): Promise<RoomRecord> {
  requireAdmin(actor);
  const id = input.id ?? newId('room');
  // A taken id is refused by the primary key (DuplicateError, 409), also when two requests race.
  return runWork(
    deps,
    actor.ref,
    async (w) => {
      const room = await w.store.rooms.create({ ...input, id });
      w.emit({ type: 'room.created', room });
      return room;
    },
    { room: id },
  );
}

export type RoomPatch = Partial<Omit<RoomInput, 'id'>>;

export async function updateRoom(deps: AppDeps, id: string, patch: RoomPatch, actor: Actor): Promise<RoomRecord> {
  requireAdmin(actor);
  return runWork(
    deps,
    actor.ref,
    async (w) => {
      if (!(await w.store.rooms.get(id))) throw new NotFoundError('room', id);
      await w.store.rooms.lock(id);
      const room = await w.store.rooms.update(id, patch);
      w.emit({ type: 'room.updated', room, changes: patch });
      return room;
    },
    { room: id },
  );
}
