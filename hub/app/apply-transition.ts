/**
 * Runs one state-machine event against a stored booking inside a unit of
 * work: the conditional store update, attendance (G3) and the domain event.
 * Every path that changes a booking's status goes through here; what follows
 * from it (room state, MQTT event, the host's notice, metrics, the log) is
 * the projections' business.
 */
import { ConflictError } from '../domain/errors.js';
import { type LifecycleEvent, type Transition, transition } from '../domain/lifecycle.js';
import type { BookingRecord } from './ports.js';
import type { Work } from './work.js';

export interface Applied {
  booking: BookingRecord;
  result: Transition;
  /** False when the transition lost a race (someone else changed the booking first). */
  applied: boolean;
}

const CLOSING = new Set(['released', 'completed', 'cancelled', 'rejected']);

export async function applyEvent(w: Work, booking: BookingRecord, event: LifecycleEvent, opts: { inSeries?: boolean } = {}): Promise<Applied> {
  const result = transition(booking, event, w.now, w.policy);
  if (result.kind !== 'change') return { booking, result, applied: false };

  const closing = result.patch.status !== undefined && CLOSING.has(result.patch.status);
  const patch = {
    ...result.patch,
    ...(closing ? { closedAt: w.now, closeReason: result.reason ?? result.event } : {}),
    ...(rejectionNote(event) ? { closeNote: rejectionNote(event) } : {}),
    // R15: whoever answered an after-hours request is recorded with it.
    ...(result.event === 'approved' ? { approvedBy: w.actor, approvedAt: w.now } : {}),
  };
  // Contract §4: a conditional update, so a repeated timer, a redelivered
  // message or a second hub cannot apply the same change twice.
  if (!(await w.store.bookings.change(booking.id, booking, patch))) return { booking, result, applied: false };
  const updated: BookingRecord = { ...booking, ...patch };
  if (closing) await w.store.attendance.markAbsent(booking.id); // G3: who never signed in is absent

  switch (result.event) {
    case 'checked_in':
      w.emit({ type: 'booking.checked_in', booking: updated, evidence: patch.checkInEvidence ?? 'panel' });
      break;
    case 'released':
      w.emit({ type: 'booking.released', booking: updated, reason: result.reason ?? 'no_show' });
      break;
    case 'ended':
      w.emit({ type: 'booking.ended', booking: updated, reason: result.reason ?? 'finished' });
      break;
    case 'extended':
      w.emit({ type: 'booking.extended', booking: updated, previousEnd: booking.end });
      break;
    case 'cancelled':
      w.emit({ type: 'booking.cancelled', booking: updated, ...(opts.inSeries ? { inSeries: true } : {}) });
      break;
    case 'approved':
      w.emit({ type: 'booking.approved', booking: updated });
      break;
    case 'rejected':
      w.emit({ type: 'booking.rejected', booking: updated, reason: result.reason ?? 'rejected', note: rejectionNote(event) });
      break;
    case 'tapped':
      break; // only the last tap moved: nothing anyone outside needs to hear
  }
  return { booking: updated, result, applied: true };
}

/** A refused change throws its reason; one that lost a race (the sweep, another panel) says so. */
export function orThrow(r: Applied): Applied {
  if (r.result.kind === 'refused') throw r.result.error;
  if (r.result.kind === 'change' && !r.applied) throw new ConflictError('the meeting changed meanwhile; look again');
  return r;
}

const rejectionNote = (e: LifecycleEvent) => (e.type === 'reject' ? e.note : undefined);
