/**
 * A Redis outage in a site of two hubs (contract §9, docs/cluster.md): the test runs
 * a redis-server of its own on a free loopback port (the shared one on 6379 stays up
 * for the other tests), kills it with SIGKILL and starts it again, empty (no
 * persistence, the worst case), on the same port.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import type mqtt from 'mqtt';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../firmware-sim/free-port.js';
import { waitFor } from '../../firmware-sim/wait.js';
import { createTestDatabase, postgresAvailable, type TestDatabase } from '../support/databases.js';
import { type HubProcess, startHubProcess } from '../support/hub-process.js';
import { connectDevice, panelRequest, type SiteDevice, subscribeResponses, watchRoom } from '../support/site-clients.js';
import { openSql } from '../support/sql.js';

const MIN = 60_000;
const ALL_WEEK = [{ days: [1, 2, 3, 4, 5, 6, 7], open: '00:00', close: '24:00' }];
const ROOT = 'meeting/v1';
const ROOM = 'outage-room';

const redisServer = spawnSync('redis-server', ['--version']).status === 0;
const ready = postgresAvailable && redisServer;
if (!ready)
  console.warn(`SKIPPED: cluster-outage.test.ts needs PostgreSQL and the redis-server binary (${postgresAvailable ? '' : 'PostgreSQL missing '}${redisServer ? '' : 'redis-server missing'})`);

/** A redis-server of this test's own, started and killed at will on one port. */
class OwnRedis {
  private child: ChildProcess | null = null;
  constructor(readonly port: number) {}

