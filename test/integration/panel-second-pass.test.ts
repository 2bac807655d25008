/**
 * What the door panel's second pass (issue 10) needs from the hub: a card nobody
 * holds is answered on the room's event topic (so the panel can say "not
 * recognised"), and the room state carries the rest of the day's meetings (pending
 * ones marked, R15) and whether the room is open around the clock.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SimPanel } from '../../firmware-sim/panel.js';
import { SimReader } from '../../firmware-sim/reader.js';
import { waitFor } from '../../firmware-sim/wait.js';
import { openAroundTheClock } from '../../hub/domain/opening-hours.js';
import { book, MIN, provisionRoom, type Site, startTestHub, type TestHub } from '../support/hub-fixture.js';

describe('door panel second pass: what the hub publishes', () => {
  let t: TestHub;
  let site: Site;
  let panel: SimPanel;
  beforeAll(async () => {
    t = await startTestHub('sqlite');
    site = await provisionRoom(t);
    panel = await SimPanel.connect({ url: t.mqttUrl, deviceId: site.panel.id, token: site.panel.token, room: site.room });
    await panel.waitForStatus('free');
  });
  afterAll(async () => {
    await panel.close();
    await t.stop();
  });

  it('an unknown card on the room\'s reader is a badge_unknown room event, without the card\'s UID', async () => {
    const reader = await SimReader.connect({ url: t.mqttUrl, deviceId: site.reader.id, token: site.reader.token });
    await reader.tap('DEADBEEF99', new Date(t.clock.now()));
    const e = await panel.waitForEvent('badge_unknown');
    expect(e).toMatchObject({ type: 'badge_unknown', reader: site.reader.id });
    expect(JSON.stringify(e)).not.toContain('DEADBEEF99');
    // A known card is not "unknown".
    const before = panel.events.length;
    await reader.tap(site.hostBadge, new Date(t.clock.now()));
    await new Promise((r) => setTimeout(r, 300));
    expect(panel.events.slice(before).some((x) => x.type === 'badge_unknown')).toBe(false);
    await reader.close();
  });

  it('carries the rest of the day\'s meetings, pending after-hours ones marked, and not tomorrow\'s', async () => {
    const first = await book(t, site, 60, 30);
    const second = await book(t, site, 180, 60, { title: 'Budget', private: true });
    await book(t, site, 24 * 60, 60, { title: 'Tomorrow' });
    // A member's booking after closing time (18:00 UTC): pending approval (R15), shown as pending.
    const member = await t.api('POST', '/api/session', { username: site.host.id, password: 'host-pass-1' }, null);
    const late = await t.api('POST', '/api/bookings', { room: site.room, title: 'Late call', start: new Date(t.clock.now() + 9.5 * 60 * MIN).toISOString(), end: new Date(t.clock.now() + 10 * 60 * MIN).toISOString(), headcount: 2 }, member.body.token);
    expect(late.status).toBe(202);
    const s = await waitFor(() => (panel.state?.today?.length === 3 ? panel.state : null), { what: 'three meetings today' });
    expect(s.today!.map((b) => b.bookingId)).toEqual([first.id, second.id, late.body.id]);
    expect(s.today![1]).toMatchObject({ private: true, title: expect.not.stringContaining('Budget') }); // G4
    expect(s.today![2]).toMatchObject({ pending: true });
    expect(s.openAllHours).toBeUndefined();
  });

  it('says when a room is open around the clock', async () => {
    expect((await t.api('PATCH', `/api/rooms/${site.room}`, { openingHours: [{ days: [1, 2, 3, 4, 5, 6, 7], open: '00:00', close: '24:00' }] })).status).toBe(200);
    await waitFor(() => panel.state?.openAllHours === true || null, { what: 'openAllHours' });
  });
});

describe('open around the clock', () => {
  it('needs every day covered from 00:00 to 24:00, in one period or several', () => {
    const all = [1, 2, 3, 4, 5, 6, 7];
    expect(openAroundTheClock([{ days: all, open: '00:00', close: '24:00' }])).toBe(true);
    expect(openAroundTheClock([{ days: all, open: '00:00', close: '12:00' }, { days: all, open: '12:00', close: '24:00' }])).toBe(true);
    expect(openAroundTheClock([{ days: all, open: '00:00', close: '12:00' }, { days: all, open: '12:01', close: '24:00' }])).toBe(false);
    expect(openAroundTheClock([{ days: [1, 2, 3, 4, 5, 6], open: '00:00', close: '24:00' }])).toBe(false);
    expect(openAroundTheClock([{ days: [1, 2, 3, 4, 5], open: '08:00', close: '18:00' }])).toBe(false);
    expect(openAroundTheClock([])).toBe(false);
  });
});
