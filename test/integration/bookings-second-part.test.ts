/**
 * Contract §7 on both databases: recurring series (G1), attendee clashes
 * (M1), after-hours approval (R14, R15).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROVIDERS } from '../support/databases.js';
import { MIN, provisionRoom, type Site, startTestHub, type TestHub } from '../support/hub-fixture.js';

const iso = (ms: number) => new Date(ms).toISOString();
const DAY = 86_400_000;

describe.each(PROVIDERS)('bookings, second part, on %s', (provider) => {
  let t: TestHub;
  let alpha: Site;
  let beta: Site;
  let member: string;
  beforeAll(async () => {
    t = await startTestHub(provider);
    alpha = await provisionRoom(t, 'alpha');
    beta = await provisionRoom(t, 'beta');
    member = (await t.api('POST', '/api/session', { username: alpha.host.id, password: 'host-pass-1' }, null)).body.token;
    // Berlin hours for the series room, so the series crosses a DST change in a real zone.
    await t.api('PATCH', '/api/rooms/beta', { timeZone: 'Europe/Berlin', openingHours: [{ days: [1, 2, 3, 4, 5], open: '07:00', close: '20:00' }] });
  });
  afterAll(() => t.stop());

  it('M1: a person cannot be in two meetings at once, in any room: 409 attendee_busy naming who', async () => {
    const s = t.clock.now() + 2 * DAY;
    const first = await t.api('POST', '/api/bookings', { room: 'alpha', title: 'Planning', start: iso(s), end: iso(s + 60 * MIN), headcount: 2, host: alpha.host.id, attendees: [beta.guest.id] });
    expect(first.status).toBe(201);
    const clash = await t.api('POST', '/api/bookings', { room: 'beta', title: 'Other', start: iso(s + 30 * MIN), end: iso(s + 90 * MIN), headcount: 2, host: beta.host.id, attendees: [beta.guest.id] });
    expect(clash.status).toBe(409);
    expect(clash.body.code).toBe('attendee_busy');
    expect(clash.body.details.users).toEqual([{ id: beta.guest.id, name: 'Zhang Min', bookingId: first.body.id }]);
    // Touching is fine; a PATCH that brings a busy person in is refused too.
    const after = await t.api('POST', '/api/bookings', { room: 'beta', title: 'Next', start: iso(s + 60 * MIN), end: iso(s + 90 * MIN), headcount: 2, host: beta.host.id });
    expect(after.status).toBe(201);
    const patch = await t.api('PATCH', `/api/bookings/${after.body.id}`, { attendees: [alpha.host.id], start: iso(s + 30 * MIN) });
    expect(patch.status).toBe(409);
    expect(patch.body.code).toBe('attendee_busy');
  });

  it('M1 holds under a race: 20 bookings of one person in 20 different rooms at the same hour, one wins', async () => {
    const rooms = await Promise.all(Array.from({ length: 20 }, (_, i) => t.api('POST', '/api/rooms', { id: `race-${i}`, name: `Race ${i}`, capacity: 4 })));
    expect(rooms.every((r) => r.status === 201)).toBe(true);
    const s = t.clock.now() + 3 * DAY;
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => t.api('POST', '/api/bookings', { room: `race-${i}`, title: 'Same person', start: iso(s), end: iso(s + 60 * MIN), headcount: 1, host: alpha.guest.id })),
    );
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    expect(results.filter((r) => r.status === 409 && r.body.code === 'attendee_busy')).toHaveLength(19);
  });

  it('R15: a member\'s after-hours booking is 202 pending, holds its slot, shows as pending, and is approved or rejected by an admin', async () => {
    const night = Date.parse('2026-12-01T20:00:00Z');
    const req = await t.api('POST', '/api/bookings', { room: 'alpha', title: 'Late call', start: iso(night), end: iso(night + 30 * MIN), headcount: 2 }, member);
    expect(req.status).toBe(202);
    expect(req.body.status).toBe('pending_approval');
    expect((await t.api('GET', '/api/approvals', undefined, member)).status).toBe(403);
    expect((await t.api('GET', '/api/approvals')).body.map((b: { id: string }) => b.id)).toContain(req.body.id);
    expect((await t.api('POST', `/api/bookings/${req.body.id}/approve`, undefined, member)).status).toBe(403);
    const ok = await t.api('POST', `/api/bookings/${req.body.id}/approve`);
    expect(ok.body).toMatchObject({ status: 'confirmed', approvedBy: 'user:admin' });
    expect((await t.api('POST', `/api/bookings/${req.body.id}/approve`)).status).toBe(409);

    const second = await t.api('POST', '/api/bookings', { room: 'alpha', title: 'Later call', start: iso(night + 60 * MIN), end: iso(night + 90 * MIN), headcount: 2 }, member);
    const no = await t.api('POST', `/api/bookings/${second.body.id}/reject`, { note: 'the building is closed for cleaning' });
    expect(no.body.status).toBe('rejected');
    // The member sees why (R15), on the booking itself.
    expect((await t.api('GET', `/api/bookings/${second.body.id}`, undefined, member)).body).toMatchObject({ closeReason: 'rejected', closeNote: 'the building is closed for cleaning' });
    // The slot is free again.
    expect((await t.api('POST', '/api/bookings', { room: 'alpha', title: 'x', start: iso(night + 60 * MIN), end: iso(night + 90 * MIN), headcount: 1 })).status).toBe(201);
  });

  it('R15: a request nobody answered by its start gives its slot back', async () => {
    const night = Date.parse('2026-12-02T19:00:00Z');
    const req = await t.api('POST', '/api/bookings', { room: 'alpha', title: 'Unanswered', start: iso(night), end: iso(night + 30 * MIN), headcount: 2 }, member);
    expect(req.status).toBe(202);
    const saved = t.clock.now();
    t.clock.set(night + MIN);
    await t.hub.tick();
    await t.signInAgain(); // sessions expire on the hub's clock
    const after = (await t.api('GET', `/api/bookings/${req.body.id}`)).body;
    expect(after).toMatchObject({ status: 'rejected', closeReason: 'not_approved_in_time', closeNote: null });
    t.clock.set(saved);
    await t.signInAgain();
  });

  it('G1: a weekly series across the spring DST change keeps 09:00 local; a clash in one occurrence is listed, the others booked', async () => {
    const s = Date.parse('2027-03-15T08:00:00Z'); // 09:00 in Berlin (+01:00)
    const blocker = await t.api('POST', '/api/bookings', { room: 'beta', title: 'Blocker', start: iso(Date.parse('2027-03-29T07:30:00Z')), end: iso(Date.parse('2027-03-29T08:30:00Z')), headcount: 1 });
    expect(blocker.status).toBe(201);
    const created = await t.api('POST', '/api/series', { room: 'beta', title: 'Weekly team meeting', start: iso(s), end: iso(s + 60 * MIN), rrule: 'FREQ=WEEKLY;BYDAY=MO;COUNT=4', headcount: 3, host: beta.host.id, attendees: [beta.guest.id] });
    expect(created.status).toBe(201);
    const occ = created.body.occurrences as { start: string; bookingId?: string; conflict?: { code: string } }[];
    expect(occ.map((o) => o.start)).toEqual(['2027-03-15T08:00:00.000Z', '2027-03-22T08:00:00.000Z', '2027-03-29T07:00:00.000Z', '2027-04-05T07:00:00.000Z']);
    expect(occ[2]!.conflict?.code).toBe('conflict');
    expect(occ.filter((o) => o.bookingId)).toHaveLength(3);
    expect(created.body.localStart).toBe('2027-03-15T09:00');

    // This and following: a new title from the second occurrence on; the first keeps its own.
    const changed = await t.api('PATCH', `/api/series/${created.body.id}`, { from: occ[1]!.start, title: 'Team meeting (new format)' });
    expect(changed.status).toBe(200);
    const titles = await Promise.all(occ.filter((o) => o.bookingId).map(async (o) => (await t.api('GET', `/api/bookings/${o.bookingId}`)).body.title));
    expect(titles).toEqual(['Weekly team meeting', 'Team meeting (new format)', 'Team meeting (new format)']);

    // This and following moved to 14:00 local for 30 minutes: 13:00Z before the DST change, 12:00Z after; a clash is listed, not applied.
    expect((await t.api('POST', '/api/bookings', { room: 'beta', title: 'Blocker 2', start: '2027-04-05T12:00:00.000Z', end: '2027-04-05T12:30:00.000Z', headcount: 1 })).status).toBe(201);
    const moved = await t.api('PATCH', `/api/series/${created.body.id}`, { from: occ[1]!.start, time: { start: '14:00', minutes: 30 } });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    const movedOcc = (moved.body.occurrences ?? moved.body) as { start: string; end: string; bookingId?: string; conflict?: { code: string } }[];
    expect(movedOcc.map((o) => [o.start, o.conflict?.code ?? 'moved'])).toEqual([
      ['2027-03-22T13:00:00.000Z', 'moved'],
      ['2027-04-05T07:00:00.000Z', 'conflict'],
    ]);
    expect((await t.api('GET', `/api/bookings/${occ[1]!.bookingId}`)).body).toMatchObject({ start: '2027-03-22T13:00:00.000Z', end: '2027-03-22T13:30:00.000Z', title: 'Team meeting (new format)' });
    expect((await t.api('PATCH', `/api/series/${created.body.id}`, { from: occ[1]!.start, time: { start: '25:00', minutes: 30 } })).status).toBe(422);

    // One occurrence cancelled alone, then this-and-following from the second.
    expect((await t.api('POST', `/api/bookings/${occ[0]!.bookingId}/cancel`)).status).toBe(200);
    const ended = await t.api('DELETE', `/api/series/${created.body.id}?from=${encodeURIComponent(occ[1]!.start)}`);
    expect(ended.status).toBe(200);
    const got = (await t.api('GET', `/api/series/${created.body.id}`)).body;
    expect(got.occurrences.map((o: { status: string }) => o.status)).toEqual(['cancelled', 'cancelled', 'cancelled']);
    expect(got.endedFrom).not.toBeNull();
  });

  it('G1: an RRULE the hub cannot honour is 422 naming it; a member may not run a series for someone else', async () => {
    const s = Date.parse('2027-01-04T08:00:00Z');
    const bad = await t.api('POST', '/api/series', { room: 'beta', title: 'x', start: iso(s), end: iso(s + MIN * 30), rrule: 'FREQ=SECONDLY', headcount: 1 });
    expect(bad.status).toBe(422);
    expect(JSON.stringify(bad.body)).toContain('rrule');
    const forOther = await t.api('POST', '/api/series', { room: 'beta', title: 'x', start: iso(s), end: iso(s + MIN * 30), rrule: 'FREQ=WEEKLY;COUNT=2', headcount: 1, host: beta.host.id }, member);
    expect(forOther.status).toBe(403);
  });
});
