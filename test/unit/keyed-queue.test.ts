import { describe, expect, it } from 'vitest';
import { KeyedQueue } from '../../hub/lib/serial.js';

describe('KeyedQueue (device lanes, room queues)', () => {
  it('runs work of one key in order, and of different keys side by side', async () => {
    const q = new KeyedQueue();
    const order: string[] = [];
    const job = (name: string, ms: number) => async () => {
      order.push(`start ${name}`);
      await new Promise((r) => setTimeout(r, ms));
      order.push(`end ${name}`);
    };
    await Promise.all([q.run('a', job('a1', 20)), q.run('a', job('a2', 1)), q.run('b', job('b1', 1))]);
    expect(order.indexOf('end a1')).toBeLessThan(order.indexOf('start a2'));
    expect(order.indexOf('start b1')).toBeLessThan(order.indexOf('end a1'));
  });

  it('a failure does not stop the work queued behind it', async () => {
    const q = new KeyedQueue();
    const first = q.run('a', async () => {
      throw new Error('first');
    });
    const second = q.run('a', async () => 'second');
    await expect(first).rejects.toThrow('first');
    await expect(second).resolves.toBe('second');
  });

  it('runNow runs at once and returns a plain value when the key is idle, and queues behind work in flight', async () => {
    const q = new KeyedQueue();
    expect(q.runNow('a', () => 42)).toBe(42);
    let release!: () => void;
    const busy = q.run('a', () => new Promise<void>((r) => (release = r)));
    const queued = q.runNow('a', () => 'after');
    expect(queued).toBeInstanceOf(Promise);
    release();
    await busy;
    await expect(queued).resolves.toBe('after');
    await q.idle();
    expect(q.size).toBe(0);
  });
});
