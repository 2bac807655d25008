/** R8-R10: equipment faults reported (by a panel or staff) and followed to repair by the administration office. */
import type { FaultStatus } from '../../shared/schemas/faults.js';
import { NotFoundError, ConflictError, InvalidError } from '../domain/errors.js';
import { changeFault, type FaultChange, isOpen } from '../domain/faults.js';
import { type Actor, requireAdmin } from './actor.js';
import { type AppDeps, newId } from './deps.js';
import type { FaultRecord, OpenFault } from './ports.js';
import { runWork, type Work } from './work.js';

export interface FaultReport {
  roomId: string;
  equipment: string;
  description: string;
  outOfService?: boolean;
}

/** R9: a fault is reported for repair at once; the room's state shows it from now on. */
export async function reportFault(w: Work, r: FaultReport): Promise<FaultRecord> {
  const room = await w.store.rooms.get(r.roomId);
  if (!room) throw new NotFoundError('room', r.roomId);
  if (room.equipment.length > 0 && !room.equipment.includes(r.equipment) && r.equipment !== 'other' && !w.actor.startsWith('user:')) {
    // A panel offers only the room's equipment; staff may name anything (an inspection item, the door).
    throw new InvalidError(`this room has no ${r.equipment}; pick one of ${room.equipment.join(', ')} or other`);
  }
  const fault = await w.store.faults.create({
    id: newId('flt'),
    roomId: room.id,
    equipment: r.equipment,
    description: r.description,
    status: 'reported',
    reportedBy: w.actor,
    assignee: null,
    outOfService: r.outOfService ?? false,
    createdAt: w.now,
    updatedAt: w.now,
    resolvedAt: null,
    history: [{ at: w.now, by: w.actor, status: 'reported', ...(r.description ? { note: r.description } : {}) }],
  });
  await syncOpenFaults(w, room.id);
  w.emit({ type: 'fault.reported', fault });
  return fault;
}

export async function reportFaultAsStaff(deps: AppDeps, r: FaultReport, actor: Actor): Promise<FaultRecord> {
  requireAdmin(actor);
  return runWork(deps, actor.ref, (w) => reportFault(w, r), { room: r.roomId });
}

/** The administration office moves a fault along (acknowledged, in repair, resolved, rejected), notes, assigns. */
export async function changeFaultOf(deps: AppDeps, id: string, change: FaultChange, actor: Actor): Promise<FaultRecord> {
  requireAdmin(actor);
  const known = await deps.reads.faults.get(id);
  if (!known) throw new NotFoundError('fault', id);
  return runWork(
    deps,
    actor.ref,
    async (w) => {
      const before = await w.store.faults.get(id);
      if (!before) throw new NotFoundError('fault', id);
      const after = changeFault(before, change, actor.ref, w.now);
      if (!(await w.store.faults.change(id, before.status, after))) throw new ConflictError('the fault changed meanwhile; look again');
      await syncOpenFaults(w, after.roomId);
      w.emit({ type: 'fault.changed', fault: after, from: before.status });
      return after;
    },
    { room: known.roomId },
  );
}

/** The room's row keeps its open faults (contract §6), in the same transaction as the faults. */
async function syncOpenFaults(w: Work, roomId: string): Promise<void> {
  const open: OpenFault[] = (await w.store.faults.list({ roomId, statuses: OPEN }))
    .sort((a, b) => a.createdAt - b.createdAt)
    .map((f) => ({ id: f.id, equipment: f.equipment, status: f.status as OpenFault['status'], outOfService: f.outOfService }));
  await w.store.rooms.update(roomId, { openFaults: open });
}

const OPEN: FaultStatus[] = ['reported', 'acknowledged', 'in_repair'];
export { isOpen };
