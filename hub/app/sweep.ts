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
import { type LifecycleEvent, presenceEvidenceTime, transition } from '../domain/lifecycle.js';
import { applyEvent } from './apply-transition.js';
import type { AppDeps } from './deps.js';
import type { RoomRecord, SweepCandidate } from './ports.js';
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
  const rooms = new Map((await deps.reads.rooms.list()).map((r) => [r.id, r]));
  /** What time, presence and absence say of a booking now (pure). */
  const decide = (booking: SweepCandidate, room: RoomRecord, at: number) => {
    const sensorFreshUntil = freshUntil(room.id);
    const presenceAt = room.present === true ? presenceEvidenceTime(booking, room.presentSince, at, deps.policy) : null;
    const event: LifecycleEvent =
      presenceAt !== null && sensorFreshUntil !== null && presenceAt <= sensorFreshUntil
        ? { type: 'check_in', evidence: 'presence', at: presenceAt }
        : { type: 'tick', occupancy: { sensorFreshUntil, absentSince: room.present === false ? room.absentSince : null } };
    return { event, change: transition(booking, event, at, deps.policy).kind === 'change' };
  };
  let changed = 0;
  for (const known of due) {
    const room = rooms.get(known.roomId);
    // Most checked-in meetings need nothing at a given pass: decide on what was read, and
    // open a unit of work only for a change (decided again there, on the current row).
    if (!room || !decide(known, room, now).change) continue;
    try {
      const applied = await runWork(
        deps,
        'system:timer',
        async (w) => {
          const booking = await w.store.bookings.get(known.id);
          const current = await w.store.rooms.get(known.roomId);
          if (!booking || !current) return false;
          return (await applyEvent(w, booking, decide(booking, current, w.now).event)).applied;
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
