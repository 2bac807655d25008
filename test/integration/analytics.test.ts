/**
 * Contract §7 analytics, checked against a simulated week on a real hub:
 * known on-time meetings, no-shows released at the grace deadline, and ghost
 * meetings ended by a sleepy sensor that reported the room empty.
 */
import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SimReader } from '../../firmware-sim/reader.js';
import { MIN, provisionRoom, type Site, startTestHub, type TestHub, T0 } from '../support/hub-fixture.js';

const iso = (ms: number) => new Date(ms).toISOString();
const DAY = 86_400_000;
const ALL_WEEK = [{ days: [1, 2, 3, 4, 5, 6, 7], open: '07:00', close: '20:00' }];

describe('usage analytics of a simulated week (contract §7)', () => {
  let t: TestHub;
  let a: Site;
  let b: Site;
  let member: string;
  const dayStart = T0 - 9 * 60 * MIN; // 2026-12-01 00:00 UTC, a Tuesday

  /** A battery sensor: connects, reports, goes (contract §2). */
  const sleepyReport = async (site: Site, present: boolean) => {
    const c = await mqtt.connectAsync(t.mqttUrl, { username: site.sensor!.id, password: site.sensor!.token, clientId: `${site.sensor!.id}-sleepy`, reconnectPeriod: 0 });
    await c.publishAsync(`meeting/v1/sensor/${site.sensor!.id}/occupancy`, JSON.stringify({ id: `o-${t.clock.now()}`, at: iso(t.clock.now()), present }), { qos: 1 });
    await c.endAsync();
  };
  const at = (d: number, hhmm: string) => {
    const [h, m] = hhmm.split(':').map(Number) as [number, number];
    return dayStart + d * DAY + (h * 60 + m) * MIN;
  };
  const goTo = async (ms: number) => {
    t.clock.set(ms);
    await t.signInAgain();
    await t.hub.tick();
  };

  beforeAll(async () => {
    t = await startTestHub('sqlite');
    a = await provisionRoom(t, 'alpha');
    b = await provisionRoom(t, 'beta', { sensor: false });
    for (const r of ['alpha', 'beta']) await t.api('PATCH', `/api/rooms/${r}`, { openingHours: ALL_WEEK });
    const readerA = await SimReader.connect({ url: t.mqttUrl, deviceId: a.reader.id, token: a.reader.token });
    const readerB = await SimReader.connect({ url: t.mqttUrl, deviceId: b.reader.id, token: b.reader.token });
    const book = async (room: string, host: string, from: string, to: string, d: number) => {
      const r = await t.api('POST', '/api/bookings', { room, title: `${room} ${from}`, start: iso(at(d, from)), end: iso(at(d, to)), headcount: 1, host });
      if (r.status !== 201) throw new Error(JSON.stringify(r.body));
      return r.body.id as string;
    };
    for (let d = 0; d < 5; d++) {
      await goTo(at(d, '08:00'));
      await book('alpha', a.host.id, '09:00', '10:00', d);
      await book('alpha', a.host.id, '11:00', '12:00', d); // nobody comes
      await book('alpha', a.host.id, '14:00', '15:00', d); // checked in, then the room empties
      await book('beta', b.host.id, '10:00', '11:00', d);
      const cancelled = await book('beta', b.host.id, '16:00', '17:00', d);
      await t.api('POST', `/api/bookings/${cancelled}/cancel`);
      await goTo(at(d, '08:55'));
      await readerA.tap(a.hostBadge, new Date(t.clock.now()));
      await t.hub.idle();
      await goTo(at(d, '10:00'));
      await readerB.tap(b.hostBadge, new Date(t.clock.now()));
      await t.hub.idle();
      await goTo(at(d, '11:10')); // grace over: released
      await goTo(at(d, '14:00'));
      await readerA.tap(a.hostBadge, new Date(t.clock.now()));
      await t.hub.idle();
      await goTo(at(d, '14:01'));
      await sleepyReport(a, false);
      await t.hub.idle();
      await goTo(at(d, '14:16')); // 15 min empty, no tap: a ghost meeting
      await goTo(at(d, '18:00'));
    }
    await readerA.close();
    await readerB.close();
    member = (await t.api('POST', '/api/session', { username: b.host.id, password: 'host-pass-1' }, null)).body.token;
  }, 120_000);
  afterAll(() => t.stop());

  const range = () => `from=${iso(dayStart)}&to=${iso(dayStart + 7 * DAY)}`;

  it('counts each room\'s bookings, hours, check-ins, no-shows, ghost meetings and the hours they gave back', async () => {
    const res = await t.api('GET', `/api/analytics?${range()}`);
    expect(res.status).toBe(200);
    const rooms = Object.fromEntries(res.body.rooms.map((r: { room: string }) => [r.room, r]));
    // alpha: 3 a day for 5 days; 11:00 released at 11:10 gives back 50 min, 14:00 ended at 14:16 gives back 44 min.
    expect(rooms.alpha).toEqual({ room: 'alpha', bookings: 15, bookedHours: 15, checkedIn: 10, noShows: 5, ghostEnded: 5, releasedHours: 7.83, usedHours: 6.33, openHours: 91 });
    // beta: the cancelled meetings held nothing.
    // In use: alpha 09:00-10:00 and 14:00-14:16 each day (5 × 1 h 16 min); open 07:00-20:00 every day of the week.
    expect(rooms.beta).toEqual({ room: 'beta', bookings: 5, bookedHours: 5, checkedIn: 5, noShows: 0, ghostEnded: 0, releasedHours: 0, usedHours: 5, openHours: 91 });
    expect(res.body.totals).toEqual({ bookings: 20, bookedHours: 20, checkedIn: 15, noShows: 5, ghostEnded: 5, releasedHours: 7.83, usedHours: 11.33, openHours: 182 });
    expect(res.body.weeks).toEqual([{ week: '2026-W49', bookings: 20, noShows: 5, noShowRate: 0.25 }]);
    // The rooms in use, Tuesday (index 1): alpha 09-10 and 14:00-14:16, beta 10-11.
    expect(res.body.heatmap[1].slice(8, 16)).toEqual([0, 1, 1, 0, 0, 0, 0.27, 0]);
  });

  it('exports the same figures as CSV', async () => {
    const res = await fetch(`http://127.0.0.1:${t.hub.httpPort}/api/analytics?${range()}&format=csv`, { headers: { authorization: `Bearer ${t.adminToken}` } });
    expect(res.headers.get('content-type')).toContain('text/csv');
    expect(await res.text()).toBe(
      'room,bookings,bookedHours,checkedIn,noShows,ghostEnded,releasedHours,usedHours,openHours\r\nalpha,15,15,10,5,5,7.83,6.33,91\r\nbeta,5,5,5,0,0,0,5,91\r\ntotal,20,20,15,5,5,7.83,11.33,182\r\n',
    );
  });

  it('a member sees only the figures of the meetings they host', async () => {
    const res = await t.api('GET', `/api/analytics?${range()}`, undefined, member);
    expect(res.body.rooms.map((r: { room: string }) => r.room)).toEqual(['beta']);
    expect(res.body.totals.bookings).toBe(5);
  });
});
