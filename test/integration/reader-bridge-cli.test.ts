/**
 * The documented standalone command, run as its own process: `npm run
 * reader-bridge -- --serial … --protocol … --mqtt … --device … --token …`,
 * and the shipped program it runs, `node dist/reader-bridge/cli.js` (built by
 * `npm run build:hub`; issue 13: plain JavaScript, stopped within 1 s by
 * SIGTERM or SIGINT however it was started).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, expect, it } from 'vitest';
import { SimPanel } from '../../firmware-sim/panel.js';
import { Pn532Emulator } from '../../firmware-sim/pn532-emulator.js';
import type { PtyPair } from '../../firmware-sim/pty-pair.js';
import { waitFor } from '../../firmware-sim/wait.js';
import { book, provisionRoom, type Site, startTestHub, type TestHub } from '../support/hub-fixture.js';
import { describeWithPty, ptyPlace } from '../support/pty.js';

const ROOT = new URL('../../', import.meta.url).pathname;
const BRIDGE = join(ROOT, 'dist/reader-bridge/cli.js');
if (!existsSync(BRIDGE)) throw new Error(`${BRIDGE} is missing: run npm run build:hub`);

/** Processes whose command line contains `marker` (the bridge's unique queue file), by pid. */
function processesWith(marker: string): number[] {
  const pids: number[] = [];
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      if (readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(marker)) pids.push(Number(pid));
    } catch {
      // it ended while we looked
    }
  }
  return pids;
}

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
    // The shipped program: plain JavaScript run by node.
    bridge = run(process.execPath, [
      BRIDGE, '--serial', pair.hostSide, '--protocol', 'pn532', '--mqtt', t.mqttUrl,
      '--device', site.reader.id, '--token', site.reader.token, '--queue', join(place.dir, 'queue.jsonl'), '--debounce', '2s',
    ]);
    // 30 s: under `npm run` on a loaded CI machine npm's own start-up comes first.
        await waitFor(async () => (await readerStatus()) === 'online', { timeout: 30_000, what: () => `the bridge to come online; it said: ${bridge!.out.text}` });
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

  // Issue 13: however it was started (systemd runs node directly; a person runs npm run), a
  // SIGTERM or SIGINT to the process they hold ends the bridge, and every process under it,
  // within a second, after a clean stop (offline said, exit code 0).
  const stops: { how: string; signal: string; ms: number }[] = [];
  afterAll(() => {
    mkdirSync(join(ROOT, 'test-output'), { recursive: true });
    writeFileSync(join(ROOT, 'test-output/reader-bridge-stop.json'), `${JSON.stringify(stops, null, 2)}\n`);
  });
  const starts = {
    'node dist/reader-bridge/cli.js': (args: string[]) => run(process.execPath, [BRIDGE, ...args]),
    'npm run reader-bridge': (args: string[]) => run('npm', ['run', '--silent', 'reader-bridge', '--', ...args]),
  };
  for (const [how, start] of Object.entries(starts)) {
    for (const signal of ['SIGTERM', 'SIGINT'] as const) {
      it(`${how}: ${signal} stops it cleanly within 1 s`, async () => {
        const queue = join(place.dir, `queue-${how.split(' ')[0]}-${signal}.jsonl`);
        bridge = start(['--serial', pair.hostSide, '--protocol', 'pn532', '--mqtt', t.mqttUrl, '--device', site.reader.id, '--token', site.reader.token, '--queue', queue]);
        // 30 s: under `npm run` on a loaded CI machine npm's own start-up comes first.
        await waitFor(async () => (await readerStatus()) === 'online', { timeout: 30_000, what: () => `the bridge to come online; it said: ${bridge!.out.text}` });
        await waitFor(() => /"msg":"reader online"/.test(bridge!.out.text), { timeout: 10_000, what: () => `the PN532 to be ready; the bridge said: ${bridge!.out.text}` });
        expect(processesWith(queue).length).toBeGreaterThanOrEqual(1);
        const sent = performance.now();
        bridge.child.kill(signal);
        const code = await bridge.exited;
        // npm exits once its script has; the bridge's own process must be gone too.
        await waitFor(() => processesWith(queue).length === 0, { timeout: 2000, interval: 10, what: 'every process of the bridge to end' });
        const ms = Math.round(performance.now() - sent);
        stops.push({ how, signal, ms });
        expect(code).toBe(0);
        expect(ms).toBeLessThan(1000);
        expect(bridge.out.text).toContain(`"signal":"${signal}","msg":"reader bridge stopped"`);
        await waitFor(async () => (await readerStatus()) === 'offline', { what: 'the reader to be offline' });
      }, 60_000);
    }
  }
});
