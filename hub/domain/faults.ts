/**
 * R8-R10: an equipment fault's life, pure. Reported (by a panel or staff),
 * acknowledged by the administration office, in repair, then resolved; or
 * rejected from any open status. Every step, note and change of assignee is
 * kept in the fault's history (who, when). A fault may take its room out of
 * service until it is closed.
 */
import type { FaultStatus } from '../../shared/schemas/faults.js';
import { InvalidError, StateConflictError } from './errors.js';

export interface FaultView {
  status: FaultStatus;
  assignee: string | null;
  outOfService: boolean;
  history: { at: number; by: string; status: FaultStatus; note?: string; assignee?: string | null }[];
  resolvedAt: number | null;
  updatedAt: number;
}

export interface FaultChange {
  status?: 'acknowledged' | 'in_repair' | 'resolved' | 'rejected';
  note?: string;
  assignee?: string | null;
  outOfService?: boolean;
}

/** Where each status may go next. */
export const FAULT_NEXT: Record<FaultStatus, readonly FaultStatus[]> = {
  reported: ['acknowledged', 'in_repair', 'resolved', 'rejected'],
  acknowledged: ['in_repair', 'resolved', 'rejected'],
  in_repair: ['resolved', 'rejected'],
  resolved: [],
  rejected: [],
};

export const isOpen = (s: FaultStatus) => s === 'reported' || s === 'acknowledged' || s === 'in_repair';

/** The fault after `change` by `by` at `now`; throws when the change is not allowed. */
export function changeFault<F extends FaultView>(f: F, change: FaultChange, by: string, now: number): F {
  if (!isOpen(f.status)) throw new StateConflictError(`the fault is ${f.status}`);
  const status = change.status ?? f.status;
  if (status !== f.status && !FAULT_NEXT[f.status].includes(status)) {
    throw new StateConflictError(`a fault that is ${f.status} cannot become ${status}`);
  }
  // R9: a rejected report says why (a duplicate, not a fault...).
  if (status === 'rejected' && !change.note?.trim()) throw new InvalidError('say why the report is rejected', { field: 'note' });
  const assignee = change.assignee !== undefined ? change.assignee : f.assignee;
  if (status === f.status && change.note === undefined && assignee === f.assignee && (change.outOfService ?? f.outOfService) === f.outOfService) {
    throw new InvalidError('nothing to change');
  }
  const closing = !isOpen(status);
  return {
    ...f,
    status,
    assignee,
    // A closed fault keeps no room out of service.
    outOfService: closing ? false : (change.outOfService ?? f.outOfService),
    resolvedAt: closing ? now : f.resolvedAt,
    updatedAt: now,
    history: [
      ...f.history,
      {
        at: now,
        by,
        status,
        ...(change.note !== undefined ? { note: change.note } : {}),
        ...(assignee !== f.assignee ? { assignee } : {}),
      },
    ],
  };
}

/** A room is out of service by hand, or while one of its open faults says so. */
export function effectivelyOutOfService(room: { outOfService: boolean; openFaults: readonly { outOfService: boolean }[] }): boolean {
  return room.outOfService || room.openFaults.some((f) => f.outOfService);
}
