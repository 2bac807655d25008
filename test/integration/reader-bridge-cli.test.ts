/**
 * The documented standalone command, run as its own process: `npm run
 * reader-bridge -- --serial … --protocol … --mqtt … --device … --token …`.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { SimPanel } from '../../firmware-sim/panel.js';
import { Pn532Emulator } from '../../firmware-sim/pn532-emulator.js';
import type { PtyPair } from '../../firmware-sim/pty-pair.js';
import { waitFor } from '../../firmware-sim/wait.js';
import { book, provisionRoom, type Site, startTestHub, type TestHub } from '../support/hub-fixture.js';
import { describeWithPty, ptyPlace } from '../support/pty.js';

const ROOT = new URL('../../', import.meta.url).pathname;

function run(command: string, args: string[]) {
  const child = spawn(command, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  const out = { text: '', code: null as number | null };
  child.stdout!.on('data', (d: Buffer) => (out.text += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out.text += d.toString()));
  const exited = new Promise<number | null>((resolve) => {
    child.once('exit', (code) => resolve((out.code = code)));
    child.once('error', (err) => {
      out.text += String(err);
      resolve((out.code = -1)); // could not start it at all
    });
  });
  return { child, out, exited };
}

it('npm run reader-bridge refuses a bad protocol with the usage and exit code 2', async () => {
  const r = run('npm', ['run', '--silent', 'reader-bridge', '--', '--serial', '/dev/null', '--protocol', 'wiegand', '--mqtt', 'mqtt://127.0.0.1:1', '--device', 'x', '--token', 'y']);
  expect(await r.exited).toBe(2);
  expect(r.out.text).toMatch(/--protocol: .*pn532.*rdm6300/);
  expect(r.out.text).toMatch(/usage: npm run reader-bridge -- --serial <path>/);
});

describeWithPty('the reader-bridge command', () => {
  let t: TestHub;
  let site: Site;
  let place: ReturnType<typeof ptyPlace>;
  let pair: PtyPair;
  let chip: Pn532Emulator;
  let bridge: ReturnType<typeof run> | undefined;

  beforeEach(async () => {
    t = await startTestHub();
    site = await provisionRoom(t);
    place = ptyPlace();
    pair = await place.startPair();
    chip = await Pn532Emulator.open(pair.deviceSide);
  });
  afterEach(async () => {
    if (bridge && bridge.out.code === null) {
      bridge.child.kill('SIGKILL'); // only the process this test started
      await bridge.exited;
    }
    await chip.close();
    await pair.stop();
    await t.stop();
    place.remove();
  });

  const readerStatus = async () => (await t.api('GET', '/api/devices')).body.find((d: any) => d.id === site.reader.id)?.status;

  it('bridges a PN532 on a serial port to the hub, and says offline when stopped', async () => {
    const b = await book(t, site, 0);
    const panel = await SimPanel.connect({ url: t.mqttUrl, deviceId: site.panel.id, token: site.panel.token, room: site.room });
    // tsx directly: npm does not pass SIGTERM on to the script, a terminal's Ctrl-C reaches both.
    bridge = run(join(ROOT, 'node_modules/.bin/tsx'), [
      'hub/serial/cli.ts', '--serial', pair.hostSide, '--protocol', 'pn532', '--mqtt', t.mqttUrl,
      '--device', site.reader.id, '--token', site.reader.token, '--queue', join(place.dir, 'queue.jsonl'), '--debounce', '2s',
    ]);
    await waitFor(async () => (await readerStatus()) === 'online', { timeout: 15_000, what: `the bridge to come online; it said: ${bridge.out.text}` });
    chip.present(site.hostBadge);
    await panel.waitForStatus('in_use');
    expect((await t.api('GET', `/api/bookings/${b.id}`)).body.status).toBe('checked_in');
    await waitFor(() => /"msg":"tap delivered"/.test(bridge!.out.text), { what: 'the delivery to be logged' });

    bridge.child.kill('SIGTERM');
    expect(await bridge.exited).toBe(0);
    expect(bridge.out.text).toMatch(/reader bridge stopped/);
    await waitFor(async () => (await readerStatus()) === 'offline', { what: 'the reader to be offline' });
    await panel.close();
  });
});
