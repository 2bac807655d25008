/**
 * Badge readers end to end through real parts: an emulated reader on one end
 * of a socat pty, the reader bridge on the other (node-serialport's native
 * binding on both), MQTT to a real hub with its broker and database. The hub
 * runs on a manual clock; the bridge stamps taps with that clock.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { SimPanel } from '../../firmware-sim/panel.js';
import { Pn532Emulator } from '../../firmware-sim/pn532-emulator.js';
import type { PtyPair } from '../../firmware-sim/pty-pair.js';
import { Rdm6300Emulator } from '../../firmware-sim/rdm6300-emulator.js';
import { waitFor } from '../../firmware-sim/wait.js';
import { encodeEm4100Frame } from '../../hub/serial/rdm6300-parser.js';
import { ReaderBridge, type ReaderBridgeOptions } from '../../hub/serial/reader-bridge.js';
import type { TapPayload } from '../../shared/schemas/mqtt.js';
import { book, freePort, handledCount, MIN, provisionRoom, type Site, startTestHub, type TestHub } from '../support/hub-fixture.js';
import { describeWithPty, ptyPlace } from '../support/pty.js';

const EM4100_BADGE = '0F00C0FFEE';

describeWithPty('badge readers: emulator -> pty -> reader bridge -> hub', () => {
  let t: TestHub;
  let site: Site;
  let place: ReturnType<typeof ptyPlace>;
  let pair: PtyPair;
  let panel: SimPanel;
  let bridge: ReaderBridge | undefined;
  let reader: { close(): Promise<void> } | undefined;

  beforeEach(async () => {
    // A fixed MQTT port, so the bridge finds the hub again after t.restart().
    t = await startTestHub('sqlite', { HUB_MQTT_PORT: String(await freePort()) });
    site = await provisionRoom(t);
    place = ptyPlace();
    pair = await place.startPair();
    panel = await SimPanel.connect({ url: t.mqttUrl, deviceId: site.panel.id, token: site.panel.token, room: site.room });
  });
  afterEach(async () => {
    await bridge?.stop();
    await reader?.close();
    await pair.stop();
    await panel.close();
    await t.stop();
    place.remove();
    bridge = reader = undefined;
  });

  const startBridge = async (protocol: ReaderBridgeOptions['protocol'], extra: Partial<ReaderBridgeOptions> = {}) => {
    bridge = await ReaderBridge.start({
      serial: pair.hostSide,
      protocol,
      url: t.mqttUrl,
      deviceId: site.reader.id,
      token: site.reader.token,
      queueFile: join(place.dir, 'queue.jsonl'),
      clock: t.clock,
      reopenMinMs: 50,
      reopenMaxMs: 400,
      livenessMs: 100,
      mqttReconnectMs: 100,
      session: { pollIntervalMs: 50 },
      ...extra,
    });
    return bridge;
  };
  const pn532 = async () => {
    const chip = await Pn532Emulator.open(pair.deviceSide);
    reader = chip;
    return chip;
  };
  const readerDevice = async () => (await t.api('GET', '/api/devices')).body.find((d: any) => d.id === site.reader.id);
  const waitForDevice = (status: string) => waitFor(async () => ((await readerDevice())?.status === status ? readerDevice() : null), { what: `reader status ${status}` });
  const addEmHolder = async () => {
    const r = await t.api('POST', '/api/users', { id: 'em-holder', username: 'em-holder', name: 'Wang Fang', badgeUid: EM4100_BADGE });
    expect(r.status).toBe(201);
    return 'em-holder';
  };
  const booking = async (id: string) => (await t.api('GET', `/api/bookings/${id}`)).body;
  const attendanceOf = (detail: any, user: string) => detail.attendance.find((a: any) => a.user === user)?.status;

  it('PN532: the host badge checks the meeting in on time; a card held on the reader is one tap', async () => {
    const b = await book(t, site, 0);
    const chip = await pn532();
    const bridge = await startBridge('pn532');
    expect((await waitForDevice('online')).firmware).toBe('PN532 v1.6');
    expect(chip.seen.samConfigured).toBe(true);

    chip.present(site.hostBadge);
    const state = await panel.waitForStatus('in_use');
    expect(state.current?.bookingId).toBe(b.id);
    await t.hub.idle(); // the panel learns first; the sign-in is written right after
    const detail = await booking(b.id);
    expect(detail.status).toBe('checked_in');
    expect(detail.checkInEvidence).toBe('badge');
    expect(attendanceOf(detail, site.host.id)).toBe('on_time');

    const reads = bridge.stats.reads;
    await waitFor(() => bridge.stats.reads >= reads + 5, { what: 'five more reads of the card left on the reader' });
    await t.hub.idle();
    expect(chip.seen.cardReports).toBeGreaterThanOrEqual(6);
    expect(bridge.stats.taps).toBe(1);
    expect(await handledCount(t, 'reader_tap')).toBe(1);
  });

  it('RDM6300: an EM4100 badge signs its holder in late, as tech em4100', async () => {
    const b = await book(t, site, 0, 60, { attendees: [site.guest.id, await addEmHolder()] });
    t.clock.advance(3 * MIN);
    const module = await Rdm6300Emulator.open(pair.deviceSide, 30);
    reader = module;
    const bridge = await startBridge('rdm6300');
    const taps: TapPayload[] = [];
    bridge.on('delivered', (tap: TapPayload) => taps.push(tap));
    expect((await waitForDevice('online')).firmware).toBe('RDM6300 (EM4100)');

    const damaged = encodeEm4100Frame(EM4100_BADGE);
    damaged[5] = 0x30; // one hex digit changed on the line: the checksum no longer fits
    module.sendRaw(Buffer.concat([Buffer.from('noise'), damaged]));
    module.present(EM4100_BADGE);
    await panel.waitForStatus('in_use');
    expect(bridge.badFrames()).toBe(1);
    await waitFor(() => module.framesSent >= 6, { what: 'the module to repeat the frame' });
    module.remove();
    await t.hub.idle();
    expect(attendanceOf(await booking(b.id), 'em-holder')).toBe('late');
    expect(taps).toEqual([expect.objectContaining({ uid: EM4100_BADGE, tech: 'em4100', at: new Date(t.clock.now()).toISOString() })]);
    expect(bridge.stats.reads).toBeGreaterThanOrEqual(2);
  });

  it.each(['pn532', 'rdm6300'] as const)('%s unplugged and plugged back in: the bridge says offline, reopens, and a later tap arrives', async (protocol) => {
    const open = () => (protocol === 'pn532' ? pn532() : Rdm6300Emulator.open(pair.deviceSide, 30).then((m) => (reader = m)));
    await open();
    const bridge = await startBridge(protocol);
    await waitForDevice('online');

    await pair.stop(); // the plug pulled: socat ends, both ptys hang up, the links go
    await reader!.close();
    await waitFor(() => bridge.readerState === 'unplugged', { what: 'the bridge to notice' });
    await waitForDevice('offline');

    pair = await place.startPair(); // plugged back in, same path
    const again = await open();
    await waitForDevice('online');
    expect(bridge.stats.opens).toBe(2);

    const b = await book(t, site, 0, 60, { attendees: [site.guest.id, await addEmHolder()] });
    again.present(protocol === 'pn532' ? site.hostBadge : EM4100_BADGE);
    await panel.waitForStatus('in_use');
    expect((await booking(b.id)).status).toBe('checked_in');
  });

  it('hub down: taps wait on disk with their own times and arrive once, in order, when it is back', async () => {
    const b = await book(t, site, 0);
    const chip = await pn532();
    const bridge = await startBridge('pn532');
    await waitForDevice('online');
    const delivered: string[] = [];
    bridge.on('delivered', (tap: TapPayload) => delivered.push(tap.id));

    await t.hub.stop();
    await waitFor(() => !bridge.client.connected, { what: 'the bridge to lose the hub' });
    const tapsWhileDown: string[] = [];
    bridge.on('tap', (tap: TapPayload) => tapsWhileDown.push(tap.id));
    for (const [uid, minutes] of [[site.hostBadge, 0], [site.guestBadge, 4], ['DEADBEEF', 1]] as const) {
      t.clock.advance(minutes * MIN);
      const queued = bridge.queue.size;
      chip.present(uid);
      await waitFor(() => bridge.queue.size === queued + 1, { what: `the tap of ${uid} to be queued` });
      chip.remove();
    }
    await waitFor(() => bridge.queue.size === 3, { what: 'three taps queued' });
    expect(readFileSync(bridge.queue.file, 'utf8').trim().split('\n')).toHaveLength(3);

    await t.restart();
    await waitFor(() => delivered.length === 3, { timeout: 10_000, what: 'the queue to drain' });
    await t.hub.idle();
    expect(delivered).toEqual(tapsWhileDown);
    expect(bridge.queue.size).toBe(0);
    expect(readFileSync(bridge.queue.file, 'utf8')).toBe('');
    expect(await handledCount(t, 'reader_tap')).toBe(3);
    expect(await t.hub.metrics.total('hub_sign_ins_total')).toBe(2);
    expect(await t.hub.metrics.total('hub_mqtt_duplicate_messages_total')).toBe(0);
    const detail = await booking(b.id);
    expect(detail.status).toBe('checked_in');
    expect(attendanceOf(detail, site.host.id)).toBe('on_time'); // tapped at the start, delivered 5 minutes later
    expect(attendanceOf(detail, site.guest.id)).toBe('late');
  });

  it('runs inside the hub process for a reader named in HUB_SERIAL_READERS, and stops with it', async () => {
    const chip = await pn532();
    const entry = { path: pair.hostSide, protocol: 'pn532', device: site.reader.id, token: site.reader.token, debounce: '1s', queue: join(place.dir, 'hub-queue.jsonl') };
    await t.restart({ HUB_SERIAL_READERS: JSON.stringify([entry]) });
    const [inHub] = t.hub.readers.bridges;
    expect((await waitForDevice('online')).firmware).toBe('PN532 v1.6');
    const b = await book(t, site, 0);
    chip.present(site.guestBadge);
    await panel.waitForStatus('in_use');
    await t.hub.idle();
    expect(attendanceOf(await booking(b.id), site.guest.id)).toBe('on_time');
    expect(inHub!.stats.taps).toBe(1);

    await t.hub.readers.stop(); // what hub.stop() does first: the reader says offline while the broker still listens
    expect(inHub!.readerState).toBe('stopped');
    await waitForDevice('offline');
  });
});
