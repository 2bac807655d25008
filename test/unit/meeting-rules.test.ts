/** The meeting life cycle's rules, pure (policy chapters 1-3), each test named by its policy id. */
import { describe, expect, it } from 'vitest';
import { type ActionView, analysisMissing, changeAction, doneLate, isOverdue } from '../../hub/domain/meetings/action-items.js';
import { bySection, carriedOver, previousMeeting } from '../../hub/domain/meetings/agenda.js';
import { acceptMaterial, cleanName, isPlainText, materialsDue } from '../../hub/domain/meetings/materials.js';
import { approve, deadlineMet, deadlinesFor, type MinutesView, minutesDue, returnToDraft, save, submit } from '../../hub/domain/meetings/minutes.js';
import { may, type MeetingPeople, requireMay, rolesOf } from '../../hub/domain/meetings/roles.js';
import { excerpt, fts5Query, indexText, searchTerms, websearchQuery } from '../../hub/domain/meetings/search-text.js';
import { checkBallot, checkOptions, isPresent, tally } from '../../hub/domain/meetings/votes.js';
import { DEFAULT_POLICY } from '../../hub/domain/policy.js';

const H = 3_600_000;
const D = 24 * H;

describe('G2, C9, G4: who may do what in a meeting', () => {
  const m: MeetingPeople = { hostId: 'host', attendees: ['ann', 'taker'], delegateId: 'del', minuteTakerId: 'taker', department: 'CS', ccDepartments: ['QA'], private: false };
  const roles = (id: string, department: string | null = null, role = 'member') => rolesOf({ id, role, department }, m);

  it('G2: the host names roles; the delegate runs the meeting; the minute taker writes; attendees confirm', () => {
    expect(may(roles('host'), 'set_roles', false)).toBe(true);
    expect(may(roles('del'), 'set_roles', false)).toBe(false);
    expect(may(roles('del'), 'approve_minutes', false)).toBe(true);
    expect(may(roles('taker'), 'write_minutes', false)).toBe(true);
    expect(may(roles('taker'), 'approve_minutes', false)).toBe(false);
    expect(may(roles('ann'), 'write_minutes', false)).toBe(false);
    expect(may(roles('ann'), 'confirm_minutes', false)).toBe(true);
    expect(may(roles('ann'), 'cast_ballot', false)).toBe(true);
    expect(may(roles('admin', null, 'admin'), 'approve_minutes', true)).toBe(true);
  });

  it('C9: members of the department and of those copied read the meeting; others do not', () => {
    expect(may(roles('x', 'CS'), 'read', false)).toBe(true);
    expect(may(roles('x', 'QA'), 'read', false)).toBe(true);
    expect(may(roles('x', 'Ops'), 'read', false)).toBe(false);
    expect(may(roles('x', 'CS'), 'read_draft_minutes', false)).toBe(false);
  });

  it('G4: a private meeting is its audience only, not its department', () => {
    expect(may(roles('x', 'CS'), 'read', true)).toBe(false);
    expect(may(roles('ann', 'Ops'), 'read', true)).toBe(true);
    expect(() => requireMay(roles('x', 'CS'), 'read', true)).toThrow(/may read this meeting/);
  });
});

