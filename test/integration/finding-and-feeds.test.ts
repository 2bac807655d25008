/**
 * Contract §5 and §7 on a real hub: finding a free room (R3), the check shown
 * while a booking is filled in, "my meetings", and the secret calendar feeds
 * (read back with ical.js, rotated, private titles kept out of a room's feed: G4).
 */
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIN, provisionRoom, type Site, startTestHub, type TestHub } from '../support/hub-fixture.js';

const iso = (ms: number) => new Date(ms).toISOString();

describe('finding rooms, checking bookings, calendar feeds', () => {
  let t: TestHub;
  let a: Site;
  let b: Site;
  let hostToken: string;
  const slot = (fromMin: number, minutes = 60) => ({ start: iso(t.clock.now() + fromMin * MIN), end: iso(t.clock.now() + (fromMin + minutes) * MIN) });

  beforeAll(async () => {
    t = await startTestHub('sqlite');
    a = await provisionRoom(t, 'alpha');
    b = await provisionRoom(t, 'beta', { sensor: false });
    await t.api('PATCH', '/api/rooms/alpha', { building: 'HQ', floor: '3' });
    await t.api('PATCH', '/api/rooms/beta', { building: 'HQ', floor: '5', capacity: 6, equipment: ['whiteboard'] });
    expect((await t.api('POST', '/api/rooms', { id: 'gamma', name: 'Room gamma', capacity: 30, equipment: ['projector'], timeZone: 'UTC', building: 'Annex' })).status).toBe(201);
    hostToken = (await t.api('POST', '/api/session', { username: a.host.id, password: 'host-pass-1' }, null)).body.token;
  });
  afterAll(() => t.stop());

  describe('room finder', () => {
    it('ranks free rooms that fit, nearest and snuggest first', async () => {
      const s = slot(120);
      const r = await t.api('GET', `/api/rooms/find?start=${s.start}&end=${s.end}&headcount=5&building=HQ&floor=5`);
      expect(r.status).toBe(200);
      expect(r.body.map((f: { room: { id: string } }) => f.room.id)).toEqual(['beta', 'alpha', 'gamma']);
      expect(r.body[0]).toMatchObject({ nearness: 'same_floor', spareSeats: 1, needsApproval: false });
      expect(r.body[2]).toMatchObject({ nearness: 'elsewhere' });
    });

    it('leaves out booked rooms and rooms without the equipment asked for', async () => {
      const s = slot(180);
      await t.api('POST', '/api/bookings', { room: 'beta', title: 'Taken', ...s, headcount: 2, host: b.host.id });
      const r = await t.api('GET', `/api/rooms/find?start=${s.start}&end=${s.end}&headcount=2&equipment=projector`);
      expect(r.body.map((f: { room: { id: string } }) => f.room.id)).toEqual(['alpha', 'gamma']);
    });

    it('marks a room out of hours as needing approval (R15) and ranks it last', async () => {
      const night = t.clock.now() + 12 * 60 * MIN; // 21:00 UTC
      const r = await t.api('GET', `/api/rooms/find?start=${iso(night)}&end=${iso(night + 60 * MIN)}&headcount=2`);
      expect(r.body.every((f: { needsApproval: boolean }) => f.needsApproval)).toBe(true);
    });

    it('refuses an end before the start and a bad headcount', async () => {
      const s = slot(60);
      expect((await t.api('GET', `/api/rooms/find?start=${s.end}&end=${s.start}&headcount=2`)).status).toBe(422);
      expect((await t.api('GET', `/api/rooms/find?start=${s.start}&end=${s.end}&headcount=0`)).status).toBe(422);
    });
  });

  describe('booking check', () => {
    it('lists every problem at once and books nothing', async () => {
      const s = slot(240);
      await t.api('POST', '/api/bookings', { room: 'alpha', title: 'First', ...s, headcount: 2, host: a.host.id, attendees: [a.guest.id] });
      const before = (await t.api('GET', '/api/bookings?room=alpha')).body.length;
      const r = await t.api('POST', '/api/bookings/check', { room: 'alpha', title: 'Second', ...s, headcount: 50, host: b.host.id, attendees: [a.guest.id] });
      expect(r.status).toBe(200);
      expect(r.body.ok).toBe(false);
      expect(r.body.problems.map((p: { code: string }) => p.code).sort()).toEqual(['attendee_busy', 'over_capacity', 'conflict'].sort());
      expect(r.body.problems.find((p: { code: string }) => p.code === 'attendee_busy').details.users[0].id).toBe(a.guest.id);
      expect((await t.api('GET', '/api/bookings?room=alpha')).body.length).toBe(before);
    });

    it('says a booking would go through, or wait for approval after hours', async () => {
      const ok = await t.api('POST', '/api/bookings/check', { room: 'gamma', title: 'Fine', ...slot(300), headcount: 3 }, hostToken);
      expect(ok.body).toMatchObject({ ok: true, problems: [], status: 'confirmed' });
      const night = t.clock.now() + 12 * 60 * MIN;
      const late = await t.api('POST', '/api/bookings/check', { room: 'gamma', title: 'Late', start: iso(night), end: iso(night + 30 * MIN), headcount: 3 }, hostToken);
      expect(late.body).toMatchObject({ ok: true, status: 'pending_approval' });
    });
  });

  describe('my meetings', () => {
    it('lists the meetings a person hosts or attends, and only those', async () => {
      const mine = await t.api('GET', '/api/bookings?mine=true', undefined, hostToken);
      expect(mine.status).toBe(200);
      expect(mine.body.length).toBeGreaterThan(0);
      for (const m of mine.body) expect(m.host === a.host.id || m.attendees?.includes(a.host.id)).toBe(true);
      const all = await t.api('GET', '/api/bookings');
      expect(all.body.length).toBeGreaterThan(mine.body.length);
    });
  });

  describe('calendar feeds', () => {
    const fetchFeed = async (url: string) => {
      const res = await fetch(url);
      return { status: res.status, type: res.headers.get('content-type'), text: await res.text() };
    };
    const events = (text: string) => new ICAL.Component(ICAL.parse(text)).getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));

    it("a room's feed serves its meetings, private ones under the neutral title (G4)", async () => {
      const s = slot(360);
      await t.api('POST', '/api/bookings', { room: 'alpha', title: 'Salary review', ...s, headcount: 2, host: a.host.id, private: true });
      const { url } = (await t.api('GET', '/api/rooms/alpha/calendar')).body;
      expect(url).toMatch(/\/calendar\/[A-Za-z0-9_-]{20,}\.ics$/);
      const feed = await fetchFeed(url);
      expect(feed.status).toBe(200);
      expect(feed.type).toContain('text/calendar');
      expect(feed.text).not.toContain('Salary review');
      const titles = events(feed.text).map((e) => e.summary);
      expect(titles).toContain('First');
      expect(titles.filter((x) => x !== 'First').length).toBeGreaterThan(0);
      const priv = events(feed.text).find((e) => e.startDate.toJSDate().getTime() === Date.parse(s.start))!;
      expect(priv.summary).not.toBe('Salary review');
    });

    it("a person's feed shows their own meetings whole, and only they (or an admin) get its URL", async () => {
      const own = await t.api('GET', `/api/users/${a.host.id}/calendar`, undefined, hostToken);
      expect(own.status).toBe(200);
      const titles = events((await fetchFeed(own.body.url)).text).map((e) => e.summary);
      expect(titles).toContain('Salary review');
      expect(titles).not.toContain('Taken');
      expect((await t.api('GET', `/api/users/${b.host.id}/calendar`, undefined, hostToken)).status).toBe(403);
    });

    it('rotating a feed kills the old URL; a made-up one is not found', async () => {
      const old = (await t.api('GET', '/api/rooms/beta/calendar')).body.url;
      expect((await fetchFeed(old)).status).toBe(200);
      const rotated = await t.api('POST', '/api/rooms/beta/calendar/rotate');
      expect(rotated.status).toBe(200);
      expect(rotated.body.url).not.toBe(old);
      expect((await fetchFeed(old)).status).toBe(404);
      expect((await fetchFeed(rotated.body.url)).status).toBe(200);
      expect((await t.api('POST', '/api/rooms/beta/calendar/rotate', undefined, hostToken)).status).toBe(403);
      expect((await t.api('GET', '/calendar/AAAAAAAAAAAAAAAAAAAAAAAA.ics', undefined, null)).status).toBe(404);
      expect((await t.api('GET', '/calendar/..%2F..%2Fetc.ics', undefined, null)).status).toBe(422);
    });
  });
});
