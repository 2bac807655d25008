/**
 * Runs one state-machine event against a stored booking and carries out what
 * follows: the conditional store update, attendance, the log, the room event,
 * the host's notice and the room's new state. Every path that changes a
 * booking's status goes through here, so the side effects happen once.
 */
import type { CheckInEvidence } from '../../shared/enums.js';
import { type LifecycleEvent, type Transition, transition } from '../domain/lifecycle.js';
import { type AppDeps, iso, newId } from './deps.js';
import type { BookingRecord } from './ports.js';
import { refreshRoomState } from './room-state.js';

export interface Applied {
  booking: BookingRecord;
  result: Transition;
  /** False when the transition lost a race (someone else changed the booking first). */
  applied: boolean;
}

export async function applyEvent(
  deps: AppDeps,
  booking: BookingRecord,
  event: LifecycleEvent,
  actor: string,
): Promise<Applied> {
  const now = deps.clock.now();
  const result = transition(booking, event, now, deps.policy);
  if (result.kind !== 'change') return { booking, result, applied: false };

  const closing = result.patch.status === 'released' || result.patch.status === 'completed' || result.patch.status === 'cancelled';
  const patch = {
    ...result.patch,
    ...(closing ? { closedAt: now, closeReason: result.reason ?? result.event } : {}),
  };
  // Contract §4: a conditional update, so a repeated timer, a redelivered
  // message or a second hub cannot apply the same change twice.
  const applied = await deps.store.bookings.change(booking.id, booking, patch);
  if (!applied) return { booking, result, applied: false };
  const updated: BookingRecord = { ...booking, ...patch } as BookingRecord;
  if (result.event === 'tapped') return { booking: updated, result, applied };

  // The room's panel learns first (the tap-to-panel path); the record keeping follows.
  await refreshRoomState(deps, booking.roomId);
  if (closing) await deps.store.attendance.markAbsent(booking.id); // G3
  await deps.store.events.append({
    at: now,
    actor,
    type: `booking.${result.event}`,
    roomId: booking.roomId,
    bookingId: booking.id,
    data: { from: booking.status, ...patch, reason: result.reason },
  });
  countTransition(deps, result, patch.checkInEvidence);
  await deps.publisher.roomEvent(booking.roomId, {
    id: newId('ev'),
    at: iso(now),
    type: result.event,
    bookingId: booking.id,
    ...(result.reason ? { reason: result.reason } : {}),
    ...(patch.checkInEvidence ? { evidence: patch.checkInEvidence } : {}),
  });
  if (result.event === 'released') {
    // Contract §4: the host is told their booking was released.
    await deps.store.notifications.add({
      at: now,
      userId: booking.hostId,
      kind: 'booking_released',
      data: { bookingId: booking.id, title: booking.title, roomId: booking.roomId, reason: result.reason },
    });
  }
  deps.log.info(
    { bookingId: booking.id, room: booking.roomId, event: result.event, reason: result.reason, actor },
    `booking ${result.event}`,
  );
  return { booking: updated, result, applied };
}

function countTransition(deps: AppDeps, result: Transition & { kind: 'change' }, evidence?: CheckInEvidence) {
  if (result.event === 'checked_in') deps.metrics.count('check_ins', { evidence: evidence ?? 'unknown' });
  if (result.event === 'released') deps.metrics.count('releases', { reason: result.reason ?? '' });
  if (result.event === 'ended' && result.reason === 'room_empty') deps.metrics.count('ghost_releases');
}