describe('C4-C7: action items', () => {
  const a = (over: Partial<ActionView> = {}): ActionView => ({
    ownerId: 'o',
    deadline: 10 * D,
    status: 'open',
    plan: null,
    progress: [],
    problems: [],
    report: null,
    completedAt: null,
    evaluation: null,
    overdueReason: null,
    remedy: null,
    analysedAt: null,
    updatedAt: 0,
    ...over,
  });
  const owner = { ref: 'user:o', isOwner: true, followsUp: false };
  const host = { ref: 'user:h', isOwner: false, followsUp: true };

  it('C4: the owner plans and reports progress and problems; the host answers', () => {
    const planned = changeAction(a(), { plan: 'Draft by Friday', progress: 'Started', problem: 'No data yet' }, owner, D);
    expect(planned).toMatchObject({ plan: 'Draft by Friday', progress: [{ at: D, by: 'user:o', text: 'Started' }], problems: [{ text: 'No data yet' }] });
    const answered = changeAction(planned, { answer: { problem: 0, text: 'Ask finance' } }, host, 2 * D);
    expect(answered.problems[0]).toMatchObject({ answer: 'Ask finance', answeredBy: 'user:h', answeredAt: 2 * D });
    expect(() => changeAction(planned, { answer: { problem: 0, text: 'x' } }, owner, 2 * D)).toThrow(/only the host/);
    expect(() => changeAction(planned, { answer: { problem: 5, text: 'x' } }, host, 2 * D)).toThrow(/no problem number 5/);
  });

  it('C5: done needs a completion report', () => {
    expect(() => changeAction(a(), { status: 'done' }, owner, D)).toThrow(/completion report/);
    expect(changeAction(a(), { status: 'done', report: 'Shipped' }, owner, D)).toMatchObject({ status: 'done', completedAt: D, report: 'Shipped' });
  });

  it('C6: the host evaluates once it is done; reopening drops the evaluation; the owner cannot reopen', () => {
    const done = changeAction(a(), { status: 'done', report: 'Shipped' }, owner, D);
    expect(() => changeAction(a(), { evaluation: { rating: 'good', text: '' } }, host, D)).toThrow(/once it is done/);
    const rated = changeAction(done, { evaluation: { rating: 'good', text: 'Well done' } }, host, 2 * D);
    expect(rated.evaluation).toEqual({ rating: 'good', text: 'Well done', by: 'user:h', at: 2 * D });
    expect(() => changeAction(rated, { status: 'in_progress' }, owner, 3 * D)).toThrow(/only the host may reopen/);
    expect(changeAction(rated, { status: 'in_progress' }, host, 3 * D)).toMatchObject({ status: 'in_progress', evaluation: null, completedAt: null });
  });

  it('C7: overdue past its deadline and not done; its analysis needs both why and the fix, and only then', () => {
    expect(isOverdue(a(), 10 * D)).toBe(false);
    expect(isOverdue(a(), 10 * D + 1)).toBe(true);
    expect(isOverdue(a({ status: 'done' }), 20 * D)).toBe(false);
    expect(() => changeAction(a(), { overdueReason: 'x', remedy: 'y' }, owner, D)).toThrow(/not overdue/);
    expect(() => changeAction(a(), { overdueReason: 'Supplier late' }, owner, 11 * D)).toThrow(/what will fix it/);
    expect(analysisMissing(a(), 11 * D)).toBe(true);
    const analysed = changeAction(a(), { overdueReason: 'Supplier late', remedy: 'Second supplier' }, owner, 11 * D);
    expect(analysisMissing(analysed, 11 * D)).toBe(false);
    expect(analysed.analysedAt).toBe(11 * D);
    const late = changeAction(a(), { status: 'done', report: 'Done at last' }, owner, 12 * D);
    expect(doneLate(late)).toBe(true);
    expect(analysisMissing(late, 12 * D)).toBe(true); // done late is still not done on time
  });
});

describe('M5, C7: the agenda and what it carries over', () => {
  it('M5: every section a-f, in order, items by position', () => {
    const s = bySection([
      { section: 'c' as const, position: 1, t: 'second topic' },
      { section: 'c' as const, position: 0, t: 'first topic' },
      { section: 'a' as const, position: 0, t: 'review' },
    ]);
    expect(s.map((x) => x.section)).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
    expect(s[2]!.items.map((i) => i.t)).toEqual(['first topic', 'second topic']);
  });

  it("C7: the previous meeting is the latest one held before this one's start", () => {
    const ms = [
      { start: 1 * D, status: 'completed' },
      { start: 8 * D, status: 'released' },
      { start: 15 * D, status: 'confirmed' },
    ];
    expect(previousMeeting(ms, 15 * D)).toEqual(ms[0]);
    expect(previousMeeting(ms, 1 * D)).toBeNull();
  });

  it('C7: open actions past their deadline come back every time; one done late comes back once after it is done', () => {
    const open = { status: 'open' as const, deadline: 5 * D, completedAt: null, setAt: 1 * D, id: 'open' };
    const notYetDue = { status: 'open' as const, deadline: 20 * D, completedAt: null, setAt: 1 * D, id: 'not-yet' };
    const onTime = { status: 'done' as const, deadline: 5 * D, completedAt: 4 * D, setAt: 1 * D, id: 'on-time' };
    const late = { status: 'done' as const, deadline: 5 * D, completedAt: 10 * D, setAt: 1 * D, id: 'late' };
    const later = { status: 'open' as const, deadline: 18 * D, completedAt: null, setAt: 15 * D, id: 'set-later' };
    const all = [open, notYetDue, onTime, late, later];
    // At the meeting of day 8 the late one was still open (it was finished on day 10).
    expect(carriedOver(all, 8 * D, 1 * D).map((a) => a.id)).toEqual(['open', 'late']);
    expect(carriedOver(all, 15 * D, 8 * D).map((a) => a.id)).toEqual(['open', 'late']);
    // Set at the meeting of day 15: not on that meeting's own agenda, but on the next one's.
    expect(carriedOver(all, 22 * D, 15 * D).map((a) => a.id)).toEqual(['open', 'set-later', 'not-yet']);
  });
});

