/** Device provisioning, authentication and status (contract §2, §3). */
import type { DeviceKindName } from '../../shared/enums.js';
import type { DeviceStatusPayload } from '../../shared/schemas/mqtt.js';
import { deviceHealth } from '../domain/device-health.js';
import { NotFoundError, StateConflictError } from '../domain/errors.js';
import { type Actor, requireAdmin } from './actor.js';
import { type AppDeps, newId } from './deps.js';
import { forgetPresence } from './handle-occupancy.js';
import type { DeviceRecord } from './ports.js';
import { hashToken, newToken, tokenMatches } from './secrets.js';
import { runWork, type Work } from './work.js';

export async function provisionDevice(
  deps: AppDeps,
  input: { kind: DeviceKindName; roomId: string; id?: string; name?: string },
  actor: Actor,
): Promise<{ device: DeviceRecord; token: string }> {
  requireAdmin(actor);
  const token = newToken(); // shown once; only its hash is kept
  const device = await runWork(deps, actor.ref, async (w) => {
    if (!(await w.store.rooms.get(input.roomId))) throw new NotFoundError('room', input.roomId);
    // A taken id is refused by the primary key (DuplicateError, 409), also when two requests race.
    const d = await w.store.devices.create({
      id: input.id ?? newId(input.kind),
      kind: input.kind,
      roomId: input.roomId,
      name: input.name ?? null,
      tokenHash: hashToken(token),
      status: 'never_seen',
      lastSeenAt: null,
      firmware: null,
      battery: null,
      revokedAt: null,
    });
    w.emit({ type: 'device.provisioned', device: d });
    return d;
  });
  return { device, token };
}

/** Contract §3: revoking a device drops its connection (a bus listener of `device.revoked`). */
export async function revokeDevice(deps: AppDeps, id: string, actor: Actor): Promise<DeviceRecord> {
  requireAdmin(actor);
  const known = await deps.reads.devices.get(id);
  if (!known) throw new NotFoundError('device', id);
  return runWork(
    deps,
    actor.ref,
    async (w) => {
      const device = await w.store.devices.update(id, { revokedAt: w.now, status: 'offline' });
      if (device.kind === 'sensor') await forgetPresence(w, device.roomId, actor.ref);
      w.emit({ type: 'device.revoked', device });
      return device;
    },
    { room: known.roomId },
  );
}

/** A lost or leaked token: a new one, shown once; the old one stops working and the device is dropped. */
export async function reissueToken(deps: AppDeps, id: string, actor: Actor): Promise<{ device: DeviceRecord; token: string }> {
  requireAdmin(actor);
  const token = newToken();
  const device = await runWork(deps, actor.ref, async (w) => {
    const before = await w.store.devices.get(id);
    if (!before) throw new NotFoundError('device', id);
    if (before.revokedAt !== null) throw new StateConflictError('the device is revoked; provision a new one');
    const d = await w.store.devices.update(id, { tokenHash: hashToken(token) });
    w.emit({ type: 'device.token_reissued', device: d });
    return d;
  });
  return { device, token };
}

/** Contract §2: unknown devices, wrong tokens and revoked devices are refused at CONNECT. */
export async function authenticateDevice(deps: AppDeps, id: string, token: string): Promise<DeviceRecord | null> {
  const device = await deps.reads.devices.get(id);
  if (!device || device.revokedAt !== null) return null;
  return tokenMatches(token, device.tokenHash) ? device : null;
}

/** A device's retained status message (online, offline, lost: the last will). */
export async function recordDeviceStatus(w: Work, device: Pick<DeviceRecord, 'id' | 'kind' | 'roomId'>, status: DeviceStatusPayload): Promise<DeviceRecord> {
  // A sensor that is gone says nothing about the room any more (contract §2): forget
  // what it last reported, so a stale "present" checks no meeting in and a stale
  // "absent" ends no meeting as a ghost.
  if (device.kind === 'sensor' && status.state !== 'online') await forgetPresence(w, device.roomId, `device:${device.id}`);
  const before = await w.store.devices.get(device.id);
  const updated = await w.store.devices.update(device.id, {
    status: status.state,
    lastSeenAt: w.now,
    ...(status.firmware !== undefined ? { firmware: status.firmware } : {}),
    ...(status.battery !== undefined ? { battery: status.battery } : {}),
  });
  if (before && before.status !== updated.status) w.emit({ type: 'device.status_changed', device: updated, from: before.status });
  return updated;
}

/** A device that had said offline or lost speaks again: it is back. */
export async function markOnline(w: Work, id: string): Promise<void> {
  const before = await w.store.devices.get(id);
  if (!before || before.status === 'online' || before.revokedAt !== null) return;
  const device = await w.store.devices.update(id, { status: 'online', lastSeenAt: w.now });
  w.emit({ type: 'device.status_changed', device, from: before.status });
}

/** How many devices are in each health (the `hub_devices` gauge); `deviceHealth` decides as the dashboard does. */
export async function deviceHealthCounts(deps: AppDeps): Promise<Record<string, number>> {
  const now = deps.clock.now();
  const counts: Record<string, number> = {};
  for (const d of await deps.reads.devices.list()) {
    const health = deviceHealth(d, deps.activity.isConnected(d.id), now, deps.deviceStaleMs);
    counts[health] = (counts[health] ?? 0) + 1;
  }
  return counts;
}
