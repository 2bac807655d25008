/**
 * M9, C1-C3, C8: minutes on deadline. The minute taker writes them (during
 * the meeting too: the text is saved as it is typed, each save checked
 * against the version it was written on), submits them to the host within
 * 24 h of the end (C2); the host approves them within 48 h (C3), which
 * freezes them whole into the archive (C1, C8), indexes them for search and
 * mails them to everyone in the meeting and the departments copied.
 * Attendees then confirm them (M9).
 */
import { ConflictError, StateConflictError } from '../../domain/errors.js';
import { approve, returnToDraft, save, submit } from '../../domain/meetings/minutes.js';
import { indexText } from '../../domain/meetings/search-text.js';
import type { Actor } from '../actor.js';
import type { AppDeps } from '../deps.js';
import type { ArchivedMinutes, MinutesRecord, Store } from '../ports.js';
import { runWork, type Work } from '../work.js';
import { blankMinutes } from './follow-ups.js';
import { type MeetingContext, meetingContext, participants } from './context.js';
import { requirePerson } from './people.js';

/** Bookings whose meeting did not take place have no minutes. */
const NOT_HELD = new Set(['cancelled', 'released', 'rejected', 'pending_approval']);

export interface MinutesView {
  minutes: MinutesRecord;
  /** Whether the caller may read the text (drafts are the drafters' until approved). */
  textVisible: boolean;
  confirmations: { userId: string; at: number; comment: string | null }[];
  stored: boolean;
}

export async function readMinutes(deps: AppDeps, bookingId: string, actor: Actor): Promise<MinutesView> {
  return deps.tx.read(async (store) => {
    const ctx = await meetingContext(store, bookingId, actor);
    ctx.require('read');
    const stored = await store.minutes.get(bookingId);
    const minutes = stored ?? blankMinutes(ctx.booking, ctx.meeting, deps.policy);
    const textVisible = minutes.status === 'approved' || ctx.may('read_draft_minutes');
    return { minutes: textVisible ? minutes : { ...minutes, text: '' }, textVisible, confirmations: await store.minutes.confirmations(bookingId), stored: stored !== null };
  });
}

/** The stored minutes, made on first use (the meeting's record too). */
async function minutesOf(w: Work, ctx: MeetingContext): Promise<MinutesRecord> {
  if (NOT_HELD.has(ctx.booking.status)) throw new StateConflictError(`the meeting is ${ctx.booking.status.replace('_', ' ')}: it has no minutes`);
  if (!ctx.stored) await w.store.meetings.put(ctx.meeting);
  await w.store.minutes.ensure(blankMinutes(ctx.booking, ctx.meeting, w.policy));
  return (await w.store.minutes.get(ctx.booking.id))!;
}

async function write(w: Work, before: MinutesRecord, after: MinutesRecord): Promise<MinutesRecord> {
  if (!(await w.store.minutes.change(before.bookingId, before, after))) throw new ConflictError('the minutes changed meanwhile; load them again', { version: before.version });
  return after;
}

export async function saveMinutes(deps: AppDeps, bookingId: string, input: { text: string; minuteTakerId?: string; version?: number }, actor: Actor): Promise<MinutesRecord> {
  return runWork(deps, actor.ref, async (w) => {
    const ctx = await meetingContext(w.store, bookingId, actor);
    ctx.require('write_minutes');
    const before = await minutesOf(w, ctx);
    let after = save(before, input.text, input.version);
    if (input.minuteTakerId !== undefined && input.minuteTakerId !== ctx.meeting.minuteTakerId) {
      ctx.require('set_roles');
      await requirePerson(w.store, input.minuteTakerId, 'minuteTaker');
      await w.store.meetings.put({ ...ctx.meeting, minuteTakerId: input.minuteTakerId });
      after = { ...after, minuteTakerId: input.minuteTakerId };
      w.emit({ type: 'meeting.roles_set', bookingId, meeting: { ...ctx.meeting, minuteTakerId: input.minuteTakerId }, changes: ['minuteTaker'] });
    }
    return write(w, before, after);
  });
}

export async function submitMinutes(deps: AppDeps, bookingId: string, actor: Actor): Promise<MinutesRecord> {
  return runWork(deps, actor.ref, async (w) => {
    const ctx = await meetingContext(w.store, bookingId, actor);
    ctx.require('write_minutes');
    if (ctx.booking.status !== 'completed') throw new StateConflictError('minutes are submitted once the meeting has ended');
    const before = await minutesOf(w, ctx);
    const after = await write(w, before, submit(before, w.now));
    w.emit({ type: 'minutes.submitted', bookingId, minutes: after });
    return after;
  });
}

