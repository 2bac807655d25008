/**
 * Issue 8, contract §3: the rest of the HTTP API (booking PATCH/end, cancel
 * twice, user GET/PATCH/DELETE), unknown fields refused, G4 privacy, who may
 * book for whom, a huge body, and error bodies that never leak a stack.
 */
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SimReader } from '../../firmware-sim/reader.js';
import { waitFor } from '../../firmware-sim/wait.js';
import { PROVIDERS } from '../support/databases.js';
import { MIN, provisionRoom, type Site, startTestHub, type TestHub } from '../support/hub-fixture.js';
import { sumMetric } from '../support/hub-process.js';

const iso = (ms: number) => new Date(ms).toISOString();
/** Wednesday 2026-12-02, inside the default opening hours (Mon-Fri 08:00-18:00 UTC). */
const WED = Date.parse('2026-12-02T08:00:00Z');
const at = (hours: number, minutes = 0) => WED + hours * 60 * MIN + minutes * MIN;

describe.each(PROVIDERS)('HTTP API completion on %s', (provider) => {
  let t: TestHub;
  let alpha: Site;
  let beta: Site;
  const errorBodies: { what: string; text: string }[] = [];
  /** t.api, recording every error body for the stack-trace check at the end. */
  async function api(method: string, path: string, body?: unknown, token?: string | null) {
    const r = await t.api(method, path, body, token);
    if (r.status >= 400) errorBodies.push({ what: `${method} ${path} → ${r.status}`, text: JSON.stringify(r.body) });
    return r;
  }
  const tokens: Record<string, string> = {};
  async function member(id: string, extra: Record<string, unknown> = {}) {
    const r = await api('POST', '/api/users', { id, username: id, name: `Member ${id}`, password: `${id}-password`, role: 'member', ...extra });
    if (r.status !== 201) throw new Error(`user ${id}: ${r.status} ${JSON.stringify(r.body)}`);
    const s = await api('POST', '/api/session', { username: id, password: `${id}-password` }, null);
    tokens[id] = s.body?.token;
    return r.body;
  }
  const handledTaps = async () =>
    sumMetric(await (await fetch(`http://127.0.0.1:${t.hub.httpPort}/metrics`)).text(), 'hub_mqtt_handle_duration_seconds_count', { kind: 'reader_tap' });

  beforeAll(async () => {
    t = await startTestHub(provider);
    alpha = await provisionRoom(t, 'alpha');
    beta = await provisionRoom(t, 'beta');
    for (const id of ['carol', 'frank', 'gina']) await member(id);
  });
  afterAll(() => t.stop());

  const post = (body: Record<string, unknown>, token?: string) =>
    api('POST', '/api/bookings', { room: alpha.room, title: 'Planning', headcount: 2, ...body }, token);

  it('PATCH /api/bookings/{id} changes title, times and attendees; an overlapping PATCH is 409 conflict', async () => {
    const b = await post({ start: iso(at(2)), end: iso(at(3)), attendees: [alpha.guest.id] });
    expect(b.status).toBe(201);
    const other = await post({ start: iso(at(5)), end: iso(at(6)) });
    expect(other.status).toBe(201);
    const r = await api('PATCH', `/api/bookings/${b.body.id}`, { title: 'Planning, moved', start: iso(at(2, 30)), end: iso(at(3, 30)), attendees: ['carol'] });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect({ title: r.body.title, start: Date.parse(r.body.start), end: Date.parse(r.body.end), attendees: r.body.attendees })
      .toEqual({ title: 'Planning, moved', start: at(2, 30), end: at(3, 30), attendees: ['carol'] });
    const clash = await api('PATCH', `/api/bookings/${b.body.id}`, { start: iso(at(5, 30)), end: iso(at(6, 30)) });
    expect(`${clash.status} ${clash.body?.code}`, 'PATCH onto another booking of the room').toBe('409 conflict');
  });

  it('POST /api/bookings/{id}/end ends a checked-in meeting (200 completed) and refuses one not started (409)', async () => {
    const running = await post({ start: iso(t.clock.now()), end: iso(t.clock.now() + 60 * MIN), host: alpha.host.id, attendees: [] });
    expect(running.status).toBe(201);
    const reader = await SimReader.connect({ url: t.mqttUrl, deviceId: alpha.reader.id, token: alpha.reader.token });
    await reader.tap(alpha.hostBadge, new Date(t.clock.now()));
    await waitFor(async () => (await api('GET', `/api/bookings/${running.body.id}`)).body.status === 'checked_in', { what: 'checked in' });
    await reader.close();
    const ended = await api('POST', `/api/bookings/${running.body.id}/end`);
    expect(`${ended.status} ${ended.body?.status}`, 'end a checked-in meeting').toBe('200 completed');
    const later = await post({ start: iso(at(7)), end: iso(at(7, 30)) });
    const notStarted = await api('POST', `/api/bookings/${later.body.id}/end`);
    expect(notStarted.status, `end a booking that has not started: ${JSON.stringify(notStarted.body)}`).toBe(409);
  });

  it('cancel twice: 200 cancelled, then 409', async () => {
    const b = await post({ start: iso(at(8)), end: iso(at(8, 30)) });
    const first = await api('POST', `/api/bookings/${b.body.id}/cancel`);
    const second = await api('POST', `/api/bookings/${b.body.id}/cancel`);
    expect(`${first.status} ${first.body?.status} / ${second.status}`, 'first cancel / second cancel').toBe('200 cancelled / 409');
  });

  it('GET /api/users/{id} returns the user with email, department and active', async () => {
    const created = await api('POST', '/api/users', { id: 'hana', username: 'hana', name: 'Hana Wu', role: 'member', department: 'Customer service', badgeUid: 'AB12CD34', email: 'hana@example.com' });
    expect(created.status).toBe(201);
    const r = await api('GET', '/api/users/hana');
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({ id: 'hana', username: 'hana', name: 'Hana Wu', role: 'member', department: 'Customer service', badgeUid: 'AB12CD34', email: 'hana@example.com', active: true });
  });

  it('PATCH /api/users/{id} replaces a lost badge (old one no longer signs in, new one does), clears it, refuses a taken one', async () => {
    expect((await api('POST', '/api/users', { id: 'dave', username: 'dave', name: 'Dave Li', badgeUid: 'D0000001' })).status).toBe(201);
    // The contract says upper-case hex card UIDs: the replacement badge is 'BEEF0001'.
    const patched = await api('PATCH', '/api/users/dave', { badgeUid: 'BEEF0001' });
    expect(`${patched.status} ${patched.body?.badgeUid}`, `PATCH badgeUid: ${JSON.stringify(patched.body)}`).toBe('200 BEEF0001');
    const meeting = await api('POST', '/api/bookings', { room: beta.room, title: 'Badges', start: iso(t.clock.now()), end: iso(t.clock.now() + 30 * MIN), headcount: 2, host: beta.host.id, attendees: ['dave'] });
    expect(meeting.status).toBe(201);
    const daveStatus = async () => (await api('GET', `/api/bookings/${meeting.body.id}`)).body.attendance.find((a: { user: string }) => a.user === 'dave')?.status;
    const reader = await SimReader.connect({ url: t.mqttUrl, deviceId: beta.reader.id, token: beta.reader.token });
    const before = await handledTaps();
    await reader.tap('D0000001', new Date(t.clock.now()));
    await waitFor(async () => (await handledTaps()) > before, { what: 'old badge tap handled' });
    expect(await daveStatus(), 'attendance after a tap of the replaced (old) badge').toBe('expected');
    await reader.tap('BEEF0001', new Date(t.clock.now()));
    const signed = await waitFor(async () => ((await daveStatus()) === 'on_time' ? 'on_time' : null), { timeout: 3000, what: 'new badge signs in' }).catch(async () => await daveStatus());
    await reader.close();
    expect(signed, 'attendance after a tap of the new badge').toBe('on_time');
    const cleared = await api('PATCH', '/api/users/dave', { badgeUid: null });
    expect(`${cleared.status} ${cleared.body?.badgeUid}`, 'PATCH badgeUid null').toBe('200 null');
    const taken = await api('PATCH', '/api/users/dave', { badgeUid: alpha.guestBadge });
    expect(taken.status, `PATCH with ${alpha.guest.id}'s badge: ${JSON.stringify(taken.body)}`).toBe(409);
  });

  it('DELETE /api/users/{id} deactivates: 200 active:false, no more login, bookings stay', async () => {
    const erin = await member('erin');
    const b = await api('POST', '/api/bookings', { room: alpha.room, title: "Erin's review", start: iso(at(9)), end: iso(at(9, 30)), headcount: 1, host: erin.id });
    expect(b.status).toBe(201);
    const del = await api('DELETE', '/api/users/erin');
    expect(`${del.status} active=${del.body?.active}`, `DELETE /api/users/erin: ${JSON.stringify(del.body)}`).toBe('200 active=false');
    const login = await api('POST', '/api/session', { username: 'erin', password: 'erin-password' }, null);
    expect(login.status, 'login of a deactivated user').toBe(401);
    const kept = await api('GET', `/api/bookings/${b.body.id}`);
    expect(`${kept.status} ${kept.body?.host}`, "the deactivated user's booking").toBe('200 erin');
  });

  it('a body with a field the endpoint does not know is 422 naming the field', async () => {
    const booking = await post({ start: iso(at(4)), end: iso(at(4, 30)), recurrence: 'FREQ=WEEKLY' });
    expect(booking.status, `POST /api/bookings with recurrence: ${JSON.stringify(booking.body)}`).toBe(422);
    expect(booking.body.details, 'details of the 422').toEqual([expect.objectContaining({ field: 'recurrence', issue: 'unrecognized_keys' })]);
    const room = await api('PATCH', `/api/rooms/${alpha.room}`, { colour: 'teal' });
    expect(room.status, `PATCH /api/rooms with colour: ${JSON.stringify(room.body)}`).toBe(422);
    expect(JSON.stringify(room.body.details ?? null), 'details of the 422').toContain('colour');
  });

  it('G4: an uninvited member sees a neutral title and no attendees; invited members and admins see the real title', async () => {
    const title = 'Secret merger talk';
    const b = await api('POST', '/api/bookings', { room: alpha.room, title, start: iso(at(1)), end: iso(at(1, 30)), headcount: 2, host: alpha.host.id, attendees: ['gina'], private: true });
    expect(b.status).toBe(201);
    const range = `?room=${alpha.room}&from=${iso(at(0))}&to=${iso(at(2))}`;
    const seen = async (token: string | undefined) => {
      const list = (await api('GET', `/api/bookings${range}`, undefined, token)).body.find((x: { id: string }) => x.id === b.body.id);
      const detail = (await api('GET', `/api/bookings/${b.body.id}`, undefined, token)).body;
      return { list, detail };
    };
    const frank = await seen(tokens.frank);
    for (const [where, v] of [['list', frank.list], ['detail', frank.detail]] as const) {
      expect.soft(v?.title, `title an uninvited member sees in the ${where}`).not.toBe(title);
      expect.soft(v?.title, `title an uninvited member sees in the ${where}`).toEqual(expect.any(String));
      expect.soft(v?.attendees ?? [], `attendees an uninvited member sees in the ${where}`).toEqual([]);
      expect.soft(JSON.stringify(v ?? {}), `the ${where} an uninvited member sees`).not.toContain('gina');
    }
    const gina = await seen(tokens.gina);
    const admin = await seen(undefined);
    expect([gina.list?.title, gina.detail?.title, admin.list?.title, admin.detail?.title], 'titles for the invited member (list, detail) and the admin (list, detail)')
      .toEqual([title, title, title, title]);
  });

  it('a member may not book for another host (403 not_allowed); an admin may', async () => {
    const mine = await post({ start: iso(at(3, 30)), end: iso(at(4)), host: 'carol' }, tokens.frank);
    expect(`${mine.status} ${mine.body?.code}`, 'member booking with host set to someone else').toBe('403 not_allowed');
    const admin = await post({ start: iso(at(3, 30)), end: iso(at(4)), host: 'carol' });
    expect(admin.status, JSON.stringify(admin.body)).toBe(201);
  });

  it('a 300 MB request body is refused with 413 and the hub stays healthy', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = httpRequest({
        host: '127.0.0.1', port: t.hub.httpPort, method: 'POST', path: '/api/bookings',
        headers: { 'content-type': 'application/json', 'content-length': '300000000', authorization: `Bearer ${t.adminToken}` },
      }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
        req.destroy();
      });
      req.on('error', (err) => (req.destroyed ? undefined : reject(err)));
      const chunk = Buffer.alloc(1024 * 1024, 0x20);
      let sent = 0;
      const pump = () => {
        while (sent < 8 && !req.destroyed) {
          sent++;
          if (!req.write(chunk)) return req.once('drain', pump);
        }
      };
      req.write('{"title":"');
      pump();
      setTimeout(() => reject(new Error('no answer to a 300 MB body within 10 s')), 10_000).unref();
    });
    expect(status, 'status for a 300 MB body').toBe(413);
    expect((await api('GET', '/api/health', undefined, null)).status, 'health after the huge body').toBe(200);
  });

  it('no error body carries a stack frame or a source path', async () => {
    // A few more ways to make the API fail, on top of every error answered above.
    await api('POST', '/api/bookings', '{"room": "alpha", "title": ');
    await api('POST', '/api/bookings', { room: 'alpha', title: 'x', start: 'not a time', end: 12, headcount: 'many' });
    await api('GET', '/api/bookings?from=yesterday');
    await api('PATCH', '/api/users/nobody', { name: 'x' });
    await api('GET', '/api/bookings/%E0%A4%A');
    await api('POST', `/api/bookings/${'x'.repeat(300)}/cancel`);
    const leaks = errorBodies.filter((e) => /\bat [^\s]+ \(|\bat .*:\d+:\d+|\.ts:\d*/.test(e.text));
    expect(errorBodies.length, 'error answers collected').toBeGreaterThan(5);
    expect(leaks.map((e) => `${e.what}: ${e.text.slice(0, 200)}`), 'error bodies with stack frames or .ts paths').toEqual([]);
  });
});
