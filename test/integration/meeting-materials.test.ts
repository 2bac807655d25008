/**
 * M3, M8, G3 and the attacker's view of the meeting record, on a real hub on
 * both databases: materials checked by their bytes, stored whole, served as
 * downloads only, refused past the size limit, late ones flagged and mailed, the others reminded at their
 * due time; the next meeting proposed and booked; leaving early with leave;
 * two minute takers saving at once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROVIDERS } from '../support/databases.js';
import { freePort, MIN, provisionRoom, type Site, startTestHub, type TestHub } from '../support/hub-fixture.js';
import { startSmtp, type TestSmtp } from '../support/smtp.js';

const iso = (ms: number) => new Date(ms).toISOString();
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const PDF = new TextEncoder().encode('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

describe.each(PROVIDERS)('meeting materials, wrap-up and attacks on %s', (provider) => {
  let smtp: TestSmtp;
  let t: TestHub;
  let site: Site;
  let meeting: string;
  let base: string;
  const token: Record<string, string> = {};
  const mailsTo = (address: string) => smtp.received.filter((m) => m.to.includes(address));
  /** Moves the hub's clock (sessions expire on it: everyone signs in again). */
  const goTo = async (ms: number) => {
    t.clock.set(ms);
    await t.signInAgain();
    for (const who of Object.keys(token)) token[who] = (await t.api('POST', '/api/session', { username: who, password: `${who}-pass-1` }, null)).body.token;
  };
  const upload = async (bookingId: string, name: string, bytes: Uint8Array, who = 'host') => {
    const form = new FormData();
    form.append('file', new Blob([bytes as Uint8Array<ArrayBuffer>]), name);
    const res = await fetch(`${base}/api/bookings/${bookingId}/materials`, { method: 'POST', headers: { authorization: `Bearer ${token[who]}` }, body: form });
    return { status: res.status, body: await res.json().catch(() => null) };
  };

  beforeAll(async () => {
    smtp = await startSmtp(await freePort());
    t = await startTestHub(provider, { HUB_SMTP_URL: smtp.url, HUB_MATERIAL_MAX_SIZE: '1mb' });
    base = `http://127.0.0.1:${t.hub.httpPort}`;
    site = await provisionRoom(t, 'alpha', { sensor: false });
    await provisionRoom(t, 'beta', { sensor: false });
    const people = [
      ['host', 'Customer Service', 'host@example.test'],
      ['guest', 'Customer Service', 'guest@example.test'],
      ['dept', 'Customer Service', 'dept@example.test'],
      ['ops', 'Operations', 'ops@example.test'],
      ['deleg', 'Customer Service', 'deleg@example.test'],
    ];
    for (const [id, department, email] of people) {
      await t.api('POST', '/api/users', { id, username: id, name: id, department, email, password: `${id}-pass-1` });
      token[id!] = (await t.api('POST', '/api/session', { username: id, password: `${id}-pass-1` }, null)).body.token;
    }
    // Three days ahead, 10:00-11:00.
    const start = t.clock.now() + 3 * DAY + HOUR;
    const b = await t.api('POST', '/api/bookings', { room: site.room, title: 'Budget review', start: iso(start), end: iso(start + HOUR), headcount: 3, attendees: ['guest', 'deleg'] }, token.host);
    expect(b.status, JSON.stringify(b.body)).toBe(201);
    meeting = b.body.id;
    await t.api('PATCH', `/api/bookings/${meeting}/meeting`, { delegate: 'deleg' }, token.host);
  }, 60_000);
  afterAll(async () => {
    await t?.stop();
    await smtp?.stop();
  });

  it('M3: a PDF is stored whole and served only as a download, to those who may read the meeting (C9)', async () => {
    const r = await upload(meeting, '../../预算 Q4.pdf', PDF);
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body).toMatchObject({ name: '预算 Q4.pdf', mimeType: 'application/pdf', size: PDF.length, late: false });
    for (const who of ['guest', 'dept']) {
      const res = await fetch(`${base}/api/bookings/${meeting}/materials/${r.body.id}`, { headers: { authorization: `Bearer ${token[who]}` } });
      expect(res.status).toBe(200);
      expect(new Uint8Array(await res.arrayBuffer())).toEqual(PDF);
      expect(res.headers.get('content-disposition')).toMatch(/^attachment; .*filename\*=UTF-8''%E9%A2%84%E7%AE%97%20Q4\.pdf$/);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('content-security-policy')).toContain('sandbox');
    }
    expect((await fetch(`${base}/api/bookings/${meeting}/materials/${r.body.id}`, { headers: { authorization: `Bearer ${token.ops}` } })).status).toBe(403);
    expect((await t.api('GET', `/api/bookings/${meeting}/materials`, undefined, token.guest)).body).toHaveLength(1);
  });

  it('M3: files are judged by their bytes: HTML named .pdf, SVG and executables are refused; text by extension', async () => {
    expect((await upload(meeting, 'agenda.pdf', new TextEncoder().encode('<html><script>alert(1)</script></html>'))).status).toBe(422);
    expect((await upload(meeting, 'logo.svg', new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'))).status).toBe(422);
    expect((await upload(meeting, 'tool.exe', new Uint8Array([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00]))).status).toBe(422);
    expect((await upload(meeting, 'empty.txt', new Uint8Array())).status).toBe(422);
    const notes = await upload(meeting, 'notes.md', new TextEncoder().encode('# 议程\n- 预算\n'));
    expect(notes.body).toMatchObject({ mimeType: 'text/markdown' });
    expect((await upload(meeting, 'notes.pdf', PDF, 'guest')).status).toBe(403); // attendees do not attach
    expect((await t.api('GET', `/api/bookings/${meeting}/materials`, undefined, token.host)).body).toHaveLength(2);
  });

  it('a file over HUB_MATERIAL_MAX_SIZE is 413 and nothing is stored (a 250 MB one: upload-memory.test.ts)', async () => {
    expect((await upload(meeting, 'big.pdf', new Uint8Array(2 * 1024 * 1024).fill(0x25))).status).toBe(413);
    expect((await t.api('GET', `/api/bookings/${meeting}/materials`, undefined, token.host)).body).toHaveLength(2);
  });

  it('M3: attendees are reminded of the materials at their due time; a file after it is flagged late and mailed at once', async () => {
    await t.hub.deliverMail();
    expect(mailsTo('guest@example.test').filter((m) => /materials|资料/i.test(m.parsed.subject ?? ''))).toHaveLength(0);
    const b = (await t.api('GET', `/api/bookings/${meeting}`)).body;
    await goTo(Date.parse(b.start) - DAY + MIN);
    await t.hub.tick();
    await t.hub.deliverMail();
    const reminder = mailsTo('guest@example.test').filter((m) => /资料/.test(m.parsed.subject ?? ''));
    expect(reminder).toHaveLength(1);
    expect(reminder[0]!.parsed.text).toContain('预算 Q4.pdf');
    expect(reminder[0]!.parsed.text).toContain('notes.md');
    await t.hub.tick(); // once
    await t.hub.deliverMail();
    expect(mailsTo('guest@example.test').filter((m) => /资料/.test(m.parsed.subject ?? ''))).toHaveLength(1);
    const late = await upload(meeting, 'late.pdf', PDF);
    expect(late.body.late).toBe(true);
    await t.hub.deliverMail();
    expect(mailsTo('guest@example.test').at(-1)?.parsed.subject).toMatch(/逾期补发/);
    expect(mailsTo('host@example.test').some((m) => /逾期补发/.test(m.parsed.subject ?? ''))).toBe(false); // not to the one who sent it
  });

  it('M9: two saves of the same version at once: one is kept, the other told to reload', async () => {
    const b = (await t.api('GET', `/api/bookings/${meeting}`)).body;
    await goTo(Date.parse(b.start) + 5 * MIN);
    const saves = await Promise.all(['one', 'two', 'three'].map((text) => t.api('PUT', `/api/bookings/${meeting}/minutes`, { text, version: 0 }, token.host)));
    expect(saves.map((s) => s.status).sort()).toEqual([200, 409, 409]);
    const kept = (await t.api('GET', `/api/bookings/${meeting}/minutes`, undefined, token.host)).body;
    expect(kept.version).toBe(1);
    expect(['one', 'two', 'three']).toContain(kept.text);
  });

  it('G3: the host records someone leaving early, with leave', async () => {
    const b = (await t.api('GET', `/api/bookings/${meeting}`)).body;
    expect((await t.api('PUT', `/api/bookings/${meeting}/attendance/guest`, { status: 'on_time', leftAt: iso(Date.parse(b.start) + 30 * MIN), leaveGranted: true }, token.deleg)).status).toBe(204);
    expect((await t.api('PUT', `/api/bookings/${meeting}/attendance/guest`, { status: 'late' }, token.guest)).status).toBe(403);
    expect((await t.api('PUT', `/api/bookings/${meeting}/attendance/ops`, { status: 'late' }, token.host)).status).toBe(422);
    const att = (await t.api('GET', `/api/bookings/${meeting}`, undefined, token.host)).body.attendance;
    expect(att.find((a: { user: string }) => a.user === 'guest')).toMatchObject({ status: 'on_time', leftAt: iso(Date.parse(b.start) + 30 * MIN), leaveGranted: true });
    // Nobody else left: no leftAt on their entries.
    expect(att.filter((a: { leftAt?: string }) => a.leftAt).map((a: { user: string }) => a.user)).toEqual(['guest']);
  });

  it('M8: the next meeting is proposed and booked for the same people; the room taken is a clear 409', async () => {
    const b = (await t.api('GET', `/api/bookings/${meeting}`)).body;
    const next = Date.parse(b.start) + 7 * DAY;
    const r = await t.api('POST', `/api/bookings/${meeting}/next`, { topic: 'Budget review, part 2', start: iso(next), end: iso(next + HOUR), room: 'beta' }, token.host);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.meeting.next).toMatchObject({ topic: 'Budget review, part 2', room: 'beta', booking: r.body.booking.id });
    expect(r.body.booking).toMatchObject({ room: 'beta', host: 'host', title: 'Budget review, part 2' });
    expect(r.body.booking.attendees.sort()).toEqual(['deleg', 'guest']);
    const clash = await t.api('POST', `/api/bookings/${meeting}/next`, { topic: 'Again', start: iso(next), end: iso(next + HOUR), room: 'beta' }, token.deleg);
    expect(clash.status).toBe(409);
    // Only recorded: no booking.
    const recorded = await t.api('POST', `/api/bookings/${meeting}/next`, { topic: 'Budget review, part 3', start: iso(next + 7 * DAY), end: iso(next + 7 * DAY + HOUR), room: 'alpha', book: false }, token.deleg);
    expect(recorded.body).toMatchObject({ booking: null, meeting: { next: { topic: 'Budget review, part 3', booking: null } } });
    expect((await t.api('POST', `/api/bookings/${meeting}/next`, { topic: 'x', start: iso(next), end: iso(next + HOUR), room: 'beta' }, token.guest)).status).toBe(403);
  });
});
