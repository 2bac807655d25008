/**
 * What the office app's booking pages (issue 10) need from the API, added with
 * them: the clash check of an edited booking leaves the booking itself out, a
 * rejection must say why (R15), refusals carry a reason code to say in the
 * reader's language, and the session tells the hub's clock.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { book, MIN, provisionRoom, type Site, startTestHub, type TestHub, T0 } from '../support/hub-fixture.js';

describe('booking pages: API support', () => {
  let t: TestHub;
  let site: Site;
  let member: string;
  const at = (min: number) => new Date(T0 + min * MIN).toISOString();
  beforeAll(async () => {
    t = await startTestHub('sqlite');
    site = await provisionRoom(t);
    member = (await t.api('POST', '/api/session', { username: site.host.id, password: 'host-pass-1' }, null)).body.token;
  });
  afterAll(() => t.stop());

  it('checking an edit of a booking does not report the booking as its own clash (room or people)', async () => {
    const b = await book(t, site, 60, 60);
    const body = { room: site.room, title: 'Weekly review', start: at(90), end: at(150), headcount: 2, host: site.host.id, attendees: [site.guest.id] };
    const plain = await t.api('POST', '/api/bookings/check', body);
    expect(plain.body.problems.map((p: { code: string }) => p.code).sort()).toEqual(['attendee_busy', 'conflict']);
    const edit = await t.api('POST', '/api/bookings/check', { ...body, replaces: b.id });
    expect(edit.body).toMatchObject({ ok: true, problems: [], status: 'confirmed' });
  });

  it('says why a booking cannot be made with a reason code, not only English words', async () => {
    const r = await t.api('POST', '/api/bookings/check', { room: site.room, title: 'x', start: at(-120), end: at(-60), headcount: 2 });
    expect(r.body.problems[0]).toMatchObject({ code: 'invalid', details: { field: 'end', reason: 'in_past' } });
    const long = await t.api('POST', '/api/bookings', { room: site.room, title: 'x', start: at(60), end: at(60 + 25 * 60), headcount: 2 });
    expect(long.status).toBe(422);
    expect(long.body.details).toMatchObject({ field: 'end', reason: 'too_long' });
  });

  it('a rejection needs a reason (R15)', async () => {
    const late = await t.api('POST', '/api/bookings', { room: site.room, title: 'Late', start: '2026-12-01T19:00:00Z', end: '2026-12-01T20:00:00Z', headcount: 2 }, member);
    expect(late.status).toBe(202);
    const none = await t.api('POST', `/api/bookings/${late.body.id}/reject`, {});
    expect(none.status).toBe(422);
    expect(none.body.details[0]).toMatchObject({ field: 'note', issue: 'invalid_type' });
    const blank = await t.api('POST', `/api/bookings/${late.body.id}/reject`, { note: '   ' });
    expect(blank.status).toBe(422);
    expect(blank.body.details[0]).toMatchObject({ field: 'note', issue: 'too_small', minimum: 1 });
    const ok = await t.api('POST', `/api/bookings/${late.body.id}/reject`, { note: 'The building closes at 18:00.' });
    expect(ok.body.status).toBe('rejected');
  });

  it('the session tells the hub\'s clock, so the app shows times by it', async () => {
    t.clock.advance(7 * MIN);
    const s = await t.api('GET', '/api/session', undefined, member);
    expect(s.body).toMatchObject({ user: { id: site.host.id }, now: new Date(t.clock.now()).toISOString() });
  });
});
