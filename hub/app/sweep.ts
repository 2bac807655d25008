/**
 * The timer work of contract §4, done by looking at the clock rather than by
 * keeping timers in memory: at start-up and then periodically the hub asks
 * "what is due now?", so whatever fell due while it was down happens at once.
 * Each booking's decision is its own unit of work.
 *
 * Sensors that go silent (contract §2 HUB_DEVICE_STALE) speak for their room
 * until they go stale: evidence they gave while fresh still counts when the
 * hub looks later (a restart), and once they are stale what they said is
 * forgotten.
 */
import { presenceEvidenceTime } from '../domain/lifecycle.js';
import { applyEvent } from './apply-transition.js';
import type { AppDeps } from './deps.js';
import { forgetPresence } from './handle-occupancy.js';
import { runWork } from './work.js';

export interface SweepResult {
  examined: number;
  changed: number;
}

export async function sweep(deps: AppDeps): Promise<SweepResult> {
  const now = deps.clock.now();
  const heard = await deps.reads.devices.sensorsLastHeard();
  const freshUntil = (room: string) => {
    const at = heard.get(room);
    return at === undefined ? null : at + deps.deviceStaleMs;
  };
  const due = await deps.reads.bookings.dueForSweep(now, deps.policy.checkInOpensMs);
  let changed = 0;
  for (const known of due) {
    try {
      const applied = await runWork(
        deps,
        'system:timer',
        async (w) => {
          const booking = await w.store.bookings.get(known.id);
          const room = await w.store.rooms.get(known.roomId);
          if (!booking || !room) return false;
          const sensorFreshUntil = freshUntil(room.id);
          const presenceAt = room.present === true ? presenceEvidenceTime(booking, room.presentSince, w.now, w.policy) : null;
          const r =
            presenceAt !== null && sensorFreshUntil !== null && presenceAt <= sensorFreshUntil
              ? await applyEvent(w, booking, { type: 'check_in', evidence: 'presence', at: presenceAt })
              : await applyEvent(w, booking, { type: 'tick', occupancy: { sensorFreshUntil, absentSince: room.present === false ? room.absentSince : null } });
          return r.applied;
        },
        { room: known.roomId },
      );
      if (applied) changed++;
    } catch (err) {
      // One bad booking must not stop the others from being released.
      deps.log.error({ err, bookingId: known.id }, 'sweep failed for a booking');
    }
  }
  await forgetSilentSensors(deps, now, freshUntil);
  return { examined: due.length, changed };
}

/** Rooms whose presence is known but whose sensors all went stale: what they said no longer holds. */
async function forgetSilentSensors(deps: AppDeps, now: number, freshUntil: (room: string) => number | null): Promise<void> {
  for (const room of await deps.reads.rooms.list()) {
    if (room.present === null && room.absentSince === null) continue;
    const until = freshUntil(room.id);
    if (until !== null && until > now) continue;
    await runWork(deps, 'system:timer', (w) => forgetPresence(w, room.id, 'system:stale'), { room: room.id });
  }
}
