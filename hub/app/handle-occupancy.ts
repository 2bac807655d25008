/**
 * Occupancy reports (contract §4): presence sustained inside the check-in
 * window checks the meeting in; absence starts the ghost-meeting clock.
 * The room row keeps when presence began or ended, so restarts lose nothing;
 * it is written only when presence changes (the room itself is read from the
 * in-memory room cache, so a report every few seconds costs no database read).
 */
import { presenceEvidenceTime } from '../domain/lifecycle.js';
import { applyEvent } from './apply-transition.js';
import { type AppDeps, deviceTime } from './deps.js';
import { currentBooking } from './handle-badge-tap.js';
import type { DeviceRef, RoomRecord } from './ports.js';

const CHECK_IN_LOOK_INTERVAL_MS = 5_000;

export async function handleOccupancy(deps: AppDeps, sensor: DeviceRef, present: boolean, reportedAt: number): Promise<void> {
  let room = await deps.store.rooms.get(sensor.roomId);
  if (!room) return;
  const now = deps.clock.now();
  const at = deviceTime(reportedAt, now);
  if (room.present !== present) {
    const patch = present ? { present, presentSince: at, absentSince: null } : { present, presentSince: null, absentSince: at };
    room = await deps.store.rooms.update(sensor.roomId, patch);
  }
  // Presence can only check a meeting in once it has lasted presenceToCheckIn.
  if (!room.present || room.presentSince === null || now - room.presentSince < deps.policy.presenceToCheckInMs) return;
  // Look for a meeting to check in at most every few seconds per room.
  if (now - (deps.presenceLooks.get(room.id) ?? 0) < CHECK_IN_LOOK_INTERVAL_MS) return;
  deps.presenceLooks.set(room.id, now);
  await checkInOnPresence(deps, room, now);
}

/** The room's sensor went away: its last report no longer describes the room. */
export async function forgetPresence(deps: AppDeps, roomId: string): Promise<void> {
  deps.presenceLooks.delete(roomId);
  const room = await deps.store.rooms.get(roomId);
  if (room && (room.present !== null || room.presentSince !== null || room.absentSince !== null)) {
    await deps.store.rooms.update(roomId, { present: null, presentSince: null, absentSince: null });
  }
}

/** Checks the room's current meeting in when presence has lasted long enough. */
export async function checkInOnPresence(
  deps: AppDeps,
  room: Pick<RoomRecord, 'id' | 'present' | 'presentSince'>,
  now: number,
): Promise<boolean> {
  if (!room.present) return false;
  const booking = await currentBooking(deps, room.id, now);
  const at = booking ? presenceEvidenceTime(booking, room.presentSince, now, deps.policy) : null;
  if (!booking || at === null) return false;
  const r = await applyEvent(deps, booking, { type: 'check_in', evidence: 'presence', at }, 'system:occupancy');
  return r.applied;
}