  get url() {
    return `redis://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    const child = spawn('redis-server', ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    this.child = child;
    const probe = new Redis(this.url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    probe.on('error', () => {});
    try {
      await waitFor(
        async () =>
          (await probe.connect().then(
            () => probe.ping(),
            () => null,
          )) === 'PONG',
        { timeout: 5000, interval: 20, what: `redis-server on port ${this.port}` },
      );
    } finally {
      probe.disconnect();
    }
  }

  async kill(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    await exited;
  }
}

describe.skipIf(!ready)('a Redis outage in a site of two hubs', () => {
  let db: TestDatabase;
  let redis: OwnRedis;
  const hubs: HubProcess[] = [];
  const A = () => hubs[0]!;
  const B = () => hubs[1]!;
  const clients: mqtt.MqttClient[] = [];

  beforeAll(async () => {
    redis = new OwnRedis(await freePort());
    await redis.start();
    db = await createTestDatabase('postgresql');
    const env = (node: string) => ({ HUB_REDIS_URL: redis.url, HUB_NODE_ID: node });
    // A first: it migrates the database and takes the timers.
    hubs.push(await startHubProcess({ databaseUrl: db.url, dataDir: db.dataDir, env: env('A') }));
    hubs.push(await startHubProcess({ databaseUrl: db.url, dataDir: db.dataDir, env: env('B') }));
  }, 90_000);

  afterAll(async () => {
    for (const c of clients) c.end(true);
    for (const [i, h] of hubs.entries()) if (!h.running) console.log(`[outage] hub ${'AB'[i]} died:\n${h.logs().slice(-4000)}`);
    await Promise.all(hubs.map((h) => h.stop()));
    await db?.drop();
    await redis?.kill();
  });

  const health = async (h: HubProcess) => (await h.api('GET', '/api/health', undefined, { token: null, timeoutMs: 3000 })).body;
  const device = async (kind: string): Promise<SiteDevice> => {
    const r = await A().api<SiteDevice>('POST', '/api/devices', { kind, room: ROOM });
    expect(r.status, r.text).toBe(201);
    return r.body;
  };

  it('while Redis is down a tap through hub A is acknowledged and recorded and both hubs answer; when it is back the panel on hub B is current within seconds and messages cross hubs again', async () => {
    const room = await A().api('POST', '/api/rooms', { id: ROOM, name: 'Outage', capacity: 10, timeZone: 'UTC', openingHours: ALL_WEEK });
    expect(room.status, room.text).toBe(201);
    for (const [id, uid] of [
      ['out-host', '0C0FFEE1'],
      ['out-guest', '0C0FFEE2'],
    ]) {
      const u = await A().api('POST', '/api/users', { id, username: id, name: id, badgeUid: uid });
      expect(u.status, u.text).toBe(201);
    }
    const start = Date.now() + 3 * MIN;
    const booked = await B().api('POST', '/api/bookings', {
      room: ROOM,
      title: 'Through the outage',
      headcount: 2,
      host: 'out-host',
      attendees: ['out-guest'],
      start: new Date(start).toISOString(),
      end: new Date(start + 30 * MIN).toISOString(),
    });
    expect(booked.status, booked.text).toBe(201);
    // Each hub reads the site's roster once a second: both see both before Redis goes.
    await waitFor(async () => (await Promise.all(hubs.map(health))).every((v) => v.site.hubs.join() === 'A,B'), { timeout: 3000, what: 'both hubs to see A and B' });
    const reader = await device('reader');
    const panelA = await device('panel');
    const panelB = await device('panel');
    const panelLate = await device('panel');
    const readerOnA = await connectDevice([A()], reader);
    const panelOnA = await connectDevice([A()], panelA);
    const panelOnB = await connectDevice([B()], panelB);
    const lateSubscriber = await connectDevice([A()], panelLate);
    clients.push(readerOnA, panelOnA, panelOnB, lateSubscriber);
    const seenOnA = await watchRoom(panelOnA, ROOT, ROOM);
    const seenOnB = await watchRoom(panelOnB, ROOT, ROOM);
    await waitFor(() => seenOnA.state?.status === 'awaiting_checkin' && seenOnB.state?.status === 'awaiting_checkin', { timeout: 3000, what: 'both panels to see awaiting_checkin' });

    await subscribeResponses(panelOnA, ROOT, panelA.id);

    // Redis goes away.
    const killedAt = Date.now();
    await redis.kill();
    await waitFor(async () => (await Promise.all(hubs.map(health))).every((v) => v.site.redis === 'down'), { timeout: 5000, interval: 20, what: 'both hubs to report Redis down' });
    const noticedMs = Date.now() - killedAt;

    // Two taps through hub A: each acknowledged (PUBACK) while Redis is down, the second not held up by the first.
    const tapped = Date.now();
    const tap = (id: string, uid: string) =>
      Promise.race([
        readerOnA.publishAsync(`${ROOT}/reader/${reader.id}/tap`, JSON.stringify({ id, at: new Date().toISOString(), uid }), { qos: 1 }),
        new Promise((_, reject) => setTimeout(() => reject(new Error(`tap ${id} not acknowledged within 5 s while Redis is down`)), 5000)),
      ]);
    await tap('out-tap-1', '0C0FFEE1');
    await tap('out-tap-2', '0C0FFEE2');
    const ackMs = Date.now() - tapped;
    const sql = await openSql(db.url);
    try {
      const events = await sql.query<{ type: string; data: string }>(`SELECT "type", "data" FROM "EventLog" WHERE "bookingId" = $1 AND "type" IN ('booking.checked_in', 'attendance.signed_in')`, [
        booked.body.id,
      ]);
      expect(
        events.filter((e) => e.type === 'booking.checked_in'),
        'the host tap checked the meeting in',
      ).toHaveLength(1);
      const signedIn = events.filter((e) => e.type === 'attendance.signed_in').map((e) => (JSON.parse(e.data) as { userId: string }).userId);
      expect(signedIn.sort()).toEqual(['out-guest', 'out-host']);
    } finally {
      await sql.close();
    }
    // Hub A's own panel still gets hub A's states (local delivery); hub B's cannot until Redis is back.
    await waitFor(() => seenOnA.state?.status === 'in_use', { timeout: 3000, what: 'the panel on hub A to see in_use during the outage' });
    // A panel on hub A is answered (its response does not leave the hub) and sees its change.
    const endBefore = seenOnA.state!.current!.end;
    const extended = await panelRequest(panelOnA, ROOT, panelA.id, 'extend', { minutes: 15 });
    expect(extended.ok, JSON.stringify(extended)).toBe(true);
    await waitFor(() => seenOnA.state!.current!.end !== endBefore, { timeout: 3000, what: 'the panel on hub A to see the extension during the outage' });
    const views = await Promise.all(hubs.map(health));
    expect(hubs.every((h) => h.running)).toBe(true);
    expect(views.map((v) => [v.status, v.node, v.site.redis, v.site.hubs.join()])).toEqual([
      ['ok', 'A', 'down', 'A,B'],
      ['ok', 'B', 'down', 'A,B'],
    ]);
    const bDuring = seenOnB.state?.status;
    // HTTP keeps working on both hubs (PostgreSQL is up).
    const rooms = await B().api('GET', `/api/rooms/${ROOM}`);
    expect(rooms.status).toBe(200);
    // A SUBSCRIBE needs the session store too: the hub must survive it (the client may be refused).
    const lateSubscribe = await Promise.race([
      lateSubscriber.subscribeAsync(`${ROOT}/room/${ROOM}/state`, { qos: 1 }).then(
        () => 'acknowledged',
        (err: Error) => `failed (${err.message})`,
      ),
      new Promise<string>((r) => lateSubscriber.once('close', () => r('connection closed'))),
      new Promise<string>((r) => setTimeout(() => r('no answer in 3 s'), 3000)),
    ]);
    expect(hubs.every((h) => h.running)).toBe(true);
    // A new connection needs the session store (Redis): it is expected to fail now, and is only reported.
    const late = await device('sensor');
    const lateConnect = await connectDevice([A()], late, { timeoutMs: 2500 }).then(
      (c) => {
        c.end(true);
        return 'connected';
      },
      () => 'refused',
    );
    console.log(
      `[outage] hubs saw Redis go within ${noticedMs} ms; two taps through A acknowledged in ${ackMs} ms and recorded; panel on A in_use, panel on B ${bDuring}; a SUBSCRIBE: ${lateSubscribe}; a new connection: ${lateConnect}; health during the outage: ${JSON.stringify(views.map((v) => ({ node: v.node, site: v.site })))}`,
    );

    // Redis comes back, empty, on the same port.
    await new Promise((r) => setTimeout(r, Math.max(0, 3000 - (Date.now() - killedAt))));
    const restartedAt = Date.now();
    await redis.start();
    await waitFor(async () => (await Promise.all(hubs.map(health))).every((v) => v.site.redis === 'up'), { timeout: 5000, interval: 20, what: 'both hubs to reconnect to Redis' });
    const reconnectedMs = Date.now() - restartedAt;
    // Current: what hub A's panel saw during the outage (checked in, extended).
    await waitFor(() => seenOnB.state?.status === 'in_use' && seenOnB.state.current?.end === seenOnA.state!.current!.end, {
      timeout: 5000,
      interval: 20,
      what: 'the panel on hub B to be current again',
    });
    const currentMs = seenOnB.at - restartedAt;
    expect(currentMs).toBeLessThanOrEqual(5000);

    // Messages cross hubs again: the meeting ended through hub A's panel reaches hub B's.
    const beforeEnd = seenOnB.state!.seq;
    const sent = Date.now();
    const ended = await panelRequest(panelOnA, ROOT, panelA.id, 'end');
    expect(ended.ok, JSON.stringify(ended)).toBe(true);
    await waitFor(() => seenOnB.state!.seq > beforeEnd && seenOnB.state!.status !== 'in_use', { timeout: 3000, interval: 10, what: 'the end through hub A to reach the panel on hub B' });
    console.log(
      `[outage] Redis down ${restartedAt - killedAt} ms; after its restart both hubs reconnected within ${reconnectedMs} ms and the panel on B was current within ${currentMs} ms; end through A reached B in ${seenOnB.at - sent} ms`,
    );
    expect(hubs.every((h) => h.running)).toBe(true);
  }, 60_000);
});