export async function returnMinutes(deps: AppDeps, bookingId: string, reason: string, actor: Actor): Promise<MinutesRecord> {
  return runWork(deps, actor.ref, async (w) => {
    const ctx = await meetingContext(w.store, bookingId, actor);
    ctx.require('approve_minutes');
    const before = await minutesOf(w, ctx);
    const after = await write(w, before, returnToDraft(before, reason));
    w.emit({ type: 'minutes.returned', bookingId, minutes: after, reason });
    return after;
  });
}

/** C3: approval distributes: to everyone in the meeting and the members of the departments copied. */
export async function approveMinutes(deps: AppDeps, bookingId: string, actor: Actor): Promise<MinutesRecord> {
  return runWork(deps, actor.ref, async (w) => {
    const ctx = await meetingContext(w.store, bookingId, actor);
    ctx.require('approve_minutes');
    const before = await minutesOf(w, ctx);
    const approved = approve(before, w.actor, w.now);
    const archive = await archiveOf(w.store, ctx, approved);
    const after = await write(w, before, { ...approved, archive });
    await w.store.minutes.index(bookingId, indexText(searchable(archive)));
    const copied = new Set(ctx.meeting.ccDepartments);
    const members = copied.size ? (await w.store.users.list()).filter((u) => u.deactivatedAt === null && u.department !== null && copied.has(u.department)).map((u) => u.id) : [];
    const recipients = [...new Set([...participants(ctx.booking, ctx.meeting), ...members])];
    w.emit({ type: 'minutes.approved', bookingId, minutes: after, recipients });
    return after;
  });
}

export async function confirmMinutes(deps: AppDeps, bookingId: string, comment: string | null, actor: Actor): Promise<void> {
  await runWork(deps, actor.ref, async (w) => {
    const ctx = await meetingContext(w.store, bookingId, actor);
    ctx.require('confirm_minutes');
    const m = await w.store.minutes.get(bookingId);
    if (m?.status !== 'approved') throw new StateConflictError('only distributed minutes are confirmed');
    await w.store.minutes.confirm(bookingId, actor.user!.id, w.now, comment);
    w.emit({ type: 'minutes.confirmed', bookingId, userId: actor.user!.id, comment });
  });
}

/** C1: topic, time, place, attendees; agenda and discussion; decisions with owner and deadline; actions. */
async function archiveOf(store: Store, ctx: MeetingContext, m: MinutesRecord): Promise<ArchivedMinutes> {
  const b = ctx.booking;
  const name = async (id: string) => (await store.users.byId(id))?.name ?? id;
  const room = await store.rooms.get(b.roomId);
  const attendance = await store.attendance.list(b.id);
  const votes = await store.votes.list(b.id);
  return {
    title: b.title,
    room: { id: b.roomId, name: room?.name ?? b.roomId },
    start: b.start,
    end: b.end,
    timeZone: room?.timeZone ?? 'UTC',
    host: { id: b.hostId, name: await name(b.hostId) },
    minuteTaker: m.minuteTakerId ? { id: m.minuteTakerId, name: await name(m.minuteTakerId) } : null,
    department: ctx.meeting.department,
    ccDepartments: ctx.meeting.ccDepartments,
    attendance: await Promise.all(attendance.map(async (a) => ({ id: a.userId, name: await name(a.userId), role: a.role, status: a.status, at: a.at, leftAt: a.leftAt }))),
    agenda: (await store.agenda.list(b.id)).map((i) => ({ section: i.section, title: i.title, notes: i.notes })),
    decisions: await Promise.all((await store.decisions.list(b.id)).map(async (d) => ({ text: d.text, owner: await name(d.ownerId), deadline: d.deadline }))),
    actions: await Promise.all((await store.actions.list({ bookingId: b.id })).map(async (a) => ({ text: a.text, owner: await name(a.ownerId), deadline: a.deadline, status: a.status }))),
    votes: votes.filter((v) => v.result).map((v) => ({ question: v.question, counts: v.result!.counts, winner: v.result!.winner })),
    text: m.text,
    approvedBy: await name(m.approvedBy!.replace(/^user:/, '')),
    approvedAt: m.approvedAt!,
  };
}

/** What search finds minutes by: their topic, place, people, agenda, decisions, actions and text. */
export function searchable(a: ArchivedMinutes): string {
  return [
    a.title,
    a.room.name,
    a.host.name,
    a.department ?? '',
    ...a.agenda.flatMap((i) => [i.title, i.notes]),
    ...a.decisions.map((d) => d.text),
    ...a.actions.map((x) => x.text),
    a.text,
  ].join('\n');
}
