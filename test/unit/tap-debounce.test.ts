/** One tap per presentation of a card, however often the reader reads it. */
import { describe, expect, it } from 'vitest';
import { TapDebouncer } from '../../hub/serial/debounce.js';

describe('TapDebouncer', () => {
  it('a card held on the reader is one tap; taken away longer than the window, it taps again', () => {
    const d = new TapDebouncer(3000);
    const reads = [0, 100, 200, 2900, 5800]; // read every poll while held: each read is within 3 s of the last
    expect(reads.map((t) => d.accept('04A1B2C3', t))).toEqual([true, false, false, false, false]);
    expect(d.accept('04A1B2C3', 5800 + 3001)).toBe(true);
  });

  it('debounces each UID on its own and forgets cards not seen for a window', () => {
    const d = new TapDebouncer(3000);
    expect(d.accept('AA000001', 0)).toBe(true);
    expect(d.accept('AA000002', 10)).toBe(true);
    expect(d.accept('AA000001', 20)).toBe(false);
    expect(d.accept('AA000003', 10_000)).toBe(true);
    expect(d.size).toBe(1);
  });
});
