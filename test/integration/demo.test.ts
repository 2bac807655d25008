/** The `--demo` day, run fast: the newcomer's first look must show each behaviour it promises. */
import { DateTime } from 'luxon';
import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDemo } from '../../firmware-sim/demo.js';
import { waitFor } from '../../firmware-sim/wait.js';
import { AcceleratedClock } from '../../hub/clock.js';
import { loadConfig } from '../../hub/config.js';
import { type Hub, startHub } from '../../hub/main.js';
import { createTestDatabase, type TestDatabase } from '../support/databases.js';
import { ptyAvailable } from '../support/pty.js';

describe('demo day (npm start -- --demo)', () => {
  let hub: Hub;
  let db: TestDatabase;
  let demo: { stop(): Promise<void> };
  let clock: AcceleratedClock;
  const lines: string[] = [];
  const log = console.log;

  beforeAll(async () => {
    db = await createTestDatabase('sqlite');
    const config = loadConfig({ HUB_HTTP_PORT: '0', HUB_MQTT_PORT: '0', HUB_HOST: '127.0.0.1', DATABASE_URL: db.url, HUB_DATA_DIR: db.dataDir, HUB_TIME_ZONE: 'UTC', HUB_LOG_LEVEL: 'silent', HUB_SWEEP_INTERVAL: '100' });
    clock = new AcceleratedClock(DateTime.utc().set({ hour: 8, minute: 40, second: 0, millisecond: 0 }).toMillis(), 600);
    hub = await startHub(config, { clock });
    console.log = (...a: unknown[]) => lines.push(a.join(' '));
    demo = await runDemo(hub, config, clock);
  });
  afterAll(async () => {
    console.log = log;
    await demo.stop();
    await hub.stop();
    await db.drop();
  });

  const bookingOf = async (room: string, title: RegExp) =>
    (await hub.deps.reads.bookings.list({ roomId: room })).find((b) => title.test(b.title));

  it('shows an on-time and a late sign-in, a no-show release, a presence check-in, a ghost meeting, a walk-up and a fault', async () => {
    const cutoff = DateTime.fromMillis(clock.now(), { zone: 'UTC' }).set({ hour: 11, minute: 5 }).toMillis();
    await waitFor(() => clock.now() >= cutoff, { timeout: 30_000, interval: 100, what: 'the demo to reach 11:05' });
    const weekly = await bookingOf('alpha', /Weekly/);
    expect(weekly?.checkInEvidence).toBe('badge');
    const attendance = await hub.deps.reads.attendance.list(weekly!.id);
    expect(attendance.find((a) => a.userId === 'liwei')?.status).toBe('on_time');
    expect(attendance.find((a) => a.userId === 'zhangmin')?.status).toBe('late');
    expect(attendance.find((a) => a.userId === 'chenjie')?.status).toBe('absent');
    expect((await bookingOf('beta', /Supplier/))?.status).toBe('released');
    const review = await bookingOf('gamma', /Monthly/);
    expect(review?.checkInEvidence).toBe('presence');
    expect(review?.status).toBe('completed');
    expect(review?.closeReason).toBe('room_empty');
    expect((await bookingOf('beta', /Walk-up/))?.status).toMatch(/checked_in|completed/);
    expect(await hub.metrics.total('hub_faults_reported_total')).toBe(1);
    expect(lines.some((l) => /no-show/.test(l))).toBe(true);
    expect(lines.some((l) => /ghost meeting/.test(l))).toBe(true);
    if (ptyAvailable) {
      // Alpha's sign-ins above went emulated PN532 -> pty -> reader bridge -> hub.
      expect(lines.some((l) => /emulated PN532 on a pseudo-terminal/.test(l))).toBe(true);
      expect((await hub.deps.reads.devices.get('alpha-reader'))?.firmware).toBe('PN532 v1.6');
    }
  }, 45_000);

  it('ends the day with a closing line saying what to try next: a panel link that works, the dashboard, the API reference', async () => {
    await waitFor(() => lines.some((l) => /The demo day is over/.test(l)), { timeout: 60_000, interval: 200, what: 'the closing line' });
    const closing = lines.find((l) => /The demo day is over/.test(l))!;
    const base = `http://localhost:${hub.httpPort}`;
    expect(closing).toContain(`the dashboard, signed in as admin: ${base}/`);
    expect(closing).toContain(`the API reference: ${base}/docs`);
    const link = /door panel in a browser: (\S+)/.exec(closing)?.[1];
    expect(link).toMatch(new RegExp(`^${base}/panel/#device=alpha-panel`));
    // The link's credentials are the panel's own: the hub accepts them (the simulated panel stepped aside).
    const params = new URLSearchParams(new URL(link!).hash.slice(1));
    const device = params.get('device')!;
    const client = await mqtt.connectAsync(`mqtt://127.0.0.1:${hub.mqttPort}`, { clientId: device, username: device, password: params.get('token')!, reconnectPeriod: 0 });
    expect(client.connected).toBe(true);
    await client.endAsync();
    const res = await fetch(`http://127.0.0.1:${hub.httpPort}/panel/`);
    expect(res.status).toBe(200);
  }, 70_000);
});
