/** Contract §2: room state is republished on every change and at least once a minute. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SimPanel } from '../../firmware-sim/panel.js';
import { waitFor } from '../../firmware-sim/wait.js';
import { book, MIN, provisionRoom, startTestHub, type TestHub } from '../support/hub-fixture.js';

describe('room state publishing', () => {
  let t: TestHub;
  let panels: SimPanel[];
  beforeAll(async () => {
    // A 300 ms "minute" and 100 ms passes, so the spread republish is seen quickly.
    t = await startTestHub('sqlite', { HUB_REPUBLISH_INTERVAL: '300', HUB_SWEEP_INTERVAL: '100' });
    const sites = [await provisionRoom(t, 'alpha'), await provisionRoom(t, 'beta')];
    panels = await Promise.all(sites.map((s) => SimPanel.connect({ url: t.mqttUrl, deviceId: s.panel.id, token: s.panel.token, room: s.room })));
    await Promise.all(panels.map((p) => p.waitForStatus('free')));
  });
  afterAll(async () => {
    await Promise.all(panels.map((p) => p.close()));
    await t.stop();
  });

  it('resends every room within the interval, same state, seq one higher', async () => {
    const before = panels.map((p) => p.state!);
    await new Promise((r) => setTimeout(r, 350));
    await t.hub.tick();
    await t.hub.tick();
    for (const [i, p] of panels.entries()) {
      await waitFor(() => p.state!.seq > before[i]!.seq, { what: `republish of room ${i}` });
      expect(p.state!.status).toBe(before[i]!.status);
      expect(p.state!.freeUntil).toBe(before[i]!.freeUntil);
    }
  });

  it('time alone moves a room from free to reserved to awaiting check-in, once each', async () => {
    const alpha = panels[0]!;
    const site = { room: 'alpha', host: { id: 'alpha-host' }, guest: { id: 'alpha-guest' } } as Parameters<typeof book>[1];
    await book(t, site, 45, 30);
    await alpha.waitForStatus('free'); // 45 min ahead: beyond the 30 min reserved horizon
    t.clock.advance(20 * MIN);
    await t.hub.tick();
    await alpha.waitForStatus('reserved');
    const seqReserved = alpha.state!.seq;
    await t.hub.tick(); // nothing moved: no extra publish beyond the spread republish
    t.clock.advance(20 * MIN);
    await t.hub.tick();
    const s = await alpha.waitForStatus('awaiting_checkin');
    expect(s.seq).toBeGreaterThan(seqReserved);
    expect(alpha.states.filter((x) => x.status === 'awaiting_checkin').length).toBeGreaterThanOrEqual(1);
  });
});
