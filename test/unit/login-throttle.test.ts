import { describe, expect, it } from 'vitest';
import { LoginThrottle } from '../../hub/app/auth.js';

describe('LoginThrottle (contract §3: repeated failures are slowed down)', () => {
  it('counts an attempt when it starts, so parallel guesses get growing delays', () => {
    const th = new LoginThrottle(() => 0);
    const delays = Array.from({ length: 6 }, () => th.begin('admin'));
    expect(delays).toEqual([0, 0, 0, 250, 500, 1000]);
    th.succeed('admin');
    expect(th.begin('admin')).toBe(0);
  });

  it('runs attempts for one username one after another', async () => {
    const th = new LoginThrottle(() => 0);
    const order: string[] = [];
    const slow = (name: string, ms: number) => th.serialise('admin', async () => {
      order.push(`start ${name}`);
      await new Promise((r) => setTimeout(r, ms));
      order.push(`end ${name}`);
    });
    await Promise.all([slow('a', 30), slow('b', 1)]);
    expect(order).toEqual(['start a', 'end a', 'start b', 'end b']);
  });

  it('stays bounded by forgetting the least recently tried name, never everything at once', () => {
    const th = new LoginThrottle(() => 0);
    for (let i = 0; i < 9_990; i++) th.begin(`spray-${i}`);
    for (let i = 0; i < 5; i++) th.begin('admin');
    for (let i = 9_990; i < 10_020; i++) th.begin(`spray-${i}`); // past the 10,000 bound
    expect(th.begin('admin')).toBe(1000); // its five failures are still remembered
    expect(th.begin('spray-0')).toBe(0); // the oldest was forgotten
  });
});
