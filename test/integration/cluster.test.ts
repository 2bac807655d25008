import type mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../../firmware-sim/wait.js';
import { createTestDatabase, postgresAvailable, type TestDatabase } from '../support/databases.js';
import { type ApiResult, type HubProcess, percentile, startHubProcess } from '../support/hub-process.js';
import { claimTestRedis, redisAvailable, type TestRedis } from '../support/redis.js';
import { connectDevice, openSiteStream, panelRequest, type SiteDevice, watchRoom } from '../support/site-clients.js';
import { openSql } from '../support/sql.js';

const MIN = 60_000;
const ALL_WEEK = [{ days: [1, 2, 3, 4, 5, 6, 7], open: '00:00', close: '24:00' }];
const BOOKINGS = 1000;
const NO_SHOWS = 12;
const ATTENDEES = 150;
const badge = (i: number) => `CA${String(i).padStart(6, '0')}`;
const userId = (i: number) => `cl-u${i}`;

const ready = postgresAvailable && redisAvailable;
if (!ready) console.warn(`SKIPPED: cluster.test.ts needs PostgreSQL and Redis (${postgresAvailable ? '' : 'PostgreSQL missing '}${redisAvailable ? '' : 'Redis missing'})`);

type Device = SiteDevice;

const noAnswer = (err: Error): ApiResult => ({ status: 0, body: undefined, text: err.message, headers: {}, ms: 30_000 });
const countBy = (codes: number[]) => Object.fromEntries([...new Set(codes)].sort().map((c) => [c, codes.filter((x) => x === c).length]));

