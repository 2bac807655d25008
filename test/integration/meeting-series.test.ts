/**
 * The meeting life cycle on a real hub (policy chapters 1-3, contract §8), on
 * both databases, with a real SMTP server: a weekly series of three meetings.
 * The first sets a decision and an action, its minutes are drafted, approved
 * and mailed to the attendees and a copied department; the action goes
 * overdue, its owner analyses it, and it comes back, with its analysis, in
 * the third meeting's agenda section (a) (C7). The second's minutes miss their
 * deadline and are flagged (C2). The archive is searched in Chinese and
 * English (C8) under the access rules (C9, G4), and retention removes only
 * what is old enough (C10).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SimReader } from '../../firmware-sim/reader.js';
import { PROVIDERS } from '../support/databases.js';
import { freePort, MIN, provisionRoom, type Site, startTestHub, type TestHub } from '../support/hub-fixture.js';
import { startSmtp, type TestSmtp } from '../support/smtp.js';

const iso = (ms: number) => new Date(ms).toISOString();
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const TUE = Date.parse('2026-12-01T00:00:00Z'); // T0's day, a Tuesday

describe.each(PROVIDERS)('a weekly series of three meetings on %s', (provider) => {
  let smtp: TestSmtp;
  let t: TestHub;
  let site: Site;
  let reader: SimReader;
  const token: Record<string, string> = {};
  let meetings: string[] = [];
  let actionId = '';
  const as = (who: string) => token[who];
  const mailsTo = (address: string) => smtp.received.filter((m) => m.to.includes(address));
  const goTo = async (ms: number) => {
    t.clock.set(ms);
    for (const who of Object.keys(token)) token[who] = (await t.api('POST', '/api/session', { username: who, password: `${who}-pass-1` }, null)).body.token;
    await t.signInAgain();
    await t.hub.tick();
    await t.hub.deliverMail();
  };
  const person = async (id: string, name: string, department: string, email: string) => {
    const r = await t.api('POST', '/api/users', { id, username: id, name, department, email, password: `${id}-pass-1`, badgeUid: `CC${id.length}${id.charCodeAt(0).toString(16)}${id.charCodeAt(1).toString(16)}`.toUpperCase() });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
  };
  /** The host taps in at the start: the meeting is held. */
  const hold = async (bookingId: string) => {
    const b = (await t.api('GET', `/api/bookings/${bookingId}`)).body;
    await goTo(Date.parse(b.start) - 2 * MIN);
    await reader.tap(site.hostBadge, new Date(t.clock.now()));
    await t.hub.idle();
    expect((await t.api('GET', `/api/bookings/${bookingId}`)).body.status).toBe('checked_in');
  };

  beforeAll(async () => {
    smtp = await startSmtp(await freePort());
    t = await startTestHub(provider, { HUB_SMTP_URL: smtp.url, HUB_PUBLIC_URL: 'https://rooms.example.test', HUB_MINUTES_RETENTION: '20d' });
    site = await provisionRoom(t, 'alpha', { sensor: false });
    await t.api('PATCH', `/api/users/${site.host.id}`, { email: 'li.wei@example.test', department: 'Customer Service', locale: 'en', password: 'alpha-host-pass-1' });
    await t.api('PATCH', `/api/users/${site.guest.id}`, { email: 'zhang.min@example.test', department: 'Customer Service', password: 'alpha-guest-pass-1' });
    await person('wang', 'Wang Fang', 'Customer Service', 'wang.fang@example.test'); // the minute taker
    await person('qa', 'Qian An', 'Quality', 'qian.an@example.test'); // a copied department
    await person('ops', 'Ou Pei', 'Operations', 'ou.pei@example.test'); // neither
    await person('cs2', 'Chen Si', 'Customer Service', 'chen.si@example.test'); // the department, not invited
    token[site.host.id] = '';
    token[site.guest.id] = '';
    for (const who of ['wang', 'qa', 'ops', 'cs2']) token[who] = '';
    await goTo(t.clock.now());
    reader = await SimReader.connect({ url: t.mqttUrl, deviceId: site.reader.id, token: site.reader.token });
    const series = await t.api('POST', '/api/series', {
      room: site.room,
      title: 'Weekly service review',
      start: iso(TUE + 10 * HOUR),
      end: iso(TUE + 11 * HOUR),
      rrule: 'FREQ=WEEKLY;BYDAY=TU;COUNT=3',
      headcount: 3,
      host: site.host.id,
      attendees: [site.guest.id, 'wang'],
    });
    expect(series.status, JSON.stringify(series.body)).toBe(201);
    meetings = series.body.occurrences.map((o: { bookingId: string }) => o.bookingId);
    expect(meetings).toHaveLength(3);
  }, 60_000);
  afterAll(async () => {
    await reader?.close();
    await t?.stop();
    await smtp?.stop();
  });

  it('G2: the host names the minute taker and the departments copied; an attendee may not', async () => {
    const refused = await t.api('PATCH', `/api/bookings/${meetings[0]}/meeting`, { minuteTaker: 'wang' }, as('wang'));
    expect(refused.status).toBe(403);
    const r = await t.api('PATCH', `/api/bookings/${meetings[0]}/meeting`, { minuteTaker: 'wang', ccDepartments: ['Quality'] }, as(site.host.id));
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({ minuteTaker: 'wang', ccDepartments: ['Quality'], department: 'Customer Service' });
    expect(r.body.roles).toContain('host');
    expect((await t.api('GET', `/api/bookings/${meetings[0]}/meeting`, undefined, as('ops'))).status).toBe(403);
  });

  it('M5: the agenda has the fixed sections a-f; the host adds items, the minute taker writes the discussion', async () => {
    const add = (section: string, title: string) => t.api('POST', `/api/bookings/${meetings[0]}/agenda`, { section, title }, as(site.host.id));
    const report = await add('b', 'Complaints this week');
    expect(report.status).toBe(201);
    await add('c', 'Customer satisfaction survey');
    expect((await add('z', 'Nope')).status).toBe(422);
    expect((await t.api('POST', `/api/bookings/${meetings[0]}/agenda`, { section: 'f', title: 'By the minute taker' }, as('wang'))).status).toBe(403);
    const notes = await t.api('PATCH', `/api/bookings/${meetings[0]}/agenda/${report.body.id}`, { notes: '12 complaints, 3 escalated.' }, as('wang'));
    expect(notes.status, JSON.stringify(notes.body)).toBe(200);
    const agenda = (await t.api('GET', `/api/bookings/${meetings[0]}/agenda`, undefined, as(site.guest.id))).body;
    expect(agenda.sections.map((s: { section: string }) => s.section)).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
    expect(agenda.sections[1].items[0]).toMatchObject({ title: 'Complaints this week', notes: '12 complaints, 3 escalated.' });
    expect(agenda.carriedOver).toEqual({ previousMeeting: null, overdueActions: [] });
  });

  it('M6, G5, M7: during the meeting a vote of those present, a decision with owner and deadline, an action', async () => {
    await hold(meetings[0]!);
    const v = await t.api('POST', `/api/bookings/${meetings[0]}/votes`, { question: 'Extend support hours?', options: ['yes', 'no'] }, as(site.host.id));
    expect(v.status, JSON.stringify(v.body)).toBe(201);
    // The host tapped in; the minute taker did not (not present): only present people vote.
    expect((await t.api('POST', `/api/bookings/${meetings[0]}/votes/${v.body.id}/ballots`, { choice: 'yes' }, as(site.host.id))).status).toBe(204);
    expect((await t.api('POST', `/api/bookings/${meetings[0]}/votes/${v.body.id}/ballots`, { choice: 'no' }, as('wang'))).status).toBe(403);
    expect((await t.api('POST', `/api/bookings/${meetings[0]}/votes/${v.body.id}/ballots`, { choice: 'maybe' }, as(site.host.id))).status).toBe(422);
    // M4: the host keeps the sign-in list: the minute taker forgot their badge.
    expect((await t.api('PUT', `/api/bookings/${meetings[0]}/attendance/wang`, { status: 'late' }, as(site.host.id))).status).toBe(204);
    expect((await t.api('POST', `/api/bookings/${meetings[0]}/votes/${v.body.id}/ballots`, { choice: 'yes' }, as('wang'))).status).toBe(204);
    const closed = await t.api('POST', `/api/bookings/${meetings[0]}/votes/${v.body.id}/close`, undefined, as(site.host.id));
    expect(closed.body.result).toEqual({ counts: { yes: 2, no: 0 }, winner: 'yes', ballots: 2 });
    expect((await t.api('POST', `/api/bookings/${meetings[0]}/votes/${v.body.id}/ballots`, { choice: 'no' }, as(site.host.id))).status).toBe(409);

    // G5: a decision without an owner or a deadline is refused, naming what is missing.
    const noOwner = await t.api('POST', `/api/bookings/${meetings[0]}/decisions`, { text: 'Extend support hours to 20:00', deadline: iso(TUE + 4 * DAY) }, as('wang'));
    expect(noOwner.status).toBe(422);
    expect(noOwner.body.details.map((d: { field: string }) => d.field)).toContain('owner');
    const noDeadline = await t.api('POST', `/api/bookings/${meetings[0]}/decisions`, { text: 'Extend support hours to 20:00', owner: site.guest.id }, as('wang'));
    expect(noDeadline.body.details.map((d: { field: string }) => d.field)).toContain('deadline');
    const decision = await t.api('POST', `/api/bookings/${meetings[0]}/decisions`, { text: 'Extend support hours to 20:00', owner: site.guest.id, deadline: iso(TUE + 20 * DAY), vote: v.body.id }, as('wang'));
    expect(decision.status, JSON.stringify(decision.body)).toBe(201);
    expect(decision.body.action).toMatch(/^act/);
    // The action that will go overdue: due Saturday, before the second meeting.
    const action = await t.api('POST', `/api/bookings/${meetings[0]}/actions`, { text: '调查结果整理成报告 and circulate the budget', owner: 'wang', deadline: iso(TUE + 4 * DAY) }, as(site.host.id));
    expect(action.status).toBe(201);
    actionId = action.body.id;
    await t.hub.deliverMail();
    expect(mailsTo('wang.fang@example.test').some((m) => /会议任务|Action for you/.test(m.parsed.subject ?? ''))).toBe(true);
  });

  it('M9: the minute taker writes during the meeting; a save from a stale copy is refused, not lost', async () => {
    const first = await t.api('PUT', `/api/bookings/${meetings[0]}/minutes`, { text: '本次会议讨论了客户满意度调查结果。', version: 0 }, as('wang'));
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body).toMatchObject({ status: 'draft', version: 1 });
    const second = await t.api('PUT', `/api/bookings/${meetings[0]}/minutes`, { text: '本次会议讨论了客户满意度调查结果。预算 budget review for next quarter.', version: 1 }, as('wang'));
    expect(second.body.version).toBe(2);
    const stale = await t.api('PUT', `/api/bookings/${meetings[0]}/minutes`, { text: 'an older tab', version: 1 }, as('wang'));
    expect(stale.status).toBe(409);
    expect((await t.api('GET', `/api/bookings/${meetings[0]}/minutes`, undefined, as('wang'))).body.text).toContain('budget review');
    // A draft is the drafters' until approved: an attendee sees the status, not the text.
    const seen = (await t.api('GET', `/api/bookings/${meetings[0]}/minutes`, undefined, as(site.guest.id))).body;
    expect(seen).toMatchObject({ status: 'draft', text: '' });
    expect((await t.api('POST', `/api/bookings/${meetings[0]}/minutes/submit`, undefined, as('wang'))).status).toBe(409); // still running
  });

  it('C2, C3: drafted within 24 h, approved and distributed within 48 h: mailed to attendees and the copied department', async () => {
    await goTo(TUE + 11 * HOUR + 5 * MIN); // the meeting ended at 11:00
    expect((await t.api('GET', `/api/bookings/${meetings[0]}`)).body.status).toBe('completed');
    const m = (await t.api('GET', `/api/bookings/${meetings[0]}/minutes`, undefined, as('wang'))).body;
    expect(m.draft).toEqual({ due: iso(TUE + 35 * HOUR), met: null, missed: false });
    expect(m.distribute.due).toBe(iso(TUE + 59 * HOUR));
    await goTo(TUE + 20 * HOUR);
    const submitted = await t.api('POST', `/api/bookings/${meetings[0]}/minutes/submit`, undefined, as('wang'));
    expect(submitted.body).toMatchObject({ status: 'submitted', draft: { met: true, missed: false } });
    await t.hub.deliverMail();
    expect(mailsTo('li.wei@example.test').at(-1)?.parsed.subject).toMatch(/^Minutes to review: Weekly service review/);
    expect((await t.api('POST', `/api/bookings/${meetings[0]}/minutes/approve`, undefined, as('wang'))).status).toBe(403);
    const before = smtp.received.length;
    const approved = await t.api('POST', `/api/bookings/${meetings[0]}/minutes/approve`, undefined, as(site.host.id));
    expect(approved.body).toMatchObject({ status: 'approved', distribute: { met: true } });
    await t.hub.deliverMail();
    const distributed = smtp.received.slice(before).filter((x) => /Minutes:|会议纪要：/.test(x.parsed.subject ?? ''));
    expect(distributed.flatMap((x) => x.to).sort()).toEqual(['li.wei@example.test', 'qian.an@example.test', 'wang.fang@example.test', 'zhang.min@example.test']);
    const zh = distributed.find((x) => x.to.includes('zhang.min@example.test'))!.parsed.text!;
    if (provider === 'sqlite') {
      mkdirSync(join(process.cwd(), 'test-output', 'mail'), { recursive: true });
      writeFileSync(join(process.cwd(), 'test-output', 'mail', 'minutes-zh-CN.eml'), distributed.find((x) => x.to.includes('zhang.min@example.test'))!.raw);
    }
    // C1: topic, time, place, attendees; agenda and discussion; decisions with owner and deadline; actions.
    for (const part of ['Weekly service review', 'Room alpha', '出席情况', 'Li Wei：准时', 'Wang Fang：迟到', 'Zhang Min：缺席', '工作汇报：Complaints this week', '12 complaints, 3 escalated.', 'Extend support hours to 20:00 (负责人：Zhang Min；期限：2026-12-21)', '调查结果整理成报告', 'Extend support hours?：yes 2, no 0 → yes', '客户满意度调查结果']) {
      expect(zh, part).toContain(part);
    }
    expect(zh).toContain(`https://rooms.example.test/#/meetings/${meetings[0]}/minutes`);
  });

  it('M9: attendees confirm the minutes; someone outside may not', async () => {
    const ok = await t.api('POST', `/api/bookings/${meetings[0]}/minutes/confirm`, {}, as(site.guest.id));
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body.confirmations.map((c: { user: string }) => c.user)).toEqual([site.guest.id]);
    expect((await t.api('POST', `/api/bookings/${meetings[0]}/minutes/confirm`, {}, as('qa'))).status).toBe(403);
  });

  it('C7: the action goes overdue: its owner is asked for the analysis; it is on the next agenda until done', async () => {
    await goTo(TUE + 5 * DAY + HOUR); // Sunday: past Saturday's deadline
    await t.hub.deliverMail();
    expect(mailsTo('wang.fang@example.test').some((m) => /会议任务逾期/.test(m.parsed.subject ?? ''))).toBe(true);
    const mine = (await t.api('GET', '/api/actions?mine=true&overdue=true', undefined, as('wang'))).body;
    expect(mine.map((a: { id: string }) => a.id)).toEqual([actionId]);
    expect(mine[0]).toMatchObject({ overdue: true, analysisMissing: true });
    const second = (await t.api('GET', `/api/bookings/${meetings[1]}/agenda`, undefined, as(site.host.id))).body;
    expect(second.carriedOver.previousMeeting).toMatchObject({ booking: meetings[0], minutesStatus: 'approved', confirmations: 1 });
    expect(second.carriedOver.previousMeeting.minutes).toContain('客户满意度调查结果');
    expect(second.carriedOver.overdueActions.map((a: { id: string }) => a.id)).toEqual([actionId]);
    // Only the owner (or the host) analyses it; both parts are needed.
    expect((await t.api('PATCH', `/api/actions/${actionId}`, { overdueReason: 'x', remedy: 'y' }, as('ops'))).status).toBe(404);
    expect((await t.api('PATCH', `/api/actions/${actionId}`, { overdueReason: 'The survey closed late' }, as('wang'))).status).toBe(422);
    const analysed = await t.api('PATCH', `/api/actions/${actionId}`, { overdueReason: 'The survey closed late', remedy: 'Report by Wednesday with help from Zhang Min', status: 'in_progress', progress: 'Half written' }, as('wang'));
    expect(analysed.status, JSON.stringify(analysed.body)).toBe(200);
    expect(analysed.body).toMatchObject({ analysisMissing: false, status: 'in_progress', progress: [{ text: 'Half written' }] });
    const byDept = (await t.api('GET', '/api/actions/overdue-by-department')).body;
    expect(byDept).toContainEqual({ department: 'Customer Service', overdue: 1, analysisMissing: 0 });
  });

  it('C2: the second meeting is held but nobody drafts its minutes: reminded, then flagged missed on the meeting and the dashboard', async () => {
    await hold(meetings[1]!);
    await goTo(TUE + 7 * DAY + 11 * HOUR + MIN);
    await goTo(TUE + 7 * DAY + 31 * HOUR); // 4 h before the draft is due
    await t.hub.deliverMail();
    // No minute taker named for this one: the host is the drafter.
    expect(mailsTo('li.wei@example.test').some((m) => /^Minutes due soon: Weekly service review/.test(m.parsed.subject ?? ''))).toBe(true);
    await goTo(TUE + 7 * DAY + 36 * HOUR);
    await t.hub.deliverMail();
    expect(mailsTo('li.wei@example.test').some((m) => /^Minutes not drafted in time/.test(m.parsed.subject ?? ''))).toBe(true);
    const m = (await t.api('GET', `/api/bookings/${meetings[1]}/minutes`, undefined, as(site.host.id))).body;
    expect(m.draft).toMatchObject({ met: false, missed: true });
    const late = (await t.api('GET', '/api/minutes/late')).body;
    expect(late).toContainEqual(expect.objectContaining({ booking: meetings[1], draftMissed: true, distributeMissed: false }));
    expect((await t.api('GET', '/api/minutes/late', undefined, as(site.host.id))).status).toBe(403);
  });

  it('C7: in the third meeting the overdue action comes back in section (a) with its analysis, without anyone copying it', async () => {
    await goTo(TUE + 13 * DAY);
    const third = (await t.api('GET', `/api/bookings/${meetings[2]}/agenda`, undefined, as(site.guest.id))).body;
    expect(third.carriedOver.previousMeeting).toMatchObject({ booking: meetings[1], minutesStatus: 'not_started', minutes: null });
    expect(third.carriedOver.overdueActions).toEqual([
      expect.objectContaining({ id: actionId, owner: 'wang', overdue: true, overdueReason: 'The survey closed late', remedy: 'Report by Wednesday with help from Zhang Min' }),
    ]);
    // Done (with its report, C5): it is reported once more, at the first meeting after, then no longer.
    expect((await t.api('PATCH', `/api/actions/${actionId}`, { status: 'done' }, as('wang'))).status).toBe(422);
    expect((await t.api('PATCH', `/api/actions/${actionId}`, { status: 'done', report: 'Report circulated' }, as('wang'))).body.status).toBe('done');
    const evaluated = await t.api('PATCH', `/api/actions/${actionId}`, { evaluation: { rating: 'acceptable', text: 'Late but complete' } }, as(site.host.id));
    expect(evaluated.body.evaluation).toMatchObject({ rating: 'acceptable', by: `user:${site.host.id}` });
    const again = (await t.api('GET', `/api/bookings/${meetings[2]}/agenda`, undefined, as(site.guest.id))).body;
    expect(again.carriedOver.overdueActions.map((a: { id: string; status: string }) => [a.id, a.status])).toEqual([[actionId, 'done']]);
  });

  it('C8, C9, G4: the archive finds a Chinese phrase and an English word, for those who may read it', async () => {
    const search = async (q: string, who?: string) => (await t.api('GET', `/api/minutes?q=${encodeURIComponent(q)}`, undefined, who ? as(who) : undefined)).body.map((h: { booking: string }) => h.booking);
    expect(await search('满意度调查')).toEqual([meetings[0]]);
    expect(await search('budgets')).toEqual([meetings[0]]); // stemmed
    expect(await search('客户 review')).toEqual([meetings[0]]);
    expect(await search('满意度不存在')).toEqual([]);
    expect(await search('"; DROP TABLE "Minutes" --')).toEqual([]);
    expect(await search('满意度', 'cs2')).toEqual([meetings[0]]); // C9: the department's member
    expect(await search('满意度', 'qa')).toEqual([meetings[0]]); // copied
    expect(await search('满意度', 'ops')).toEqual([]); // neither
    const hit = (await t.api('GET', `/api/minutes?q=${encodeURIComponent('满意度')}`)).body[0];
    expect(hit).toMatchObject({ title: 'Weekly service review', room: 'Room alpha', department: 'Customer Service' });
    expect(hit.excerpt).toContain('满意度');
    // G4: a private meeting's minutes are its audience's only, not the department's.
    const secret = (await t.api('POST', '/api/bookings', { room: site.room, title: 'Staffing', start: iso(TUE + 13 * DAY + 10 * HOUR), end: iso(TUE + 13 * DAY + 11 * HOUR), headcount: 2, host: site.host.id, attendees: ['wang'], private: true })).body;
    await hold(secret.id);
    await t.api('PUT', `/api/bookings/${secret.id}/minutes`, { text: '满意度 staffing plan' }, as(site.host.id));
    await goTo(TUE + 13 * DAY + 11 * HOUR + MIN);
    await t.api('POST', `/api/bookings/${secret.id}/minutes/submit`, undefined, as(site.host.id));
    expect((await t.api('POST', `/api/bookings/${secret.id}/minutes/approve`, undefined, as(site.host.id))).status).toBe(200);
    expect(await search('staffing', 'wang')).toEqual([secret.id]);
    expect(await search('staffing', 'cs2')).toEqual([]);
    expect((await search('满意度')).slice(0, 2)).toEqual([secret.id, meetings[0]]); // newest first
  });

  it('C10: minutes older than the retention period are disposed of and the disposal logged; newer ones stay', async () => {
    await goTo(TUE + 30 * DAY); // retention 20 d: the meetings of 1 and 8 December go, 14 December's stays
    expect((await t.api('GET', `/api/bookings/${meetings[0]}/minutes`)).body.status).toBe('not_started');
    expect((await t.api('GET', `/api/minutes?q=${encodeURIComponent('满意度')}`)).body.map((h: { title: string }) => h.title)).toEqual(['Staffing']);
    expect((await t.api('GET', `/api/bookings/${meetings[0]}/decisions`)).body).toEqual([]);
    expect((await t.api('GET', `/api/actions/${actionId}`)).status).toBe(404);
    const log = (await t.api('GET', '/api/audit?type=minutes.disposed')).body;
    expect(log.map((e: { booking?: string; bookingId?: string }) => e.booking ?? e.bookingId).sort()).toEqual([meetings[0], meetings[1]].sort());
    expect(log.find((e: { booking?: string; bookingId?: string }) => (e.booking ?? e.bookingId) === meetings[0]).data.removed).toMatchObject({ minutes: 1, decisions: 1, actions: 2, agendaItems: 2, votes: 1 });
  });
});
