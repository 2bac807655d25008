import { describe, expect, it } from 'vitest';
import { EventBus } from '../../hub/app/event-bus.js';
import type { Emitted } from '../../hub/app/events.js';

const quiet = { info() {}, warn() {}, debug() {}, error() {} };
const fault = (id: string): Emitted => ({
  type: 'fault.reported',
  fault: { id, roomId: 'alpha', equipment: 'projector', description: '', status: 'reported', reportedBy: 'device:p', assignee: null, outOfService: false, createdAt: 0, updatedAt: 0, resolvedAt: null, history: [] },
  at: 0,
  actor: 'device:p',
});

describe('EventBus (issue 8: a failing listener is isolated, logged and counted)', () => {
  it('runs every listener in order, event by event, and the others still run when one throws or rejects', async () => {
    const seen: string[] = [];
    const failures: string[] = [];
    const logged: unknown[] = [];
    const bus = new EventBus({ ...quiet, error: (o: unknown) => logged.push(o) }, (listener, event) => failures.push(`${listener}/${event}`));
    bus.on('fault.reported', 'first', (e) => void seen.push(`first ${e.fault.id}`));
    bus.on('fault.reported', 'throws', () => {
      throw new Error('sync failure');
    });
    bus.on('fault.reported', 'rejects', async () => {
      throw new Error('async failure');
    });
    bus.onAny('last', async (e) => {
      await new Promise((r) => setTimeout(r, 1));
      seen.push(`last ${e.type}`);
    });
    await bus.emit([fault('f1'), fault('f2')]);
    expect(seen).toEqual(['first f1', 'last fault.reported', 'first f2', 'last fault.reported']);
    expect(failures).toEqual(['throws/fault.reported', 'rejects/fault.reported', 'throws/fault.reported', 'rejects/fault.reported']);
    expect(logged).toHaveLength(4);
  });

  it('delivers only the types a listener asked for', async () => {
    const bus = new EventBus(quiet);
    let calls = 0;
    bus.on('booking.created', 'bookings', () => void calls++);
    await bus.emit([fault('f1')]);
    expect(calls).toBe(0);
  });
});