describe('M9, C2, C3: minutes on deadline', () => {
  const p = DEFAULT_POLICY;
  const end = 100 * D;
  const m = (over: Partial<MinutesView> = {}) => ({
    status: 'not_started' as MinutesView['status'],
    text: '',
    version: 0,
    ...deadlinesFor(end, p),
    submittedAt: null,
    approvedAt: null,
    approvedBy: null,
    returnedReason: null,
    draftRemindedAt: null,
    draftMissedAt: null,
    distributeRemindedAt: null,
    distributeMissedAt: null,
    ...over,
  });

  it('C2, C3: the draft is due 24 h and distribution 48 h after the end', () => {
    expect(deadlinesFor(end, p)).toEqual({ draftDue: end + 24 * H, distributeDue: end + 48 * H });
    expect(deadlineMet(null, end + 24 * H, end + 23 * H)).toBeNull();
    expect(deadlineMet(end + 23 * H, end + 24 * H, end + 30 * H)).toBe(true);
    expect(deadlineMet(null, end + 24 * H, end + 25 * H)).toBe(false);
    expect(deadlineMet(end + 25 * H, end + 24 * H, end + 30 * H)).toBe(false);
  });

  it('M9, C2: saved (each save checked against its version), submitted, returned with a reason, approved by the host', () => {
    const draft = save(m(), 'Notes', 0);
    expect(draft).toMatchObject({ status: 'draft', version: 1 });
    expect(() => save(draft, 'stale', 0)).toThrow(/saved meanwhile/);
    expect(() => submit(m(), end)).toThrow(/nothing is drafted/);
    expect(() => submit(save(m(), '   ', 0), end)).toThrow(/empty/);
    const submitted = submit(draft, end + H);
    expect(() => save(submitted, 'more', 1)).toThrow(/with the host/);
    const returned = returnToDraft(submitted, 'Add the vote');
    expect(returned).toMatchObject({ status: 'draft', returnedReason: 'Add the vote', submittedAt: end + H });
    const approved = approve(submit(save(returned, 'Notes + vote', 1), end + 2 * H), 'user:h', end + 3 * H);
    expect(approved).toMatchObject({ status: 'approved', approvedAt: end + 3 * H, submittedAt: end + H, returnedReason: null });
    expect(() => approve(approved, 'user:h', end)).toThrow(/already approved/);
    expect(() => save(approved, 'x', undefined)).toThrow(/archive/);
  });

  it('C2, C3: a reminder before each deadline, then a flag once it passes, each once', () => {
    expect(minutesDue(m(), end + 19 * H, p)).toEqual([]);
    expect(minutesDue(m(), end + 20 * H, p)).toEqual(['draft_reminder']);
    expect(minutesDue(m({ draftRemindedAt: 1 } as never), end + 20 * H, p)).toEqual([]);
    expect(minutesDue(m(), end + 24 * H + 1, p)).toEqual(['draft_missed']);
    expect(minutesDue(m({ status: 'submitted', submittedAt: end + H }), end + 44 * H, p)).toEqual(['distribute_reminder']);
    expect(minutesDue(m({ status: 'submitted', submittedAt: end + H, distributeRemindedAt: 1 } as never), end + 48 * H + 1, p)).toEqual(['distribute_missed']);
    expect(minutesDue(m({ status: 'approved' }), end + 60 * H, p)).toEqual([]);
  });
});

