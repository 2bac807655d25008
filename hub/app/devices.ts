/** Device provisioning, authentication and status (contract §2, §3). */
import type { DeviceKindName } from '../../shared/enums.js';
import type { DeviceStatusPayload } from '../../shared/schemas/mqtt.js';
import { ConflictError, NotFoundError } from '../domain/errors.js';
import { type AppDeps, newId } from './deps.js';
import type { DeviceRecord } from './ports.js';
import { forgetPresence } from './handle-occupancy.js';
import { hashToken, newToken, tokenMatches } from './secrets.js';

export async function provisionDevice(
  deps: AppDeps,
  input: { kind: DeviceKindName; roomId: string; id?: string; name?: string },
  actor: string,
): Promise<{ device: DeviceRecord; token: string }> {
  if (!(await deps.store.rooms.get(input.roomId))) throw new NotFoundError('room', input.roomId);
  const id = input.id ?? newId(input.kind);
  if (await deps.store.devices.get(id)) throw new ConflictError(`device ${id} already exists`);
  const token = newToken(); // shown once; only its hash is kept
  const device = await deps.store.devices.create({
    id,
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
  await deps.store.events.append({ at: deps.clock.now(), actor, type: 'device.provisioned', roomId: input.roomId, data: { id, kind: input.kind } });
  return { device, token };
}

export async function revokeDevice(deps: AppDeps, id: string, actor: string): Promise<DeviceRecord> {
  const device = await deps.store.devices.get(id);
  if (!device) throw new NotFoundError('device', id);
  const now = deps.clock.now();
  await deps.store.devices.update(id, { revokedAt: now, status: 'offline' });
  if (device.kind === 'sensor') await forgetPresence(deps, device.roomId);
  await deps.store.events.append({ at: now, actor, type: 'device.revoked', roomId: device.roomId, data: { id } });
  return { ...device, revokedAt: now };
}

/** Contract §2: unknown devices, wrong tokens and revoked devices are refused at CONNECT. */
export async function authenticateDevice(deps: AppDeps, id: string, token: string): Promise<DeviceRecord | null> {
  const device = await deps.store.devices.get(id);
  if (!device || device.revokedAt !== null) return null;
  return tokenMatches(token, device.tokenHash) ? device : null;
}

export async function recordDeviceStatus(
  deps: AppDeps,
  device: Pick<DeviceRecord, 'id' | 'kind' | 'roomId'>,
  status: DeviceStatusPayload,
): Promise<void> {
  // A sensor that is gone says nothing about the room any more (contract §4): forget
  // what it last reported, so a stale "present" checks no meeting in and a stale
  // "absent" ends no meeting as a ghost.
  if (device.kind === 'sensor' && status.state !== 'online') await forgetPresence(deps, device.roomId);
  await deps.store.devices.update(device.id, {
    status: status.state,
    lastSeenAt: deps.clock.now(),
    ...(status.firmware !== undefined ? { firmware: status.firmware } : {}),
    ...(status.battery !== undefined ? { battery: status.battery } : {}),
  });
}
