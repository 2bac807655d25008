import { describe, expect, it } from 'vitest';
import { InvalidError, StateConflictError } from '../../hub/domain/errors.js';
import { changeFault, effectivelyOutOfService, type FaultView } from '../../hub/domain/faults.js';

const reported: FaultView = { status: 'reported', assignee: null, outOfService: false, history: [{ at: 0, by: 'device:p', status: 'reported' }], resolvedAt: null, updatedAt: 0 };

describe('R9: a fault is followed to repair', () => {
  it('goes reported → acknowledged → in repair → resolved, each step in its history with who and when', () => {
    const a = changeFault(reported, { status: 'acknowledged', assignee: 'Wang' }, 'user:admin', 10);
    const b = changeFault(a, { status: 'in_repair', note: 'part ordered' }, 'user:admin', 20);
    const c = changeFault(b, { status: 'resolved' }, 'user:lead', 30);
    expect(c.history).toEqual([
      { at: 0, by: 'device:p', status: 'reported' },
      { at: 10, by: 'user:admin', status: 'acknowledged', assignee: 'Wang' },
      { at: 20, by: 'user:admin', status: 'in_repair', note: 'part ordered' },
      { at: 30, by: 'user:lead', status: 'resolved' },
    ]);
    expect(c.resolvedAt).toBe(30);
  });

  it('refuses going back, changing a closed fault, and a rejection without its reason', () => {
    const inRepair = changeFault(reported, { status: 'in_repair' }, 'user:a', 1);
    expect(() => changeFault(inRepair, { status: 'acknowledged' }, 'user:a', 2)).toThrow(StateConflictError);
    expect(() => changeFault(reported, { status: 'rejected' }, 'user:a', 2)).toThrow(InvalidError);
    const rejected = changeFault(reported, { status: 'rejected', note: 'duplicate of flt_1' }, 'user:a', 2);
    expect(() => changeFault(rejected, { note: 'reopen?' }, 'user:a', 3)).toThrow(StateConflictError);
    expect(() => changeFault(reported, {}, 'user:a', 3)).toThrow(InvalidError);
  });

  it('a fault may take its room out of service while open; closing it gives the room back', () => {
    const out = changeFault(reported, { outOfService: true, note: 'leak' }, 'user:a', 1);
    expect(effectivelyOutOfService({ outOfService: false, openFaults: [out] })).toBe(true);
    const fixed = changeFault(out, { status: 'resolved' }, 'user:a', 2);
    expect(fixed.outOfService).toBe(false);
    expect(effectivelyOutOfService({ outOfService: false, openFaults: [] })).toBe(false);
    expect(effectivelyOutOfService({ outOfService: true, openFaults: [] })).toBe(true);
  });
});