describe('M6: votes', () => {
  it('options differ; a ballot is of someone present, for an option, while open; a tie has no winner', () => {
    expect(() => checkOptions(['Yes', 'yes '])).toThrow(/must differ/);
    expect(() => checkBallot({ status: 'open', options: ['a', 'b'] }, 'a', false)).toThrow(/present/);
    expect(() => checkBallot({ status: 'open', options: ['a', 'b'] }, 'c', true)).toThrow(/choose one of/);
    expect(() => checkBallot({ status: 'closed', options: ['a', 'b'] }, 'a', true)).toThrow(/closed/);
    expect(tally(['a', 'b'], [{ choice: 'a' }, { choice: 'b' }, { choice: 'a' }])).toEqual({ counts: { a: 2, b: 1 }, winner: 'a', ballots: 3 });
    expect(tally(['a', 'b'], [{ choice: 'a' }, { choice: 'b' }]).winner).toBeNull();
    expect(tally(['a', 'b'], []).winner).toBeNull();
    expect(isPresent({ status: 'late' })).toBe(true);
    expect(isPresent({ status: 'on_time', leftAt: 5 })).toBe(false); // G3: left early
    expect(isPresent({ status: 'expected' })).toBe(false);
  });
});

describe('M3: materials', () => {
  it('is what its bytes say, named as such; plain text by extension when it is text; nothing a browser runs', () => {
    expect(acceptMaterial('Q4.pdf', 'application/pdf', false)).toBe('application/pdf');
    expect(() => acceptMaterial('Q4.docx', 'application/pdf', false)).toThrow(/rename it .pdf/);
    expect(acceptMaterial('old.xls', 'application/x-cfb', false)).toBe('application/vnd.ms-excel');
    expect(() => acceptMaterial('page.html', undefined, true)).toThrow(/not accepted/);
    expect(() => acceptMaterial('x.exe', 'application/x-msdownload', false)).toThrow(/not accepted/);
    expect(acceptMaterial('notes.md', undefined, true)).toBe('text/markdown');
    expect(() => acceptMaterial('notes.txt', undefined, false)).toThrow(/not accepted/);
    expect(isPlainText(new TextEncoder().encode('会议\tnotes\r\n'))).toBe(true);
    expect(isPlainText(new Uint8Array([0x41, 0x00, 0x42]))).toBe(false);
    expect(isPlainText(new Uint8Array([0xff, 0xfe]))).toBe(false);
  });

  it('names lose paths and control characters; due a day before the start', () => {
    expect(cleanName('../../etc/passwd')).toBe('passwd');
    expect(cleanName('C:\\Users\\li\\议程.pdf')).toBe('议程.pdf');
    expect(cleanName('a"\u0000b.pdf')).toBe('ab.pdf');
    expect(() => cleanName('..')).toThrow(/needs a name/);
    expect(materialsDue(10 * D, DEFAULT_POLICY.materialsLeadMs)).toBe(9 * D);
  });
});

describe('C8: full-text search of Chinese and English', () => {
  it('indexes each CJK character as an ASCII token, Latin words as written', () => {
    expect(indexText('会议 Budget')).toBe(' c4f1ac c8baec  budget');
    expect(indexText('ｂｕｄｇｅｔ')).toBe('budget'); // full-width folded (NFKC)
  });

  it('a run of Chinese is a phrase, other words words; every one quoted so nothing typed is syntax', () => {
    expect(searchTerms('满意度 review')).toEqual([
      { kind: 'phrase', tokens: ['c6ee1c', 'c610fc', 'c5ea6c'] },
      { kind: 'word', word: 'review' },
    ]);
    expect(fts5Query(searchTerms('a" OR *'))).toBe('"a" AND "or"'); // OR is a word here, not an operator
    expect(fts5Query(searchTerms('会议纪要 budget'))).toBe('"c4f1ac c8baec c7eaac c8981c" AND "budget"');
    expect(websearchQuery(searchTerms('会议 x-y'))).toBe('"c4f1ac c8baec" x y');
    expect(searchTerms(Array.from({ length: 40 }, (_, i) => `w${i}`).join(' '))).toHaveLength(12);
  });

  it('an excerpt around the first match', () => {
    const text = `${'x'.repeat(100)} 本次会议讨论了客户满意度调查结果 ${'y'.repeat(100)}`;
    const e = excerpt(text, '满意度', 10);
    expect(e).toContain('满意度');
    expect(e.startsWith('…')).toBe(true);
    expect(e.endsWith('…')).toBe(true);
  });
});
