/** G2: naming a meeting's delegate, minute taker and the departments copied on its minutes (C3). */
import { InvalidError } from '../../domain/errors.js';
import type { Actor } from '../actor.js';
import type { AppDeps } from '../deps.js';
import type { MeetingRecord, Store } from '../ports.js';
import { runWork } from '../work.js';
import { meetingContext } from './context.js';

export interface RolesChange {
  delegate?: string | null;
  minuteTaker?: string | null;
  ccDepartments?: string[];
}

/** An active person, or a clear refusal naming the field. */
export async function requirePerson(store: Pick<Store, 'users'>, id: string, field: string) {
  const u = await store.users.byId(id);
  if (!u || u.deactivatedAt !== null) throw new InvalidError(`no active person ${id}`, { field });
  return u;
}

export async function setMeetingRoles(deps: AppDeps, bookingId: string, change: RolesChange, actor: Actor): Promise<MeetingRecord> {
  return runWork(deps, actor.ref, async (w) => {
    const ctx = await meetingContext(w.store, bookingId, actor);
    ctx.require('set_roles');
    const next: MeetingRecord = { ...ctx.meeting };
    const changes: string[] = [];
    if (change.delegate !== undefined) {
      if (change.delegate !== null) await requirePerson(w.store, change.delegate, 'delegate');
      next.delegateId = change.delegate;
      changes.push('delegate');
    }
    if (change.minuteTaker !== undefined) {
      if (change.minuteTaker !== null) await requirePerson(w.store, change.minuteTaker, 'minuteTaker');
      next.minuteTakerId = change.minuteTaker;
      changes.push('minuteTaker');
      // Minutes still being written follow their new taker (C2: the reminders go to them).
      const minutes = await w.store.minutes.get(bookingId);
      if (minutes && minutes.status !== 'approved') await w.store.minutes.change(bookingId, minutes, { ...minutes, minuteTakerId: change.minuteTaker });
    }
    if (change.ccDepartments !== undefined) {
      next.ccDepartments = [...new Set(change.ccDepartments)];
      changes.push('ccDepartments');
    }
    const saved = await w.store.meetings.put(next);
    w.emit({ type: 'meeting.roles_set', bookingId, meeting: saved, changes });
    return saved;
  });
}

export interface AttendanceMark {
  status?: 'on_time' | 'late' | 'absent';
  leftAt?: number | null;
  leaveGranted?: boolean;
}

/** M4: the host or a delegate owns the sign-in list (a forgotten badge); G3: leaving early, with or without leave. */
export async function markAttendance(deps: AppDeps, bookingId: string, userId: string, mark: AttendanceMark, actor: Actor): Promise<void> {
  await runWork(deps, actor.ref, async (w) => {
    const ctx = await meetingContext(w.store, bookingId, actor);
    ctx.require('mark_attendance');
    if (userId !== ctx.booking.hostId && !ctx.booking.attendees.includes(userId)) throw new InvalidError(`${userId} is not in this meeting`, { field: 'user' });
    if (mark.leftAt != null && (mark.leftAt < ctx.booking.start || mark.leftAt > Math.max(ctx.booking.end, w.now))) throw new InvalidError('leftAt must fall within the meeting', { field: 'leftAt' });
    const patch = {
      markedBy: actor.ref,
      ...(mark.status ? { status: mark.status, at: mark.status === 'absent' ? null : w.now } : {}),
      ...(mark.leftAt !== undefined ? { leftAt: mark.leftAt } : {}),
      ...(mark.leaveGranted !== undefined ? { leaveGranted: mark.leaveGranted } : {}),
    };
    await w.store.attendance.mark(bookingId, userId, patch);
    w.emit({ type: 'meeting.attendance_marked', bookingId, userId, status: mark.status, leftAt: mark.leftAt, leaveGranted: mark.leaveGranted });
  });
}
