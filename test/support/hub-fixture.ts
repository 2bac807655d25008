/** Starts a real hub (Aedes broker, Fastify, database) on ephemeral loopback ports for a test. */
import { freePort } from '../../firmware-sim/free-port.js';
import { loadConfig } from '../../hub/config.js';
import { ManualClock } from '../../hub/clock.js';
import { type Hub, type HubOptions, startHub } from '../../hub/main.js';
import { SimPanel } from '../../firmware-sim/panel.js';
import { SimReader } from '../../firmware-sim/reader.js';
import { SimSensor } from '../../firmware-sim/sensor.js';
import { createTestDatabase, type Provider, type TestDatabase } from './databases.js';

export const ADMIN_PASSWORD = 'admin-pass-1';
/** A Tuesday morning: inside the default opening hours in UTC. */
export const T0 = Date.parse('2026-12-01T09:00:00Z');
export const MIN = 60_000;

export interface TestHub {
  hub: Hub;
  clock: ManualClock;
  db: TestDatabase;
  adminToken: string;
  api<T = any>(method: string, path: string, body?: unknown, token?: string | null): Promise<{ status: number; body: T }>;
  mqttUrl: string;
  wsUrl: string;
  /** Stops and starts the hub on the same database; `env` adds or overrides variables for the new start. */
  restart(env?: Record<string, string>): Promise<void>;
  /** Starts the hub again on the same database (and ports, when pinned) after `hub.stop()`. */
  startAgain(): Promise<void>;
  /** Signs the admin in again (sessions expire on the hub's clock: after `clock.advance` past 12 h). */
  signInAgain(): Promise<void>;
  stop(): Promise<void>;
}


export async function startTestHub(
  provider: Provider = 'sqlite',
  env: Record<string, string> = {},
  opts: { pinPorts?: boolean; logger?: HubOptions['logger'] } = {},
): Promise<TestHub> {
  const db = await createTestDatabase(provider);
  if (opts.pinPorts) {
    env = { HUB_HTTP_PORT: String(await freePort()), HUB_MQTT_PORT: String(await freePort()), ...env };
  }
  const clock = new ManualClock(T0);
  const baseEnv = {
    HUB_HTTP_PORT: '0',
    HUB_MQTT_PORT: '0',
    HUB_HOST: '127.0.0.1',
    DATABASE_URL: db.url,
    HUB_DATA_DIR: db.dataDir,
    HUB_ADMIN_PASSWORD: ADMIN_PASSWORD,
    HUB_TIME_ZONE: 'UTC',
    HUB_LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    ...env,
  };
  let config = loadConfig(baseEnv);
  const t: TestHub = {
    hub: await startHub(config, { clock, timers: false, logger: opts.logger }),
    clock,
    db,
    adminToken: '',
    mqttUrl: '',
    wsUrl: '',
    async api(method, path, body, token = t.adminToken) {
      const res = await fetch(`http://127.0.0.1:${t.hub.httpPort}${path}`, {
        method,
        headers: {
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : undefined };
    },
    async restart(more) {
      await t.hub.stop();
      if (more) config = loadConfig({ ...baseEnv, ...more });
      await t.startAgain();
    },
    async startAgain() {
      t.hub = await startHub(config, { clock, timers: false, logger: opts.logger });
      setUrls();
    },
    async stop() {
      await t.hub.stop();
      await db.drop();
    },
    async signInAgain() {
      const again = await t.api('POST', '/api/session', { username: 'admin', password: ADMIN_PASSWORD }, null);
      if (again.status !== 200) throw new Error(`admin login failed: ${JSON.stringify(again.body)}`);
      t.adminToken = again.body.token;
    },
  };
  const setUrls = () => {
    t.mqttUrl = `mqtt://127.0.0.1:${t.hub.mqttPort}`;
    t.wsUrl = `ws://127.0.0.1:${t.hub.httpPort}/mqtt`;
  };
  setUrls();
  await t.signInAgain();
  return t;
}

/** A room with a panel, a reader and a sensor, and two people with badges. */
export async function provisionRoom(t: TestHub, room = 'alpha', opts: { sensor?: boolean } = {}) {
  const ok = <T>(r: { status: number; body: T }, status = 201): T => {
    if (r.status !== status) throw new Error(`expected ${status}, got ${r.status}: ${JSON.stringify(r.body)}`);
    return r.body;
  };
  ok(await t.api('POST', '/api/rooms', { id: room, name: `Room ${room}`, capacity: 10, equipment: ['projector', 'whiteboard'], timeZone: 'UTC' }));
  const device = async (kind: string) =>
    ok<{ id: string; token: string }>(await t.api('POST', '/api/devices', { kind, room, id: `${room}-${kind}` }));
  const panel = await device('panel');
  const reader = await device('reader');
  const sensor = opts.sensor === false ? null : await device('sensor');
  const host = ok<{ id: string }>(await t.api('POST', '/api/users', { id: `${room}-host`, username: `${room}-host`, name: 'Li Wei', badgeUid: `${room === 'alpha' ? 'A1' : 'B1'}00AA01`.toUpperCase(), password: 'host-pass-1' }));
  const guest = ok<{ id: string }>(await t.api('POST', '/api/users', { id: `${room}-guest`, username: `${room}-guest`, name: 'Zhang Min', badgeUid: `${room === 'alpha' ? 'A1' : 'B1'}00AA02`.toUpperCase() }));
  return { room, panel: panel as typeof panel & { provisioningUrl?: string }, reader, sensor, host, guest, hostBadge: `${room === 'alpha' ? 'A1' : 'B1'}00AA01`, guestBadge: `${room === 'alpha' ? 'A1' : 'B1'}00AA02` };
}

export type Site = Awaited<ReturnType<typeof provisionRoom>>;

export async function book(t: TestHub, site: Site, startOffsetMin: number, minutes = 60, extra: Record<string, unknown> = {}) {
  const start = new Date(t.clock.now() + startOffsetMin * MIN).toISOString();
  const end = new Date(t.clock.now() + (startOffsetMin + minutes) * MIN).toISOString();
  const r = await t.api('POST', '/api/bookings', { room: site.room, title: 'Weekly review', start, end, headcount: 2, host: site.host.id, attendees: [site.guest.id], ...extra });
  if (r.status !== 201) throw new Error(`booking failed ${r.status}: ${JSON.stringify(r.body)}`);
  return r.body as { id: string; start: string; end: string; status: string };
}

export async function connectDevices(t: TestHub, site: Site) {
  const panel = await SimPanel.connect({ url: t.mqttUrl, deviceId: site.panel.id, token: site.panel.token, room: site.room });
  const reader = await SimReader.connect({ url: t.mqttUrl, deviceId: site.reader.id, token: site.reader.token });
  const sensor = site.sensor ? await SimSensor.connect({ url: t.mqttUrl, deviceId: site.sensor.id, token: site.sensor.token }) : null;
  return {
    panel,
    reader,
    sensor,
    async close() {
      await Promise.all([panel.close(), reader.close(), sensor?.close()]);
    },
  };
}

/** How many device messages of one kind the hub has finished handling. */
export async function handledCount(t: TestHub, kind: string): Promise<number> {
  const m = await t.hub.metrics.registry.getSingleMetric('hub_mqtt_handle_duration_seconds')?.get();
  return m?.values.find((v) => (v as { metricName?: string }).metricName === 'hub_mqtt_handle_duration_seconds_count' && v.labels.kind === kind)?.value ?? 0;
}

/** A free loopback port, for a hub whose ports must stay the same across `restart()`. */
export { freePort };
