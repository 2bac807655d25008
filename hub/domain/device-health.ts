/**
 * What the dashboard says of a device (contract §2, §6): online while
 * connected or heard within HUB_DEVICE_STALE; stale when silent longer;
 * offline or lost when it said so; revoked; never seen.
 */
import type { DeviceHealth } from '../../shared/schemas/http.js';

export function deviceHealth(
  d: { status: string; lastSeenAt: number | null; revokedAt: number | null },
  connected: boolean,
  now: number,
  staleMs: number,
): DeviceHealth {
  if (d.revokedAt !== null) return 'revoked';
  if (connected) return 'online';
  if (d.status === 'offline' || d.status === 'lost') return d.status;
  if (d.lastSeenAt === null) return 'never_seen';
  return now - d.lastSeenAt <= staleMs ? 'online' : 'stale';
}

/** Offline devices first in a list (what needs attention), then by id. */
export const HEALTH_ORDER: Record<DeviceHealth, number> = { lost: 0, offline: 1, stale: 2, never_seen: 3, online: 4, revoked: 5 };