describe.skipIf(!ready)('three hubs, one site (PostgreSQL + Redis)', () => {
  let db: TestDatabase;
  let redis: TestRedis;
  const hubs: HubProcess[] = [];
  const A = () => hubs[0]!;
  const B = () => hubs[1]!;
  const C = () => hubs[2]!;
  const clients: mqtt.MqttClient[] = [];

  beforeAll(async () => {
    db = await createTestDatabase('postgresql');
    redis = await claimTestRedis();
    const env = (node: string) => ({
      HUB_REDIS_URL: redis.url,
      HUB_NODE_ID: node,
      HUB_TOPIC_ROOT: redis.topicRoot,
      HUB_SWEEP_INTERVAL: '250',
      HUB_NOSHOW_GRACE: '3s',
      HUB_MQTT_DEVICE_RATE: '100000',
      HUB_MQTT_DEVICE_BURST: '100000',
    });
    // A first: it migrates the database, creates the admin and takes the timers.
    hubs.push(await startHubProcess({ databaseUrl: db.url, dataDir: db.dataDir, env: env('A') }));
    hubs.push(...(await Promise.all(['B', 'C'].map((n) => startHubProcess({ databaseUrl: db.url, dataDir: db.dataDir, env: env(n) })))));
  }, 90_000);

  afterAll(async () => {
    for (const c of clients) c.end(true);
    for (const [i, h] of hubs.entries()) if (!h.running && i > 0) console.log(`[cluster] hub ${'ABC'[i]} died:\n${h.logs().slice(-4000)}`);
    await Promise.all(hubs.map((h) => h.stop()));
    await db?.drop();
    await redis?.release();
  });

  const room = async (h: HubProcess, id: string) => {
    const r = await h.api('POST', '/api/rooms', { id, name: `Room ${id}`, capacity: 400, timeZone: 'UTC', openingHours: ALL_WEEK });
    expect(r.status, r.text).toBe(201);
  };
  const device = async (h: HubProcess, kind: string, roomId: string): Promise<Device> => {
    const r = await h.api<Device>('POST', '/api/devices', { kind, room: roomId });
    expect(r.status, r.text).toBe(201);
    return r.body;
  };

  it('every hub names itself and sees the two others; one of them runs the timers', async () => {
    const health = () => Promise.all(hubs.map(async (h) => (await h.api('GET', '/api/health', undefined, { token: null })).body));
    // Each hub looks at the site's roster about once a second.
    const views = await waitFor(
      async () => {
        const v = await health();
        return v.every((x) => x.site.hubs.join() === 'A,B,C') && v;
      },
      { timeout: 3000, what: 'every hub to see A, B and C' },
    );
    expect(views.map((v) => v.node)).toEqual(['A', 'B', 'C']);
    expect(views.filter((v) => v.site.leader).map((v) => v.node)).toEqual(['A']);
    expect(await B().metric('hub_site_hubs')).toBe(3);
    expect(await B().metric('hub_node_info', { node: 'B' })).toBe(1);
  });

  it('a room created through hub B is bookable through hub C at once, and a change to it reaches hub C', async () => {
    await room(B(), 'made-on-b');
    const start = Date.now() + 2 * 60 * MIN;
    const booked = await C().api('POST', '/api/bookings', { room: 'made-on-b', title: 'On C', headcount: 2, start: new Date(start).toISOString(), end: new Date(start + 30 * MIN).toISOString() });
    expect(booked.status, booked.text).toBe(201);
    const renamed = await B().api('PATCH', '/api/rooms/made-on-b', { name: 'Renamed on B' });
    expect(renamed.status, renamed.text).toBe(200);
    await waitFor(async () => (await C().api('GET', '/api/rooms/made-on-b')).body?.name === 'Renamed on B', { timeout: 1000, what: "hub C's room cache to hear of the rename" });
  });

  it('a tap through hub A checks a meeting in and the panel connected to hub C turns in_use', async () => {
    await room(A(), 'tap-room');
    const host = await A().api('POST', '/api/users', { id: 'tap-host', username: 'tap-host', name: 'Tap Host', badgeUid: 'CAFE0001' });
    expect(host.status, host.text).toBe(201);
    const start = Date.now() + 3 * MIN;
    const booked = await B().api('POST', '/api/bookings', {
      room: 'tap-room',
      title: 'Tapped',
      headcount: 1,
      host: 'tap-host',
      start: new Date(start).toISOString(),
      end: new Date(start + 30 * MIN).toISOString(),
    });
    expect(booked.status, booked.text).toBe(201);
    const reader = await device(A(), 'reader', 'tap-room');
    const panel = await device(B(), 'panel', 'tap-room');
    const onC = await connectDevice([C()], panel);
    const onA = await connectDevice([A()], reader);
    clients.push(onC, onA);
    const seen = await watchRoom(onC, redis.topicRoot, 'tap-room');
    await waitFor(() => seen.state?.status === 'awaiting_checkin', { timeout: 3000, what: 'panel on C to see awaiting_checkin' });
    const sent = Date.now();
    await onA.publishAsync(`${redis.topicRoot}/reader/${reader.id}/tap`, JSON.stringify({ id: 'tap-1', at: new Date().toISOString(), uid: 'CAFE0001' }), { qos: 1 });
    await waitFor(() => seen.state?.status === 'in_use', { timeout: 3000, what: 'panel on C to see in_use' });
    console.log(`[cluster] tap on A to panel on C: ${seen.at - sent} ms`);
    const sql = await openSql(db.url);
    try {
      const rows = await sql.query<{ n: string }>(`SELECT count(*) AS n FROM "EventLog" WHERE "type" = 'booking.checked_in' AND "bookingId" = $1`, [booked.body.id]);
      expect(Number(rows[0]!.n), 'the tap was handled once, by hub A, not once per hub').toBe(1);
    } finally {
      await sql.close();
    }
  });

  it("the admin's site view (SSE) opened on hub B shows a booking a panel made through hub A", async () => {
    await room(C(), 'sse-room');
    const panel = await device(A(), 'panel', 'sse-room');
    const onA = await connectDevice([A()], panel);
    clients.push(onA);
    const stream = await openSiteStream(B());
    try {
      await waitFor(() => stream.events.some((e) => e.event === 'snapshot'), { timeout: 3000, what: 'the snapshot on hub B' });
      const snapshot = stream.events.find((e) => e.event === 'snapshot')!.data;
      expect(snapshot.tiles.find((t: { room: { id: string } }) => t.room.id === 'sse-room')?.state?.current ?? null).toBeNull();
      const sent = Date.now();
      const booked = await panelRequest(onA, redis.topicRoot, panel.id, 'book_now', { minutes: 30 });
      expect(booked.ok, JSON.stringify(booked)).toBe(true);
      const tile = await waitFor(() => stream.events.find((e) => e.event === 'tile' && e.data.room.id === 'sse-room' && e.data.state?.current), {
        timeout: 3000,
        what: "hub B's site view to show the booking made through hub A",
      });
      expect(tile.data.state.status).toBe('in_use');
      expect(tile.data.state.current.bookingId).toBe((booked.result as { bookingId: string }).bookingId);
      console.log(`[cluster] book_now through A to the site view on B: ${tile.at - sent} ms`);
    } finally {
      await stream.close();
    }
  });

  it(`${BOOKINGS} concurrent overlapping bookings spread over the three hubs: only 201/409 and no overlap`, async () => {
    await room(A(), 'race');
    const base = Math.ceil((Date.now() + 24 * 60 * MIN) / MIN) * MIN;
    const results = await Promise.all(
      Array.from({ length: BOOKINGS }, (_, i) =>
        hubs[i % 3]!.api(
          'POST',
          '/api/bookings',
          {
            room: 'race',
            title: `Race ${i}`,
            headcount: 2,
            start: new Date(base + (i % 300) * 7 * MIN).toISOString(),
            end: new Date(base + (i % 300) * 7 * MIN + 60 * MIN).toISOString(),
          },
          { timeoutMs: 30_000 },
        ).catch(noAnswer),
      ),
    );
    const codes = results.map((r) => r.status);
    const ms = results.map((r) => r.ms);
    const created = codes.filter((c) => c === 201).length;
    console.log(`[cluster] ${BOOKINGS} bookings over 3 hubs: ${JSON.stringify(countBy(codes))}; p50 ${percentile(ms, 50).toFixed(0)} ms, p99 ${percentile(ms, 99).toFixed(0)} ms`);
    expect(countBy(codes.filter((c) => c !== 201 && c !== 409)), results.find((r) => r.status !== 201 && r.status !== 409)?.text).toEqual({});
    expect(created).toBeGreaterThan(0);
    const sql = await openSql(db.url);
    try {
      const [overlap] = await sql.query<{ n: string }>(
        `SELECT count(*) AS n FROM "Booking" a JOIN "Booking" b ON a."roomId" = b."roomId" AND a.id < b.id
         WHERE a."roomId" = 'race' AND a.status IN ('confirmed', 'checked_in') AND b.status IN ('confirmed', 'checked_in')
           AND a.start < b."end" AND b.start < a."end"`,
      );
      expect(Number(overlap!.n), 'pairs of overlapping active bookings').toBe(0);
      const [rows] = await sql.query<{ n: string }>(`SELECT count(*) AS n FROM "Booking" WHERE "roomId" = 'race'`);
      expect(Number(rows!.n)).toBe(created);
    } finally {
      await sql.close();
    }
  }, 90_000);

  it(`each of ${NO_SHOWS} no-shows is released exactly once while all three hubs sweep`, async () => {
    const ids: string[] = [];
    const start = Date.now() + 1000;
    for (let i = 0; i < NO_SHOWS; i++) {
      const r = `noshow-${i}`;
      await room(hubs[i % 3]!, r);
      const host = await hubs[i % 3]!.api('POST', '/api/users', { id: `noshow-h${i}`, username: `noshow-h${i}`, name: `No-show host ${i}` });
      expect(host.status, host.text).toBe(201);
      const b = await hubs[(i + 1) % 3]!.api('POST', '/api/bookings', {
        room: r,
        title: 'Nobody comes',
        headcount: 2,
        host: `noshow-h${i}`,
        start: new Date(start).toISOString(),
        end: new Date(start + 30 * MIN).toISOString(),
      });
      expect(b.status, b.text).toBe(201);
      ids.push(b.body.id);
    }
    const sql = await openSql(db.url);
    try {
      await waitFor(
        async () => {
          const rows = await sql.query<{ n: string }>(`SELECT count(*) AS n FROM "Booking" WHERE id = ANY($1) AND status = 'released'`, [ids]);
          return Number(rows[0]!.n) === NO_SHOWS;
        },
        { timeout: 15_000, interval: 100, what: 'every no-show released' },
      );
      // A few more sweeps on every hub: nothing is released a second time.
      await new Promise((r) => setTimeout(r, 1000));
      const log = await sql.query<{ bookingId: string; n: string }>(`SELECT "bookingId", count(*) AS n FROM "EventLog" WHERE "type" = 'booking.released' AND "bookingId" = ANY($1) GROUP BY 1`, [ids]);
      expect(Object.fromEntries(log.map((r) => [r.bookingId, Number(r.n)]))).toEqual(Object.fromEntries(ids.map((id) => [id, 1])));
    } finally {
      await sql.close();
    }
    const releases = await Promise.all(hubs.map((h) => h.metric('hub_releases_total')));
    expect(
      releases.reduce((a, b) => a + b, 0),
      `releases counted per hub: ${releases}`,
    ).toBe(NO_SHOWS);
  }, 30_000);

  it('a device revoked through hub C is dropped from hub B', async () => {
    await room(B(), 'revoke-room');
    const panel = await device(C(), 'panel', 'revoke-room');
    const onB = await connectDevice([B()], panel);
    clients.push(onB);
    const closed = new Promise<void>((r) => onB.once('close', () => r()));
    onB.options.reconnectPeriod = 0;
    const revoked = await C().api('DELETE', `/api/devices/${panel.id}`);
    expect(revoked.status, revoked.text).toBeLessThan(300);
    await Promise.race([closed, new Promise((_, reject) => setTimeout(() => reject(new Error('revoked device still connected to hub B after 2 s')), 2000))]);
  });

  it('hub A killed with SIGKILL: its devices carry on through B and C, current within 5 s; no acknowledged tap is lost; its timers are taken over', async () => {
    // An attended meeting whose attendees tap in through a reader on hub A, and four panels on hub A.
    await room(B(), 'crash-room');
    const users = Array.from({ length: ATTENDEES + 1 }, (_, i) => i);
    for (let i = 0; i < users.length; i += 25) {
      const made = await Promise.all(users.slice(i, i + 25).map((n) => hubs[n % 3]!.api('POST', '/api/users', { id: userId(n), username: userId(n), name: `Cl ${n}`, badgeUid: badge(n) })));
      expect(made.filter((r) => r.status !== 201).map((r) => r.text)).toEqual([]);
    }
    const start = Date.now() + 3 * MIN;
    const meeting = await C().api('POST', '/api/bookings', {
      room: 'crash-room',
      title: 'Crash',
      headcount: ATTENDEES + 1,
      host: userId(0),
      attendees: users.slice(1).map(userId),
      start: new Date(start).toISOString(),
      end: new Date(start + 60 * MIN).toISOString(),
    });
    expect(meeting.status, meeting.text).toBe(201);
    const panelRooms = ['p-0', 'p-1', 'p-2', 'p-3'];
    for (const r of panelRooms) await room(C(), r);
    const order = [A(), B(), C()];
    // Panels keep their session (clean=false) and do not subscribe again: what they get after
    // moving comes from the session the site kept in Redis (contract §9, session follows the device).
    const panels = await Promise.all(
      panelRooms.map(async (r) => {
        const client = await connectDevice(order, await device(A(), 'panel', r), { clean: false, resubscribe: false });
        clients.push(client);
        let closedAt = 0;
        client.on('close', () => (closedAt ||= Date.now()));
        return { room: r, client, seen: await watchRoom(client, redis.topicRoot, r), closedAt: () => closedAt };
      }),
    );
    await waitFor(() => panels.every((p) => p.seen.state), { timeout: 3000, what: 'every panel to get its room state' });
    const readerDevice = await device(A(), 'reader', 'crash-room');
    const reader = await connectDevice(order, readerDevice);
    clients.push(reader);

    const acked = new Set<number>();
    const errors: string[] = [];
    const K = 20 + Math.floor(Math.random() * 60);
    let killedAt = 0;
    let killing: Promise<void> | null = null;
    const topic = `${redis.topicRoot}/reader/${readerDevice.id}/tap`;
    for (let i = 1; i <= ATTENDEES; i++) {
      reader.publish(topic, JSON.stringify({ id: `ct-${i}`, at: new Date().toISOString(), uid: badge(i) }), { qos: 1 }, (err) => {
        if (err) return void errors.push(err.message);
        acked.add(i);
        if (acked.size >= K && !killing) {
          killedAt = Date.now();
          killing = A().kill('SIGKILL');
        }
      });
    }
    await waitFor(() => killedAt > 0, { timeout: 10_000, what: `K=${K} acks from hub A` }).catch((err) => {
      throw new Error(`${err.message}: ${acked.size} acks, errors ${errors.slice(0, 3)}; reader connected ${reader.connected}\n${A().logs().slice(-3000)}`);
    });
    await killing;
    const ackedBeforeKill = new Set(acked);

    // The site changes every panel's room through hub C right after the crash.
    const later = Date.now() + 5 * 60 * MIN;
    // (one after another in time: the admin hosts them all)
    const newBookings = await Promise.all(
      panelRooms.map((r, i) =>
        C().api('POST', '/api/bookings', {
          room: r,
          title: 'After the crash',
          headcount: 2,
          start: new Date(later + i * 40 * MIN).toISOString(),
          end: new Date(later + i * 40 * MIN + 30 * MIN).toISOString(),
        }),
      ),
    );
    expect(newBookings.map((b) => b.status)).toEqual(panelRooms.map(() => 201));
    await waitFor(() => panels.every((p, i) => p.seen.state?.next?.bookingId === newBookings[i]!.body.id), {
      timeout: 5_000,
      interval: 20,
      what: 'every panel moved from A to show the change made through C',
    });
    const current = Math.max(...panels.map((p) => p.seen.at)) - killedAt;
    const noticed = Math.max(...panels.map((p) => p.closedAt())) - killedAt;
    // The timers: B or C holds the lock now.
    const leaderAt = await waitFor(
      async () => {
        const views = await Promise.all([B(), C()].map(async (h) => (await h.api('GET', '/api/health', undefined, { token: null })).body.site));
        return views.some((v) => v.leader) ? Date.now() : 0;
      },
      { timeout: 5000, interval: 20, what: 'B or C to take over the timers' },
    );
    console.log(
      `[cluster] SIGKILL of A after ${ackedBeforeKill.size} acks: panels saw A go within ${noticed} ms, were current again through B/C within ${current} ms; timers taken over within ${leaderAt - killedAt} ms`,
    );
    // Each panel lost its connection to A and, connected again to B or C, got the change made after the kill.
    expect(
      panels.map((p) => p.closedAt() >= killedAt && p.client.connected),
      'every panel left A and is connected again',
    ).toEqual(panels.map(() => true));
    expect(current).toBeLessThanOrEqual(5000);

    // The reader moved on too and its unacknowledged taps are resent there; every acknowledged one is in.
    await waitFor(() => acked.size === ATTENDEES, { timeout: 15_000, what: `every tap acknowledged in the end (${acked.size}/${ATTENDEES})` }).catch(() => {});
    const sql = await openSql(db.url);
    try {
      const log = await sql.query<{ data: string }>(`SELECT "data" FROM "EventLog" WHERE "type" = 'attendance.signed_in' AND "bookingId" = $1`, [meeting.body.id]);
      const signed = new Map<string, number>();
      for (const row of log) {
        const who = (JSON.parse(row.data) as { userId: string }).userId;
        signed.set(who, (signed.get(who) ?? 0) + 1);
      }
      const lost = [...acked].filter((i) => !signed.has(userId(i)));
      const doubled = [...signed].filter(([, n]) => n > 1);
      console.log(`[cluster] taps: ${ackedBeforeKill.size} acknowledged by A before the kill, ${acked.size}/${ATTENDEES} in the end, ${signed.size} signed in`);
      expect(lost, 'acknowledged taps not signed in').toEqual([]);
      expect(doubled, 'signed in twice').toEqual([]);
    } finally {
      await sql.close();
    }
  }, 60_000);
});
