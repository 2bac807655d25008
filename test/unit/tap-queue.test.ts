/** The bridge's on-disk tap queue: durable, ordered, bounded, compacted. Real files in a temp folder. */
import { appendFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TapQueue } from '../../hub/serial/tap-queue.js';

const tap = (n: number) => ({ id: `t-${n}`, at: '2026-12-01T09:00:00.000Z', uid: `04A1B2${String(n).padStart(2, '0')}`, tech: 'iso14443a' });
const ids = (q: TapQueue) => {
  const out: string[] = [];
  // peek/ack walk is what the bridge does; here read the order without delivering.
  for (const t of (q as unknown as { pending: Map<string, { id: string }> }).pending.values()) out.push(t.id);
  return out;
};

describe('TapQueue', () => {
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'tap-queue-'));
    file = join(dir, 'sub', 'queue.jsonl');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps queued taps across a reopen, in order, without the delivered ones', async () => {
    const q = await TapQueue.open(file);
    for (const n of [1, 2, 3]) await q.push(tap(n));
    await q.ack('t-1');
    await q.close();
    const again = await TapQueue.open(file);
    expect(ids(again)).toEqual(['t-2', 't-3']);
    expect(again.peek()).toEqual(tap(2));
    await again.close();
  });

  it('survives a line torn by a crash, counts it, and appends cleanly after it', async () => {
    const q = await TapQueue.open(file);
    await q.push(tap(1));
    await q.close();
    appendFileSync(file, '{"id":"t-2","at":"2026-12');
    const again = await TapQueue.open(file);
    expect(again.stats.badLines).toBe(1);
    await again.push(tap(3));
    await again.close();
    const third = await TapQueue.open(file);
    expect(ids(third)).toEqual(['t-1', 't-3']);
    expect(third.stats.badLines).toBe(0);
    await third.close();
  });

  it('is bounded: past maxEntries the oldest tap is dropped and counted', async () => {
    const q = await TapQueue.open(file, { maxEntries: 3 });
    for (const n of [1, 2, 3, 4, 5]) await q.push(tap(n));
    expect(ids(q)).toEqual(['t-3', 't-4', 't-5']);
    expect(q.stats.dropped).toBe(2);
    await q.close();
    expect(ids(await TapQueue.open(file, { maxEntries: 3 }))).toEqual(['t-3', 't-4', 't-5']);
  });

  it('compacts: an emptied queue leaves an empty file, and acks do not pile up', async () => {
    const q = await TapQueue.open(file);
    let maxLines = 0;
    for (let n = 0; n < 300; n++) {
      await q.push(tap(n));
      if (n % 3 === 2) for (const id of ids(q)) await q.ack(id);
      maxLines = Math.max(maxLines, readFileSync(file, 'utf8').split('\n').length);
    }
    for (const id of ids(q)) await q.ack(id);
    expect(q.size).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe('');
    expect(maxLines).toBeLessThan(80);
    await q.close();
  });
});
