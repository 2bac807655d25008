/**
 * Issue 8, contract §2 and §4: sensors that connect, report and disconnect
 * (battery devices) count for their room while they have sent anything within
 * HUB_DEVICE_STALE and have not said offline/lost; a clean disconnect changes
 * nothing, no status message is needed first, and a stale report stops counting.
 */
import mqtt from 'mqtt';
import { afterEach, describe, expect, it } from 'vitest';
import { SimPanel } from '../../firmware-sim/panel.js';
import { SimReader } from '../../firmware-sim/reader.js';
import { waitFor } from '../../firmware-sim/wait.js';
import { book, MIN, provisionRoom, type Site, startTestHub, type TestHub } from '../support/hub-fixture.js';
import { sumMetric } from '../support/hub-process.js';

const ENV = { HUB_DEVICE_STALE: '20m', HUB_EMPTY_ROOM_RELEASE: '15m' };

describe('sleepy sensors (connect, report, disconnect)', () => {
  let t: TestHub;
  let site: Site;
  let panel: SimPanel | null = null;
  afterEach(async () => {
    await panel?.close().catch(() => {});
    panel = null;
    await t.stop();
  });

  const now = () => new Date(t.clock.now());
  const status = async (id: string) => (await t.api('GET', `/api/bookings/${id}`)).body.status as string;
  const handled = async (kind: string) =>
    sumMetric(await (await fetch(`http://127.0.0.1:${t.hub.httpPort}/metrics`)).text(), 'hub_mqtt_handle_duration_seconds_count', { kind });

  /** One wake-up of a battery sensor: connect (no status, no will), one QoS 1 message, clean disconnect. */
  let seq = 0;
  async function wake(topic: string, payload: object, kind: string) {
    const c = await mqtt.connectAsync(t.mqttUrl, { username: site.sensor!.id, password: site.sensor!.token, clientId: site.sensor!.id, clean: true, reconnectPeriod: 0, protocolVersion: 4 });
    const before = await handled(kind);
    await c.publishAsync(topic, JSON.stringify(payload), { qos: 1 });
    await c.endAsync();
    // PUBACK means recorded (contract §2); still, give a hub that handles after the PUBACK its moment.
    await waitFor(async () => (await handled(kind)) > before, { timeout: 2000, what: `${kind} handled` }).catch(() => {});
  }
  const report = (present: boolean) =>
    wake(`meeting/v1/sensor/${site.sensor!.id}/occupancy`, { id: `sleepy-${++seq}`, at: now().toISOString(), present }, 'sensor_occupancy');
  const say = (state: 'online' | 'offline') => wake(`meeting/v1/device/${site.sensor!.id}/status`, { state, at: now().toISOString() }, 'device_status');

  async function checkInByTap(bookingId: string) {
    const reader = await SimReader.connect({ url: t.mqttUrl, deviceId: site.reader.id, token: site.reader.token });
    await reader.tap(site.hostBadge, now());
    await waitFor(async () => (await status(bookingId)) === 'checked_in', { what: `booking ${bookingId} checked in by the host's tap` });
    await reader.client.endAsync(); // no offline status: the reader is not what this test is about
  }

  it('absence reported every 5 min by a sensor that never stays connected ends the meeting after 15 min (room_empty)', async () => {
    t = await startTestHub('sqlite', ENV);
    site = await provisionRoom(t);
    panel = await SimPanel.connect({ url: t.mqttUrl, deviceId: site.panel.id, token: site.panel.token, room: site.room });
    const b = await book(t, site, 5, 60);
    t.clock.advance(5 * MIN);
    await t.hub.tick();
    await checkInByTap(b.id);
    const seen: string[] = [];
    for (let minute = 0; minute <= 20; minute += 5) {
      if (minute > 0) t.clock.advance(5 * MIN);
      await report(false);
      await t.hub.tick();
      seen.push(`+${minute}m ${await status(b.id)}`);
      if (minute >= 15 && seen.at(-1)!.endsWith('completed')) break;
    }
    const ended = await waitFor(() => panel!.events.find((e) => e.type === 'ended' && e.bookingId === b.id), { timeout: 2000, what: 'ended event' }).catch(() => null);
    expect.soft((ended as { reason?: string } | null)?.reason ?? 'no ended event', `room event for booking ${b.id}`).toBe('room_empty');
    expect(await status(b.id), `booking status after 15+ min of reported absence (after each report: ${seen.join(', ')})`).toBe('completed');
  });

  it('a single absent report that has gone stale (HUB_DEVICE_STALE 20m) does not end the meeting as a ghost', async () => {
    t = await startTestHub('sqlite', ENV);
    site = await provisionRoom(t);
    panel = await SimPanel.connect({ url: t.mqttUrl, deviceId: site.panel.id, token: site.panel.token, room: site.room });
    const b = await book(t, site, 10, 60); // T0+10 .. T0+70
    await report(false); // T0: one report, then silence
    t.clock.advance(10 * MIN);
    await t.hub.tick();
    await checkInByTap(b.id); // T0+10: the 15 minutes without a tap start here, when the report is already 10 min old
    const seen: string[] = [];
    for (let minute = 15; minute <= 65; minute += 5) {
      t.clock.advance(5 * MIN);
      await t.hub.tick();
      const s = await status(b.id);
      seen.push(`T0+${minute}m ${s}`);
      if (s !== 'checked_in') break;
    }
    const ghost = panel.events.find((e) => e.type === 'ended' && e.bookingId === b.id && (e as { reason?: string }).reason === 'room_empty');
    expect.soft(ghost ? `ended as room_empty at ${ghost.at}` : 'not ended as room_empty', 'room event').toBe('not ended as room_empty');
    expect(seen.at(-1), `booking ${b.id} status until its natural end at T0+70 (stale report from T0): ${seen.join(', ')}`).toBe('T0+65m checked_in');
  });

  it('presence from a sensor that then said offline no longer checks a meeting in', async () => {
    t = await startTestHub('sqlite', ENV);
    site = await provisionRoom(t);
    const b = await book(t, site, 5, 60); // the check-in window is open now
    await say('online'); // an ordinary sensor: only its later "offline" should matter here
    await report(true);
    await say('offline');
    const checkIns = async () => sumMetric(await (await fetch(`http://127.0.0.1:${t.hub.httpPort}/metrics`)).text(), 'hub_check_ins_total');
    for (let i = 0; i < 3; i++) {
      t.clock.advance(1 * MIN); // presenceToCheckIn (2m) would have passed
      await t.hub.tick();
    }
    expect(await status(b.id), `booking ${b.id} after 3 min of presence reported by a sensor that is now offline`).toBe('confirmed');
    expect(await checkIns(), 'hub_check_ins_total').toBe(0);
  });
});
