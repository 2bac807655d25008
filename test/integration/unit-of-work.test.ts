/**
 * Issue 8: one unit of work per use case. Nothing leaves the hub for a change
 * that rolled back; a failing projection is isolated; a fault of the hub is
 * logged with its cause, counted, and answered as `internal` only.
 */
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SimPanel } from '../../firmware-sim/panel.js';
import { waitFor } from '../../firmware-sim/wait.js';
import { runWork } from '../../hub/app/work.js';
import { book, provisionRoom, type Site, startTestHub, type TestHub } from '../support/hub-fixture.js';
import { openSql } from '../support/sql.js';

describe('units of work', () => {
  let t: TestHub;
  let site: Site;
  let panel: SimPanel;
  const logLines: Record<string, unknown>[] = [];
  beforeAll(async () => {
    const logger = pino({ level: 'info' }, { write: (line: string) => void logLines.push(JSON.parse(line)) });
    t = await startTestHub('sqlite', {}, { logger });
    site = await provisionRoom(t);
    panel = await SimPanel.connect({ url: t.mqttUrl, deviceId: site.panel.id, token: site.panel.token, room: site.room });
    await panel.waitForStatus('free');
  });
  afterAll(async () => {
    await panel.close();
    await t.stop();
  });

  it('a change that rolls back leaves no row, no audit entry and no message', async () => {
    const statesBefore = panel.states.length;
    const fault = { id: 'flt_rolled_back', roomId: site.room, equipment: 'projector', description: 'x', reportedBy: 'user:admin', status: 'reported' as const, assignee: null, outOfService: false, createdAt: t.clock.now(), updatedAt: t.clock.now(), resolvedAt: null, history: [] };
    await expect(
      runWork(t.hub.deps, 'user:admin', async (w) => {
        await w.store.faults.create(fault);
        w.emit({ type: 'fault.reported', fault });
        w.refreshRoom(site.room);
        throw new Error('the use case failed after writing');
      }),
    ).rejects.toThrow('the use case failed after writing');
    // A later change's messages arrive, so anything from the failed one would have arrived first.
    const later = await book(t, site, 240);
    await panel.waitForEvent('booked');
    expect(panel.events.some((e) => e.type === 'fault_reported')).toBe(false);
    expect(panel.events.find((e) => e.type === 'booked')?.bookingId).toBe(later.id);
    expect(panel.states.length).toBe(statesBefore + 1); // one state: the booking's
    const sql = await openSql(t.db.url);
    try {
      expect(await sql.query(`SELECT id FROM "Fault" WHERE id = $1`, [fault.id])).toEqual([]);
      expect(await sql.query(`SELECT id FROM "EventLog" WHERE type = 'fault.reported'`)).toEqual([]);
    } finally {
      await sql.close();
    }
  });

  it('a projection that throws is isolated: the others still run, and it is logged and counted', async () => {
    t.hub.deps.bus.on('booking.created', 'broken-projection', () => {
      throw new Error('projection bug');
    });
    const before = await t.hub.metrics.total('hub_event_listener_failures_total');
    const events = panel.events.length;
    const b = await book(t, site, 300);
    await waitFor(() => panel.events.slice(events).find((e) => e.type === 'booked' && e.bookingId === b.id), { what: 'booked event despite the broken listener' });
    expect(await t.hub.metrics.total('hub_event_listener_failures_total')).toBe(before + 1);
    expect(logLines.some((l) => l.listener === 'broken-projection' && l.msg === 'event listener failed')).toBe(true);
  });

  it('a fault of the hub is a 500 `internal` with no detail, logged with its cause and counted', async () => {
    const reads = t.hub.deps.reads.rooms;
    const list = reads.list;
    reads.list = async () => {
      throw new TypeError('simulated bug in the rooms list');
    };
    try {
      const res = await t.api('GET', '/api/rooms');
      expect(res.status).toBe(500);
      expect(res.body).toEqual({ code: 'internal', message: 'internal error' });
    } finally {
      reads.list = list;
    }
    const logged = logLines.find((l) => l.msg === 'request failed');
    expect((logged?.err as { message?: string } | undefined)?.message).toBe('simulated bug in the rooms list');
    expect((logged?.err as { stack?: string } | undefined)?.stack).toContain('TypeError');
    const metrics = await (await fetch(`http://127.0.0.1:${t.hub.httpPort}/metrics`)).text();
    expect(metrics).toMatch(/hub_errors_total\{transport="http",code="internal"\} 1/);
  });
});
