/**
 * Tap to check-in through the whole real path, measured, not asserted: a card
 * presented to the emulated PN532 -> pty -> bridge (default 100 ms polling) ->
 * MQTT -> hub -> the room state `in_use` at the door panel. Printed as
 * p50/p90 over 20 check-ins, each with a new person, so debouncing plays no part.
 */
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { SimPanel } from '../../firmware-sim/panel.js';
import { Pn532Emulator } from '../../firmware-sim/pn532-emulator.js';
import type { PtyPair } from '../../firmware-sim/pty-pair.js';
import { ReaderBridge } from '../../hub/serial/reader-bridge.js';
import { book, MIN, provisionRoom, type Site, startTestHub, type TestHub } from '../support/hub-fixture.js';
import { describeWithPty, ptyPlace } from '../support/pty.js';

const RUNS = 20;

describeWithPty('tap-to-check-in time through a pty', () => {
  let t: TestHub;
  let site: Site;
  let place: ReturnType<typeof ptyPlace>;
  let pair: PtyPair;
  let chip: Pn532Emulator;
  let bridge: ReaderBridge;
  let panel: SimPanel;

  beforeAll(async () => {
    t = await startTestHub();
    site = await provisionRoom(t);
    place = ptyPlace();
    pair = await place.startPair();
    chip = await Pn532Emulator.open(pair.deviceSide);
    bridge = await ReaderBridge.start({
      serial: pair.hostSide, protocol: 'pn532', url: t.mqttUrl, deviceId: site.reader.id, token: site.reader.token,
      queueFile: join(place.dir, 'queue.jsonl'), clock: t.clock,
    });
    panel = await SimPanel.connect({ url: t.mqttUrl, deviceId: site.panel.id, token: site.panel.token, room: site.room });
  });
  afterAll(async () => {
    await bridge.stop();
    await chip.close();
    await pair.stop();
    await panel.close();
    await t.stop();
    place.remove();
  });

  /** Resolves with the moment the panel receives the booking's `in_use` state. */
  const inUseAt = (bookingId: string) =>
    new Promise<number>((resolve) => {
      const listener = () => {
        // SimPanel's own listener ran first and parsed the state.
        if (panel.state?.status === 'in_use' && panel.state.current?.bookingId === bookingId) {
          panel.client.off('message', listener);
          resolve(performance.now());
        }
      };
      panel.client.on('message', listener);
    });

  it(`measures ${RUNS} check-ins`, async () => {
    await new Promise<void>((resolve) => (bridge.readerState === 'online' ? resolve() : bridge.once('reader', () => resolve())));
    const times: number[] = [];
    const afterRead: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const uid = `0A${(0x100000 + i).toString(16).toUpperCase()}`; // 4-byte UIDs, one per person
      const person = await t.api('POST', '/api/users', { id: `person-${i}`, username: `person-${i}`, name: `Person ${i}`, badgeUid: uid });
      expect(person.status).toBe(201);
      const b = await book(t, site, 0, 20, { host: `person-${i}`, attendees: [] });
      await panel.waitForStatus('awaiting_checkin');
      // The loop runs in step with the reader's polling (each run starts right after a check-in):
      // present each card at a different point of the 100 ms poll cycle, or every run waits alike.
      await new Promise((r) => setTimeout(r, (i * 37) % 100));
      const seen = inUseAt(b.id);
      const read = new Promise<number>((resolve) => bridge.once('tap', () => resolve(performance.now())));
      const presented = performance.now();
      chip.present(uid);
      const done = await seen;
      times.push(done - presented);
      afterRead.push(done - (await read));
      chip.remove();
      expect((await t.api('GET', `/api/bookings/${b.id}`)).body.status).toBe('checked_in');
      t.clock.advance(20 * MIN);
      await t.hub.tick();
      await panel.waitForStatus('free');
    }
    const ms = (v: number) => `${v.toFixed(1)} ms`;
    const quantile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))]!;
    console.log(
      `tap-to-check-in through the pty (PN532 emulator, 100 ms polling), ${RUNS} runs: p50 ${ms(quantile(times, 0.5))}, p90 ${ms(quantile(times, 0.9))}, ` +
        `min ${ms(Math.min(...times))}, max ${ms(Math.max(...times))}; of which card read -> panel in_use (bridge, MQTT, hub): p50 ${ms(quantile(afterRead, 0.5))}`,
    );
    expect(bridge.stats.taps).toBe(RUNS);
  });
});
