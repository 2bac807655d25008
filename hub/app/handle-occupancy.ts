/**
 * Occupancy reports (contract §4): presence sustained inside the check-in
 * window checks the meeting in; absence starts the ghost-meeting clock.
 * The room row keeps when presence began or ended, so restarts lose nothing;
 * it is written only when presence changes, and a per-room memory of the last
 * report saves a database read on every message (sensors report every few seconds).
 */
import { presenceEvidenceTime } from '../domain/lifecycle.js';
import { applyEvent } from './apply-transition.js';
import { type AppDeps, deviceTime } from './deps.js';
import { currentBooking } from './handle-badge-tap.js';
import type { DeviceRef, RoomRecord } from './ports.js';

export interface RoomPresence {
  present: boolean | null;
  presentSince: number | null;
  absentSince: number | null;
  /** When a presence check-in was last looked for, to look at most every few seconds. */
  lastCheckInLook: number;
}

const CHECK_IN_LOOK_INTERVAL_MS = 5_000;

async function presenceOf(deps: AppDeps, roomId: string): Promise<RoomPresence | null> {
  const cached = deps.presence.get(roomId);
  if (cached) return cached;
  const room = await deps.store.rooms.get(roomId);
  if (!room) return null;
  const p = { present: room.present, presentSince: room.presentSince, absentSince: room.absentSince, lastCheckInLook: 0 };
  deps.presence.set(roomId, p);
  return p;
}

export async function handleOccupancy(deps: AppDeps, sensor: DeviceRef, present: boolean, reportedAt: number): Promise<void> {
  const p = await presenceOf(deps, sensor.roomId);
  if (!p) return;
  const now = deps.clock.now();
  const at = deviceTime(reportedAt, now);
  if (p.present !== present) {
    const patch = present ? { present, presentSince: at, absentSince: null } : { present, presentSince: null, absentSince: at };
    await deps.store.rooms.update(sensor.roomId, patch);
    Object.assign(p, patch);
  }
  // Presence can only check a meeting in once it has lasted presenceToCheckIn.
  if (!p.present || p.presentSince === null || now - p.presentSince < deps.policy.presenceToCheckInMs) return;
  if (now - p.lastCheckInLook < CHECK_IN_LOOK_INTERVAL_MS) return;
  p.lastCheckInLook = now;
  await checkInOnPresence(deps, { id: sensor.roomId, present: p.present, presentSince: p.presentSince }, now);
}

/** The room's sensor went away: its last report no longer describes the room. */
export async function forgetPresence(deps: AppDeps, roomId: string): Promise<void> {
  deps.presence.delete(roomId);
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
