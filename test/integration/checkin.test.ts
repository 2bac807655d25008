/**
 * Contract §4 end to end: real hub, real broker, real MQTT clients (the
 * simulator), a real database; time moves on a manual clock.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { waitFor } from '../../firmware-sim/wait.js';
import { PROVIDERS } from '../support/databases.js';
import { book, connectDevices, handledCount, MIN, provisionRoom, type Site, startTestHub, type TestHub } from '../support/hub-fixture.js';

describe.each(PROVIDERS)('check-in and release on %s', (provider) => {
  let t: TestHub;
  let site: Site;
  let devices: Awaited<ReturnType<typeof connectDevices>>;

  beforeEach(async () => {
    t = await startTestHub(provider);
    site = await provisionRoom(t);
    devices = await connectDevices(t, site);
  });
  afterEach(async () => {
    await devices.close().catch(() => {});
    await t.stop();
  });

  const now = () => new Date(t.clock.now());
  const bookingStatus = async (id: string) => (await t.api('GET', `/api/bookings/${id}`)).body;

  it('a badge tap of an attendee in the window turns the room in_use and signs them in on time (M4)', async () => {
    const b = await book(t, site, 30);
    t.clock.advance(22 * MIN); // 8 minutes before the start: the window is open
    await t.hub.tick();
    await devices.panel.waitForStatus('awaiting_checkin');
    await devices.reader.tap(site.guestBadge, now());
    const state = await devices.panel.waitForStatus('in_use');
    expect(state.current?.bookingId).toBe(b.id);
    expect(state.current?.checkedIn).toBe(true);
    const signedIn = await devices.panel.waitForEvent('signed_in');
    expect(signedIn).toMatchObject({ bookingId: b.id, attendance: 'on_time', user: { name: 'Zhang Min' } });
    const detail = await bookingStatus(b.id);
    expect(detail.status).toBe('checked_in');
    expect(detail.checkInEvidence).toBe('badge');
    expect(detail.attendance.find((a: any) => a.user === site.guest.id).status).toBe('on_time');
    expect(detail.attendance.find((a: any) => a.user === site.host.id).status).toBe('expected');
  });

  it('a tap before the window opens does not check in', async () => {
    const b = await book(t, site, 30);
    await devices.reader.tap(site.hostBadge, now());
    await waitFor(async () => (await handledCount(t, 'reader_tap')) === 1, { what: 'the tap to be handled' });
    expect((await bookingStatus(b.id)).status).toBe('confirmed');
    expect(await t.hub.metrics.total('hub_sign_ins_total')).toBe(0);
  });

  it('late taps are marked late and those who never tap are absent when the meeting ends (G3)', async () => {
    const b = await book(t, site, 5, 30);
    t.clock.advance(8 * MIN); // 3 minutes after the start
    await devices.reader.tap(site.hostBadge, now());
    await devices.panel.waitForStatus('in_use');
    await t.hub.idle(); // the panel learns first; the sign-in is written right after
    t.clock.advance(30 * MIN);
    await t.hub.tick();
    await devices.panel.waitForStatus('free');
    const detail = await bookingStatus(b.id);
    expect(detail.status).toBe('completed');
    expect(detail.attendance).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ user: site.host.id, status: 'late' }),
        expect.objectContaining({ user: site.guest.id, status: 'absent' }),
      ]),
    );
  });

  it('sustained presence checks the meeting in automatically', async () => {
    const b = await book(t, site, 5);
    await devices.sensor!.report(true, 3, now()); // 5 min before: window open, presence starts
    await t.hub.idle();
    t.clock.advance(1 * MIN);
    await t.hub.tick();
    expect((await bookingStatus(b.id)).status).toBe('confirmed'); // 1 minute is not yet sustained
    t.clock.advance(1 * MIN);
    await devices.sensor!.report(true, 3, now());
    const state = await devices.panel.waitForStatus('in_use');
    expect(state.current?.bookingId).toBe(b.id);
    expect((await bookingStatus(b.id)).checkInEvidence).toBe('presence');
  });

  it('back to back: a tap in the next meeting\'s window checks in the next meeting; the panel ends the running one', async () => {
    const a = await book(t, site, 0, 60, { attendees: [] }); // Li Wei's meeting, now
    const b = await book(t, site, 60, 60, { host: site.guest.id, attendees: [site.host.id] }); // Zhang Min's, right after
    await devices.reader.tap(site.hostBadge, now());
    await devices.panel.waitForStatus('in_use');
    t.clock.advance(55 * MIN); // B's window is open while A still runs
    await devices.reader.tap(site.guestBadge, now());
    await waitFor(async () => (await bookingStatus(b.id)).status === 'checked_in', { what: 'B checked in' });
    await t.hub.idle();
    expect((await bookingStatus(b.id)).attendance.find((x: any) => x.user === site.guest.id).status).toBe('on_time');
    expect((await bookingStatus(a.id)).status).toBe('checked_in');
    const ended = await devices.panel.request('end');
    expect(ended.ok).toBe(true);
    expect((ended.result as { bookingId: string }).bookingId).toBe(a.id);
    expect((await bookingStatus(a.id)).status).toBe('completed');
  });

  it('a sensor that dies stops speaking for the room: no presence check-in from its last report', async () => {
    const b = await book(t, site, 5);
    await devices.sensor!.report(true, 4, now());
    await t.hub.idle();
    devices.sensor!.kill(); // its last will says "lost"
    await waitFor(async () => (await t.hub.deps.reads.rooms.get(site.room))?.present === null, { what: 'presence forgotten' });
    t.clock.advance(3 * MIN); // presence would have lasted long enough by now
    await t.hub.tick();
    expect((await bookingStatus(b.id)).status).toBe('confirmed');
    t.clock.advance(12 * MIN);
    await t.hub.tick();
    expect((await bookingStatus(b.id)).status).toBe('released'); // nobody checked in
  });

  it('a no-show is released at the grace deadline, not before, and the host is told', async () => {
    const b = await book(t, site, 5);
    t.clock.advance(14 * MIN + 59_000); // 9:59 after the start
    await t.hub.tick();
    expect((await bookingStatus(b.id)).status).toBe('confirmed');
    expect(devices.panel.state?.status).toBe('awaiting_checkin');
    t.clock.advance(1000); // exactly start + 10 min
    await t.hub.tick();
    const state = await devices.panel.waitForStatus('free');
    expect(state.current).toBeNull();
    const released = await devices.panel.waitForEvent('released');
    expect(released.bookingId).toBe(b.id);
    expect((await bookingStatus(b.id)).status).toBe('released');
    expect(await t.hub.metrics.total('hub_releases_total')).toBe(1);
    // Ticking again cannot release twice (conditional update).
    await t.hub.tick();
    expect(await t.hub.metrics.total('hub_releases_total')).toBe(1);
    expect(devices.panel.events.filter((e) => e.type === 'released')).toHaveLength(1);
  });

  it('a ghost meeting (checked in, room empty 15 min, no tap) ends early and frees the room', async () => {
    const b = await book(t, site, 0, 120);
    await devices.reader.tap(site.hostBadge, now());
    await devices.panel.waitForStatus('in_use');
    t.clock.advance(5 * MIN);
    await devices.sensor!.report(false, 0, now());
    await t.hub.idle();
    t.clock.advance(14 * MIN);
    await t.hub.tick();
    expect((await bookingStatus(b.id)).status).toBe('checked_in');
    t.clock.advance(1 * MIN);
    await t.hub.tick();
    await devices.panel.waitForStatus('free');
    const detail = await bookingStatus(b.id);
    expect(detail.status).toBe('completed');
    expect(Date.parse(detail.end)).toBe(t.clock.now()); // the rest of the slot is free again
    expect(await t.hub.metrics.total('hub_ghost_releases_total')).toBe(1);
  });

  it('a badge tap during the empty spell restarts the ghost countdown', async () => {
    const b = await book(t, site, 0, 120);
    await devices.reader.tap(site.hostBadge, now());
    await devices.panel.waitForStatus('in_use');
    await devices.sensor!.report(false, 0, now());
    t.clock.advance(10 * MIN);
    await devices.reader.tap(site.guestBadge, now());
    await t.hub.idle();
    t.clock.advance(10 * MIN); // 20 min empty, but only 10 since the tap
    await t.hub.tick();
    expect((await bookingStatus(b.id)).status).toBe('checked_in');
  });
});
