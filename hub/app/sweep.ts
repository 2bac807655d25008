/**
 * The timer work of contract §4, done by looking at the clock rather than by
 * keeping timers in memory: at start-up and then periodically the hub asks
 * "what is due now?", so whatever fell due while it was down happens at once.
 */
import { presenceEvidenceTime } from '../domain/lifecycle.js';
import { applyEvent } from './apply-transition.js';
import type { AppDeps } from './deps.js';

export interface SweepResult {
  examined: number;
  changed: number;
}

export async function sweep(deps: AppDeps): Promise<SweepResult> {
  const now = deps.clock.now();
  const due = await deps.store.bookings.dueForSweep(now, deps.policy.checkInOpensMs, deps.policy.noShowGraceMs);
  if (due.length === 0) return { examined: 0, changed: 0 };
  const sensors = await deps.store.devices.roomsWithSensors();
  let changed = 0;
  for (const booking of due) {
    const room = await deps.store.rooms.get(booking.roomId); // the in-memory room cache
    if (!room) continue;
    try {
      const evidenceAt = sensors.has(room.id) && room.present === true ? presenceEvidenceTime(booking, room.presentSince, now, deps.policy) : null;
      const r = evidenceAt !== null
        ? await applyEvent(deps, booking, { type: 'check_in', evidence: 'presence', at: evidenceAt }, 'system:occupancy')
        : await applyEvent(
            deps,
            booking,
            {
              type: 'tick',
              occupancy: { hasSensor: sensors.has(room.id), absentSince: room.present === false ? room.absentSince : null },
            },
            'system:timer',
          );
      if (r.applied) changed++;
    } catch (err) {
      // One bad booking must not stop the others from being released.
      deps.log.error({ err, bookingId: booking.id }, 'sweep failed for a booking');
    }
  }
  return { examined: due.length, changed };
}
