/** Contract §3 over real HTTP, on both databases where the store matters. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROVIDERS } from '../support/databases.js';
import { MIN, provisionRoom, type Site, startTestHub, type TestHub } from '../support/hub-fixture.js';

const iso = (ms: number) => new Date(ms).toISOString();

describe.each(PROVIDERS)('HTTP API on %s', (provider) => {
  let t: TestHub;
  let site: Site;
  beforeAll(async () => {
    t = await startTestHub(provider);
    site = await provisionRoom(t);
  });
  afterAll(() => t.stop());

  it('50 concurrent bookings of one slot: exactly one 201 and 49 409', async () => {
    const start = t.clock.now() + 24 * 60 * MIN;
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        // Each overlaps the others by at least part of the slot, not only the same slot.
        t.api('POST', '/api/bookings', { room: site.room, title: `Race ${i}`, start: iso(start + (i % 5) * MIN), end: iso(start + 30 * MIN + (i % 7) * MIN), headcount: 2 }),
      ),
    );
    const codes = results.map((r) => r.status);
    expect(codes.filter((c) => c === 201)).toHaveLength(1);
    expect(codes.filter((c) => c === 409)).toHaveLength(49);
    expect(results.find((r) => r.status === 409)?.body).toMatchObject({ code: 'conflict' });
    const listed = await t.api('GET', `/api/bookings?room=${site.room}&from=${iso(start - MIN)}&to=${iso(start + 60 * MIN)}`);
    expect(listed.body).toHaveLength(1);
  });

  it('touching bookings are fine, any intersection conflicts', async () => {
    const s = t.clock.now() + 48 * 60 * MIN;
    const post = (a: number, b: number) => t.api('POST', '/api/bookings', { room: site.room, title: 'x', start: iso(s + a * MIN), end: iso(s + b * MIN), headcount: 1 });
    expect((await post(0, 30)).status).toBe(201);
    expect((await post(30, 60)).status).toBe(201); // touches, does not overlap
    expect((await post(29, 31)).status).toBe(409); // spans the boundary
    expect((await post(10, 20)).status).toBe(409); // inside
    expect((await post(-10, 70)).status).toBe(409); // around
  });

  it('a cancelled booking frees its slot', async () => {
    const s = t.clock.now() + 72 * 60 * MIN;
    const body = { room: site.room, title: 'Cancel me', start: iso(s), end: iso(s + 30 * MIN), headcount: 1 };
    const first = await t.api('POST', '/api/bookings', body);
    expect((await t.api('POST', `/api/bookings/${first.body.id}/cancel`)).body.status).toBe('cancelled');
    expect((await t.api('POST', '/api/bookings', body)).status).toBe(201);
  });

  it('refuses invalid input with 422 and the failing fields', async () => {
    const r = await t.api('POST', '/api/bookings', { room: site.room, title: '', start: 'tomorrow', end: iso(t.clock.now()), headcount: 0 });
    expect(r.status).toBe(422);
    expect(r.body.code).toBe('invalid');
    const fields = r.body.details.map((d: { field: string }) => d.field);
    expect(fields).toEqual(expect.arrayContaining(['title', 'start', 'headcount']));
    // Each failing field says what went wrong as a code and its bound, for a message in the reader's language.
    expect(r.body.details.find((d: { field: string }) => d.field === 'headcount')).toMatchObject({ issue: 'too_small', minimum: 1 });
    const bad = await t.api('POST', '/api/bookings', '{"room":', undefined);
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('invalid');
  });

  it('refuses over capacity (R3); outside opening hours a member waits for approval (R14, R15), an admin is approved at once', async () => {
    const s = t.clock.now() + 26 * 60 * MIN;
    const over = await t.api('POST', '/api/bookings', { room: site.room, title: 'Big', start: iso(s), end: iso(s + 30 * MIN), headcount: 11 });
    expect(over.status).toBe(422);
    expect(over.body.code).toBe('over_capacity');
    const member = (await t.api('POST', '/api/session', { username: site.host.id, password: 'host-pass-1' }, null)).body.token;
    const night = Date.parse('2026-12-01T20:00:00Z');
    const late = await t.api('POST', '/api/bookings', { room: site.room, title: 'Late', start: iso(night), end: iso(night + 30 * MIN), headcount: 2 }, member);
    expect(late.status).toBe(202);
    expect(late.body).toMatchObject({ status: 'pending_approval', approvedBy: null });
    // It holds its slot while it waits.
    const clash = await t.api('POST', '/api/bookings', { room: site.room, title: 'Later', start: iso(night + 10 * MIN), end: iso(night + 40 * MIN), headcount: 2 });
    expect(clash.status).toBe(409);
    const admin = await t.api('POST', '/api/bookings', { room: site.room, title: 'Late', start: iso(night + 60 * MIN), end: iso(night + 90 * MIN), headcount: 2 });
    expect(admin.status).toBe(201);
    expect(admin.body).toMatchObject({ status: 'confirmed', approvedBy: 'user:admin' });
  });

  it('needs a session; wrong credentials are 401; the session cookie is HttpOnly', async () => {
    expect((await t.api('GET', '/api/rooms', undefined, null)).status).toBe(401);
    expect((await t.api('GET', '/api/rooms', undefined, 'nope')).status).toBe(401);
    expect((await t.api('POST', '/api/session', { username: 'admin', password: 'wrong' }, null)).status).toBe(401);
    const res = await fetch(`http://127.0.0.1:${t.hub.httpPort}/api/session`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: 'admin-pass-1' }),
    });
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/hub_session=/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const viaCookie = await fetch(`http://127.0.0.1:${t.hub.httpPort}/api/rooms`, { headers: { cookie: cookie.split(';')[0]! } });
    expect(viaCookie.status).toBe(200);
  });

  it('PATCH changes only what it names (equipment survives a rename)', async () => {
    const r = await t.api('PATCH', `/api/rooms/${site.room}`, { name: 'Alpha 会议室' });
    expect(r.status).toBe(200);
    expect(r.body.name).toBe('Alpha 会议室');
    expect(r.body.equipment).toEqual(['projector', 'whiteboard']);
    expect((await t.api('GET', `/api/rooms/${site.room}`)).body.equipment).toEqual(['projector', 'whiteboard']);
  });

  it('members cannot create rooms or devices, nor read other people\'s badge UIDs', async () => {
    const member = (await t.api('POST', '/api/session', { username: site.host.id, password: 'host-pass-1' }, null)).body.token;
    const users = (await t.api('GET', '/api/users', undefined, member)).body as { id: string; badgeUid: string | null }[];
    expect(users.find((u) => u.id === site.guest.id)?.badgeUid).toBeNull();
    expect(users.find((u) => u.id === site.host.id)?.badgeUid).toBe(site.hostBadge);
    expect((await t.api('GET', '/api/users')).body.find((u: { id: string }) => u.id === site.guest.id).badgeUid).toBe(site.guestBadge);
    expect((await t.api('POST', '/api/rooms', { name: 'x', capacity: 2 }, member)).status).toBe(403);
    expect((await t.api('POST', '/api/devices', { kind: 'panel', room: site.room }, member)).status).toBe(403);
  });

  it('availability gives the free intervals within opening hours', async () => {
    const day = '2026-12-08'; // a Tuesday no other test books, 08:00-18:00 UTC
    const s = Date.parse(`${day}T10:00:00Z`);
    expect((await t.api('POST', '/api/bookings', { room: site.room, title: 'a', start: iso(s), end: iso(s + 60 * MIN), headcount: 1 })).status).toBe(201);
    const r = await t.api('GET', `/api/rooms/${site.room}/availability?from=${day}T00:00:00Z&to=${day}T23:59:59Z`);
    expect(r.status).toBe(200);
    expect(r.body.free).toEqual([
      { start: `${day}T08:00:00.000Z`, end: `${day}T10:00:00.000Z` },
      { start: `${day}T11:00:00.000Z`, end: `${day}T18:00:00.000Z` },
    ]);
  });

  it('booking detail lists attendance for the host and every attendee', async () => {
    const s = t.clock.now() + 5 * 24 * 60 * MIN;
    const b = await t.api('POST', '/api/bookings', { room: site.room, title: 'Team', start: iso(s), end: iso(s + 30 * MIN), headcount: 2, host: site.host.id, attendees: [site.guest.id], private: true });
    expect(b.status).toBe(201);
    expect(b.body.shortNotice).toBe(false); // 5 days ahead (M2)
    const d = await t.api('GET', `/api/bookings/${b.body.id}`);
    expect(d.body.attendance).toHaveLength(2);
    expect(d.body.attendance.every((a: { status: string }) => a.status === 'expected')).toBe(true);
  });

  it('an unknown path and an unknown booking are JSON 404s', async () => {
    const r = await t.api('GET', '/api/nothing-here');
    expect(r.status).toBe(404);
    expect(r.body.code).toBe('not_found');
    expect((await t.api('GET', '/api/bookings/bk_missing')).status).toBe(404);
  });
});

describe('HTTP service endpoints', () => {
  let t: TestHub;
  beforeAll(async () => {
    t = await startTestHub('sqlite');
  });
  afterAll(() => t.stop());

  it('serves health, an OpenAPI document generated from the zod schemas, and Prometheus metrics', async () => {
    expect((await t.api('GET', '/api/health', undefined, null)).body.status).toBe('ok');
    const doc = (await t.api('GET', '/api/openapi.json', undefined, null)).body;
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/bookings', '/api/rooms/{room}/availability', '/api/devices/{device}']));
    const bookingBody = doc.paths['/api/bookings'].post.requestBody.content['application/json'].schema;
    expect(bookingBody.required).toEqual(expect.arrayContaining(['room', 'title', 'start', 'end', 'headcount']));
    const metrics = await (await fetch(`http://127.0.0.1:${t.hub.httpPort}/metrics`)).text();
    for (const name of ['hub_mqtt_messages_in_total', 'hub_mqtt_refused_connections_total', 'hub_mqtt_refused_publishes_total', 'hub_mqtt_invalid_payloads_total', 'hub_bookings_created_total', 'hub_check_ins_total', 'hub_releases_total', 'hub_http_request_duration_seconds_bucket']) {
      expect(metrics).toContain(name);
    }
  });

  it('answers repeated login failures with 429 and Retry-After, at once', async () => {
    const attempt = async () => {
      const started = performance.now();
      const res = await fetch(`http://127.0.0.1:${t.hub.httpPort}/api/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'admin', password: 'bad' }),
      });
      return { status: res.status, retryAfter: res.headers.get('retry-after'), body: await res.json(), ms: performance.now() - started };
    };
    for (let i = 0; i < 5; i++) expect((await attempt()).status).toBe(401);
    const limited = await attempt();
    expect(limited.status).toBe(429);
    expect(limited.body.code).toBe('rate_limited');
    expect(Number(limited.retryAfter)).toBeGreaterThan(0);
    expect(limited.ms).toBeLessThan(1000); // told to come back, not held
  });
});
