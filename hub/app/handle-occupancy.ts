/**
 * Occupancy reports (contract §4): presence sustained inside the check-in
 * window checks the meeting in; absence starts the ghost-meeting clock.
 * The room row keeps when presence began or ended, so restarts lose nothing.
 * A report that changes nothing (sensors repeat themselves every few
 * minutes) costs no database write: its effect is already recorded.
 */
import { presenceEvidenceTime } from '../domain/lifecycle.js';
import { applyEvent } from './apply-transition.js';
import { type AppDeps, deviceTime } from './deps.js';
import { currentBooking } from './handle-badge-tap.js';
import type { DeviceRef, RoomRecord } from './ports.js';
import { runWork, type Work } from './work.js';
import { markOnline } from './devices.js';

const CHECK_IN_LOOK_INTERVAL_MS = 5_000;

/** When a presence check-in was last looked for, per room: at most every few seconds. */
export class PresenceLooks {
  private readonly last = new Map<string, number>();
  due(roomId: string, now: number): boolean {
    if (now - (this.last.get(roomId) ?? Number.NEGATIVE_INFINITY) < CHECK_IN_LOOK_INTERVAL_MS) return false;
    this.last.set(roomId, now);
    return true;
  }
  forget(roomId: string): void {
    this.last.delete(roomId);
  }
}

export async function reportOccupancy(deps: AppDeps, sensor: DeviceRef, present: boolean, reportedAt: number): Promise<void> {
  const now = deps.clock.now();
  deps.activity.heard(sensor.id, now);
  const room = await deps.reads.rooms.get(sensor.roomId);
  if (!room) return;
  const at = deviceTime(reportedAt, now);
  const back = deps.activity.isSilenced(sensor.id);
  const changed = room.present !== present;
  if (changed || back) {
    await runWork(
      deps,
      `device:${sensor.id}`,
      async (w) => {
        if (back) await markOnline(w, sensor.id);
        await recordPresence(w, room.id, present, at, `device:${sensor.id}`);
        if (present) await checkInOnPresence(w, room.id);
      },
      { room: room.id },
    );
    return;
  }
  // Presence can only check a meeting in once it has lasted presenceToCheckIn.
  if (!present || room.presentSince === null || now - room.presentSince < deps.policy.presenceToCheckInMs) return;
  if (!deps.presenceLooks.due(room.id, now)) return;
  // Look without a transaction first: most looks find nothing to check in.
  const booking = await currentBooking(deps.reads, deps.policy, room.id, now);
  if (!booking || presenceEvidenceTime(booking, room.presentSince, now, deps.policy) === null) return;
  await runWork(deps, 'system:occupancy', (w) => checkInOnPresence(w, room.id), { room: room.id });
}

async function recordPresence(w: Work, roomId: string, present: boolean, at: number, by: string): Promise<void> {
  const room = await w.store.rooms.get(roomId);
  if (!room || room.present === present) return;
  const patch = present ? { present, presentSince: at, absentSince: null } : { present, presentSince: null, absentSince: at };
  w.emit({ type: 'room.presence_changed', room: await w.store.rooms.update(roomId, patch), by });
}

/** The room's sensor went away: its last report no longer describes the room. */
export async function forgetPresence(w: Work, roomId: string, by: string): Promise<void> {
  const room = await w.store.rooms.get(roomId);
  if (room && (room.present !== null || room.presentSince !== null || room.absentSince !== null)) {
    w.emit({ type: 'room.presence_changed', room: await w.store.rooms.update(roomId, { present: null, presentSince: null, absentSince: null }), by });
  }
}

/** Checks the room's current meeting in when presence has lasted long enough. */
export async function checkInOnPresence(w: Work, roomId: string): Promise<boolean> {
  const room: RoomRecord | null = await w.store.rooms.get(roomId);
  if (!room?.present) return false;
  const booking = await currentBooking(w.store, w.policy, room.id, w.now);
  const at = booking ? presenceEvidenceTime(booking, room.presentSince, w.now, w.policy) : null;
  if (!booking || at === null) return false;
  const r = await applyEvent(w, booking, { type: 'check_in', evidence: 'presence', at });
  return r.applied;
}
