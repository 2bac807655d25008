/**
 * Occupancy reports (contract §4): presence sustained inside the check-in
 * window checks the meeting in; absence starts the ghost-meeting clock.
 * The room row keeps when presence began or ended, so restarts lose nothing.
 */
import { presenceCheckInDue } from '../domain/lifecycle.js';
import { applyEvent } from './apply-transition.js';
import { type AppDeps, deviceTime } from './deps.js';
import { currentBooking } from './handle-badge-tap.js';
import type { DeviceRecord, RoomRecord } from './ports.js';

export async function handleOccupancy(deps: AppDeps, sensor: DeviceRecord, present: boolean, reportedAt: number): Promise<void> {
  const room = await deps.store.rooms.get(sensor.roomId);
  if (!room) return;
  const now = deps.clock.now();
  const at = deviceTime(reportedAt, now);
  if (room.present !== present) {
    const patch = present
      ? { present, presentSince: at, absentSince: null }
      : { present, presentSince: null, absentSince: at };
    await deps.store.rooms.update(room.id, patch);
    Object.assign(room, patch);
  }
  await checkInOnPresence(deps, room, now);
}

/** Checks the room's current meeting in when presence has lasted long enough. */
export async function checkInOnPresence(deps: AppDeps, room: RoomRecord, now: number): Promise<boolean> {
  if (!room.present) return false;
  const booking = await currentBooking(deps, room.id, now);
  if (!booking || !presenceCheckInDue(booking, room.presentSince, now, deps.policy)) return false;
  const r = await applyEvent(deps, booking, { type: 'check_in', evidence: 'presence' }, 'system:occupancy');
  return r.applied;
}
