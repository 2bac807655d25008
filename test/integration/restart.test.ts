/** Timers survive restarts: what fell due while the hub was down happens at start (issue 2). */
import { afterEach, describe, expect, it } from 'vitest';
import { SimPanel } from '../../firmware-sim/panel.js';
import { SimSensor } from '../../firmware-sim/sensor.js';
import { waitFor } from '../../firmware-sim/wait.js';
import { PROVIDERS } from '../support/databases.js';
import { book, MIN, provisionRoom, startTestHub, type TestHub } from '../support/hub-fixture.js';

describe.each(PROVIDERS)('restart on %s', (provider) => {
  let t: TestHub;
  afterEach(() => t.stop());

  it('a release that fell due while the hub was down happens at start', async () => {
    t = await startTestHub(provider);
    const site = await provisionRoom(t);
    const due = await book(t, site, 5, 60);
    const later = await book(t, site, 120, 60);
    await t.hub.stop();

    t.clock.advance(30 * MIN); // the grace deadline passes while the hub is down
    await t.restart(); // start-up runs one pass before serving

    const gone = await t.api('GET', `/api/bookings/${due.id}`);
    expect(gone.body.status).toBe('released');
    expect((await t.api('GET', `/api/bookings/${later.id}`)).body.status).toBe('confirmed');
    // The panel that reconnects gets the retained, current state at once.
    const panel = await SimPanel.connect({ url: t.mqttUrl, deviceId: site.panel.id, token: site.panel.token, room: site.room });
    const state = await panel.waitForStatus('free');
    expect(state.next?.bookingId).toBe(later.id);
    await panel.close();
  });

  it('presence that met the rule before the hub went down checks the meeting in at start, not releases it', async () => {
    t = await startTestHub(provider);
    const site = await provisionRoom(t);
    const b = await book(t, site, 5, 60);
    const sensor = await SimSensor.connect({ url: t.mqttUrl, deviceId: site.sensor!.id, token: site.sensor!.token });
    await waitFor(async () => (await t.hub.deps.reads.devices.get(site.sensor!.id))?.status === 'online', { what: 'sensor online' });
    await sensor.report(true, 3, new Date(t.clock.now())); // window open (start - 5 min), people in the room
    await t.hub.idle();
    await t.hub.stop(); // before the 2 minutes are up: the hub is down when presence becomes sustained
    await sensor.close().catch(() => {});
    t.clock.advance(30 * MIN); // far past the grace deadline
    await t.startAgain();
    const detail = (await t.api('GET', `/api/bookings/${b.id}`)).body;
    expect(detail.status).toBe('checked_in');
    expect(detail.checkInEvidence).toBe('presence');
  });

  it('keeps the room-state sequence growing across restarts', async () => {
    t = await startTestHub(provider);
    const site = await provisionRoom(t);
    const first = await SimPanel.connect({ url: t.mqttUrl, deviceId: site.panel.id, token: site.panel.token, room: site.room });
    const before = (await first.waitForStatus('free')).seq;
    await first.close();
    await t.restart();
    const panel = await SimPanel.connect({ url: t.mqttUrl, deviceId: site.panel.id, token: site.panel.token, room: site.room });
    await book(t, site, 60, 30);
    const after = await panel.waitForStatus('free').then(() => panel.states.at(-1)!.seq);
    expect(after).toBeGreaterThan(before);
    await panel.close();
  });
});
