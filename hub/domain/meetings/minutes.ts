/**
 * M9, C1-C3: the minutes of a meeting that was held. The minute taker drafts
 * them within 24 hours of the end and submits them to the host (C2); the host
 * approves them, which distributes them to the attendees and the departments
 * copied, within 48 hours of the end (C3), or returns them with a reason.
 * Before each deadline the person responsible is reminded; a deadline passed
 * is flagged once. The durations are configuration (G6).
 */
import type { MinutesStatus } from '../../../shared/schemas/meetings.js';
import { ConflictError, InvalidError, StateConflictError } from '../errors.js';

export interface MinutesPolicy {
  /** C2: drafted within this long after the end (24 h). */
  minutesDraftMs: number;
  /** C3: distributed within this long after the end (48 h). */
  minutesDistributeMs: number;
  /** Reminded this long before each deadline. */
  minutesReminderLeadMs: number;
}

export interface MinutesView {
  status: MinutesStatus;
  text: string;
  version: number;
  draftDue: number;
  distributeDue: number;
  submittedAt: number | null;
  approvedAt: number | null;
  approvedBy: string | null;
  returnedReason: string | null;
}

export const deadlinesFor = (end: number, p: MinutesPolicy) => ({ draftDue: end + p.minutesDraftMs, distributeDue: end + p.minutesDistributeMs });

/** Whether a deadline was met: true/false once decided, null while it still can be. */
export function deadlineMet(doneAt: number | null, due: number, now: number): boolean | null {
  if (doneAt !== null) return doneAt <= due;
  return now > due ? false : null;
}

export function save<M extends MinutesView>(m: M, text: string, expectedVersion: number | undefined): M {
  if (m.status === 'approved') throw new StateConflictError('the minutes are approved and distributed; they are in the archive');
  if (m.status === 'submitted') throw new StateConflictError('the minutes are with the host for review; the host may return them for changes');
  if (expectedVersion !== undefined && expectedVersion !== m.version) {
    // Two people (or two tabs) writing at once: the later save must not erase the other's text unseen.
    throw new ConflictError('the minutes were saved meanwhile from elsewhere; load them again and reapply your change', { version: m.version });
  }
  return { ...m, status: 'draft', text, version: m.version + 1 };
}

export function submit<M extends MinutesView>(m: M, now: number): M {
  if (m.status !== 'draft') throw new StateConflictError(m.status === 'not_started' ? 'nothing is drafted yet' : `the minutes are already ${m.status}`);
  if (!m.text.trim()) throw new InvalidError('the minutes are empty', { field: 'text' });
  return { ...m, status: 'submitted', submittedAt: m.submittedAt ?? now, returnedReason: null };
}

export function returnToDraft<M extends MinutesView>(m: M, reason: string): M {
  if (m.status !== 'submitted') throw new StateConflictError(`only submitted minutes can be returned; these are ${m.status}`);
  return { ...m, status: 'draft', returnedReason: reason };
}

export function approve<M extends MinutesView>(m: M, by: string, now: number): M {
  if (m.status !== 'submitted') throw new StateConflictError(m.status === 'approved' ? 'the minutes are already approved' : 'the minutes must be submitted for review first');
  return { ...m, status: 'approved', approvedAt: now, approvedBy: by };
}

export type MinutesDue = 'draft_reminder' | 'draft_missed' | 'distribute_reminder' | 'distribute_missed';

/** What falls due now for minutes in this state (each is done once: the caller records it). */
export function minutesDue(
  m: MinutesView & { draftRemindedAt: number | null; draftMissedAt: number | null; distributeRemindedAt: number | null; distributeMissedAt: number | null },
  now: number,
  p: MinutesPolicy,
): MinutesDue[] {
  const due: MinutesDue[] = [];
  const drafting = m.status === 'not_started' || m.status === 'draft';
  if (drafting && m.draftMissedAt === null && now > m.draftDue) due.push('draft_missed');
  else if (drafting && m.draftRemindedAt === null && now >= m.draftDue - p.minutesReminderLeadMs) due.push('draft_reminder');
  const open = m.status !== 'approved';
  if (open && m.distributeMissedAt === null && now > m.distributeDue) due.push('distribute_missed');
  else if (open && m.distributeRemindedAt === null && now >= m.distributeDue - p.minutesReminderLeadMs) due.push('distribute_reminder');
  return due;
}
