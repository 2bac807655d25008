import { describe, expect, it } from 'vitest';
import { DeviceRateLimiter } from '../../hub/mqtt/rate-limiter.js';

describe('DeviceRateLimiter (contract §9: a per-device message rate)', () => {
  it('lets a burst through at once, then spaces messages at the rate', () => {
    const l = new DeviceRateLimiter(10, 3);
    expect([0, 0, 0].map(() => l.take('s1', 0))).toEqual([0, 0, 0]);
    expect(l.take('s1', 0)).toBe(100); // the 4th waits one token: 100 ms at 10/s
    expect(l.take('s1', 0)).toBe(200);
  });

  it('refills with time, up to the burst', () => {
    const l = new DeviceRateLimiter(10, 3);
    for (let i = 0; i < 3; i++) l.take('s1', 0);
    expect(l.take('s1', 1000)).toBe(0); // a second later: full again
    expect(l.take('s1', 1000)).toBe(0);
    expect(l.take('s1', 1000)).toBe(0);
    expect(l.take('s1', 1000)).toBe(100);
  });

  it('keeps devices apart: one flooding device does not slow another', () => {
    const l = new DeviceRateLimiter(10, 3);
    for (let i = 0; i < 50; i++) l.take('flood', 0);
    expect(l.take('quiet', 0)).toBe(0);
  });
});
