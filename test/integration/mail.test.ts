/**
 * Contract §5: mail through a real SMTP server on loopback, with calendar
 * invitations parsed back by ical.js; an SMTP server that is down delays mail
 * and never drops or doubles it; without SMTP every mail is an .eml file.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ICAL from 'ical.js';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, MIN, provisionRoom, type Site, startTestHub, type TestHub } from '../support/hub-fixture.js';
import { startSmtp, type TestSmtp } from '../support/smtp.js';

const iso = (ms: number) => new Date(ms).toISOString();
const SAMPLES = join(process.cwd(), 'test-output', 'mail');
const vevent = (ics: string) => {
  const cal = new ICAL.Component(ICAL.parse(ics));
  return { method: cal.getFirstPropertyValue('method'), event: new ICAL.Event(cal.getFirstSubcomponent('vevent')!), comp: cal.getFirstSubcomponent('vevent')! };
};

describe('mail with calendar invitations (contract §5)', () => {
  let smtp: TestSmtp;
  let t: TestHub;
  let site: Site;
  const mailsTo = (address: string) => smtp.received.filter((m) => m.to.includes(address));

  beforeAll(async () => {
    smtp = await startSmtp(await freePort());
    t = await startTestHub('sqlite', { HUB_SMTP_URL: smtp.url, HUB_MAIL_FROM: 'Meeting hub <hub@example.test>', HUB_PUBLIC_URL: 'https://rooms.example.test' });
    site = await provisionRoom(t);
    await t.api('PATCH', `/api/users/${site.host.id}`, { email: 'li.wei@example.test', locale: 'en' });
    await t.api('PATCH', `/api/users/${site.guest.id}`, { email: 'zhang.min@example.test' }); // the hub's default: Chinese
    await t.api('PATCH', '/api/users/admin', { email: 'admin@example.test' });
  });
  afterAll(async () => {
    await t.stop();
    await smtp.stop();
  });

  it('M2: a booking mails its notice to the host and attendees, each in their language, with a METHOD:REQUEST invitation', async () => {
    const start = t.clock.now() + 2 * 60 * MIN;
    const b = (await t.api('POST', '/api/bookings', { room: site.room, title: 'Quarterly review', start: iso(start), end: iso(start + 60 * MIN), headcount: 2, host: site.host.id, attendees: [site.guest.id] })).body;
    await t.hub.deliverMail();
    const [host] = mailsTo('li.wei@example.test');
    const [guest] = mailsTo('zhang.min@example.test');
    // Kept for people to look at: the notice as the SMTP server received it, with its invitation.
    mkdirSync(SAMPLES, { recursive: true });
    writeFileSync(join(SAMPLES, 'notice-en.eml'), host!.raw);
    writeFileSync(join(SAMPLES, 'notice-zh-CN.eml'), guest!.raw);
    expect(host?.parsed.subject).toMatch(/^Meeting: Quarterly review, .*Room alpha$/);
    expect(guest?.parsed.subject).toMatch(/^会议通知：Quarterly review/);
    expect(host?.parsed.text).toContain('Short notice'); // M2: booked two hours ahead
    expect(host?.parsed.text).toContain(`https://rooms.example.test/#/meetings/${b.id}`);
    const inv = vevent(host!.calendar!);
    expect(inv.method).toBe('REQUEST');
    expect(inv.event.uid).toBe(`booking-${b.id}@meeting-hub`);
    expect(inv.event.summary).toBe('Quarterly review');
    expect(inv.event.startDate.toJSDate().getTime()).toBe(start);
    expect(inv.event.endDate.toJSDate().getTime()).toBe(start + 60 * MIN);
    expect(inv.event.location).toBe('Room alpha');
    expect(inv.comp.getAllProperties('attendee').map((p) => String(p.getFirstValue()).toLowerCase())).toEqual(['mailto:li.wei@example.test', 'mailto:zhang.min@example.test']);

    // A change: the same UID, a higher SEQUENCE. A cancellation: METHOD:CANCEL, the same UID.
    await t.api('PATCH', `/api/bookings/${b.id}`, { title: 'Quarterly review (moved)', start: iso(start + 60 * MIN), end: iso(start + 120 * MIN) });
    t.clock.advance(1000);
    await t.api('POST', `/api/bookings/${b.id}/cancel`);
    await t.hub.deliverMail();
    const hostMails = mailsTo('li.wei@example.test');
    expect(hostMails.map((m) => m.parsed.subject?.split(':')[0])).toEqual(['Meeting', 'Changed', 'Cancelled']);
    const changed = vevent(hostMails[1]!.calendar!);
    const cancelled = vevent(hostMails[2]!.calendar!);
    expect(changed.event.uid).toBe(inv.event.uid);
    expect(cancelled.event.uid).toBe(inv.event.uid);
    expect(cancelled.method).toBe('CANCEL');
    expect(changed.event.sequence).toBeGreaterThan(inv.event.sequence);
    expect(cancelled.event.sequence).toBeGreaterThan(changed.event.sequence);
  });

  it('R15: an after-hours request asks the administration office and tells the host; the answer is mailed', async () => {
    const member = (await t.api('POST', '/api/session', { username: site.host.id, password: 'host-pass-1' }, null)).body.token;
    const night = Date.parse('2026-12-01T20:00:00Z');
    const req = (await t.api('POST', '/api/bookings', { room: site.room, title: 'Late call', start: iso(night), end: iso(night + 30 * MIN), headcount: 2, attendees: [site.guest.id] }, member)).body;
    await t.hub.deliverMail();
    expect(mailsTo('admin@example.test').at(-1)?.parsed.subject).toMatch(/Late call/);
    expect(mailsTo('li.wei@example.test').at(-1)?.parsed.subject).toMatch(/^Waiting for approval: Late call/);
    const guestBefore = mailsTo('zhang.min@example.test').length;
    await t.api('POST', `/api/bookings/${req.id}/approve`);
    await t.hub.deliverMail();
    expect(mailsTo('li.wei@example.test').at(-1)?.parsed.subject).toMatch(/^Approved: Late call/);
    expect(mailsTo('zhang.min@example.test').length).toBe(guestBefore + 1); // the invitation, now that it holds
  });

  it('G1: a series is one recurring invitation: its RRULE in the room\'s zone, the clashing occurrence as EXDATE', async () => {
    await t.api('PATCH', `/api/rooms/${site.room}`, { timeZone: 'Europe/Berlin', openingHours: [{ days: [1, 2, 3, 4, 5], open: '07:00', close: '20:00' }] });
    const s = Date.parse('2027-03-15T08:00:00Z');
    await t.api('POST', '/api/bookings', { room: site.room, title: 'Blocker', start: iso(Date.parse('2027-03-22T08:00:00Z')), end: iso(Date.parse('2027-03-22T09:00:00Z')), headcount: 1 });
    const before = mailsTo('zhang.min@example.test').length;
    const series = (await t.api('POST', '/api/series', { room: site.room, title: 'Weekly', start: iso(s), end: iso(s + 60 * MIN), rrule: 'FREQ=WEEKLY;BYDAY=MO;COUNT=3', headcount: 2, host: site.host.id, attendees: [site.guest.id] })).body;
    await t.hub.deliverMail();
    const mails = mailsTo('zhang.min@example.test').slice(before);
    expect(mails).toHaveLength(1); // one mail for the series, not one per week
    const { comp, event } = vevent(mails[0]!.calendar!);
    expect(event.uid).toBe(`series-${series.id}@meeting-hub`);
    expect(comp.getFirstProperty('dtstart')?.getParameter('tzid')).toBe('Europe/Berlin');
    const rule = comp.getFirstPropertyValue('rrule') as unknown as { freq: string; count: number; parts: { BYDAY: string[] } };
    expect([rule.freq, rule.count, rule.parts.BYDAY]).toEqual(['WEEKLY', 3, ['MO']]);
    const exdate = comp.getFirstProperty('exdate')!;
    expect(exdate.getParameter('tzid')).toBe('Europe/Berlin');
    expect(String(exdate.getFirstValue())).toBe('2027-03-22T09:00:00');
    expect(mails[0]!.raw).toContain('BEGIN:VTIMEZONE');
  });

  it('SMTP down, then up: every mail is delivered once, and a notice nobody can receive is set aside', async () => {
    await smtp.stop();
    const start = t.clock.now() + 26 * 60 * MIN;
    const b = (await t.api('POST', '/api/bookings', { room: site.room, title: 'While down', start: iso(start), end: iso(start + 30 * MIN), headcount: 2, host: site.host.id, attendees: [site.guest.id] })).body;
    const before = smtp.received.length;
    await t.hub.deliverMail();
    const pending = await t.hub.deps.reads.notifications.list({ pending: true, limit: 10 });
    expect(pending.length).toBeGreaterThanOrEqual(2);
    expect(pending[0]!.attempts).toBe(1);
    expect(pending[0]!.lastError).toBeTruthy();
    await smtp.start();
    await t.hub.deliverMail(); // too early: it waits for its retry time
    expect(smtp.received.length).toBe(before);
    t.clock.advance(31_000);
    await t.hub.deliverMail();
    await t.hub.deliverMail();
    const got = smtp.received.slice(before).filter((m) => m.parsed.subject?.includes('While down'));
    expect(got.map((m) => m.to[0]).sort()).toEqual(['li.wei@example.test', 'zhang.min@example.test']);
    expect((await t.hub.deps.reads.notifications.list({ pending: true, limit: 10 }))).toEqual([]);
    void b;
  });
});

describe('without SMTP, each mail is an .eml file in the data folder (contract §5)', () => {
  let t: TestHub;
  beforeAll(async () => {
    t = await startTestHub('sqlite');
    const site = await provisionRoom(t);
    await t.api('PATCH', `/api/users/${site.host.id}`, { email: 'li.wei@example.test' });
    const start = t.clock.now() + 3 * 60 * MIN;
    await t.api('POST', '/api/bookings', { room: site.room, title: 'Filed', start: iso(start), end: iso(start + 30 * MIN), headcount: 1, host: site.host.id });
    await t.hub.deliverMail();
  });
  afterAll(() => t.stop());

  it('writes an RFC 5322 message with its invitation, readable by a mail parser', async () => {
    const dir = join(t.db.dataDir, 'outbox');
    const files = readdirSync(dir).filter((f) => f.endsWith('.eml'));
    expect(files).toHaveLength(1);
    const parsed = await simpleParser(readFileSync(join(dir, files[0]!)));
    expect(parsed.subject).toMatch(/Filed/);
    expect((parsed.to as { text: string }).text).toContain('li.wei@example.test');
    expect(readFileSync(join(dir, files[0]!), 'utf8')).toMatch(/text\/calendar; charset=utf-8; method=REQUEST/i);
  });
});
