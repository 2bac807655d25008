import { describe, expect, it } from 'vitest';
import { DeviceActivity } from '../../hub/app/device-activity.js';

describe('DeviceActivity (contract §2: a device speaks for its room while heard within HUB_DEVICE_STALE)', () => {
  it('writes each heard device at when it was heard (to 10 s, never fresher), and connected ones at now', () => {
    const a = new DeviceActivity();
    a.heard('sleepy', 1_234_567);
    a.connected('panel', 'online');
    const seen = a.takeSeen(2_000_000);
    expect(seen).toEqual(new Map([[1_230_000, ['sleepy']], [2_000_000, ['panel']]]));
    expect(a.takeSeen(2_010_000)).toEqual(new Map([[2_010_000, ['panel']]])); // heard ones are written once
  });

  it('a clean disconnect changes nothing but the connection count', () => {
    const a = new DeviceActivity();
    a.connected('s', 'online');
    a.connected('s', 'online');
    a.disconnected('s');
    expect(a.isConnected('s')).toBe(true);
    a.disconnected('s');
    expect(a.isConnected('s')).toBe(false);
    expect(a.isSilenced('s')).toBe(false);
  });

  it('remembers who said offline or lost, until it is heard online again', () => {
    const a = new DeviceActivity();
    a.setStatus('s', 'lost');
    expect(a.isSilenced('s')).toBe(true);
    a.setStatus('s', 'online');
    expect(a.isSilenced('s')).toBe(false);
    a.setStatus('s', 'revoked');
    expect(a.isSilenced('s')).toBe(true);
  });
});
