import { describe, expect, it } from 'vitest';
import { deviceHealth } from '../../hub/domain/device-health.js';

const STALE = 20 * 60_000;
const d = (status: string, lastSeenAt: number | null, revokedAt: number | null = null) => ({ status, lastSeenAt, revokedAt });

describe('device health (contract §2 HUB_DEVICE_STALE, §6)', () => {
  it('online while connected or heard within the stale period; stale after; as it said when it said offline or lost', () => {
    expect(deviceHealth(d('online', 0), true, 10 * STALE, STALE)).toBe('online');
    expect(deviceHealth(d('online', 0), false, STALE, STALE)).toBe('online');
    expect(deviceHealth(d('online', 0), false, STALE + 1, STALE)).toBe('stale');
    expect(deviceHealth(d('lost', 0), false, 1, STALE)).toBe('lost');
    expect(deviceHealth(d('never_seen', null), false, 1, STALE)).toBe('never_seen');
    expect(deviceHealth(d('online', 0, 5), true, 10, STALE)).toBe('revoked');
  });
});
