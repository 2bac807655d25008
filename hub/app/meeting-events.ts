/**
 * Domain events of the meeting life cycle (policy chapters 1-3): what was
 * decided, recorded, reminded or disposed of. Each names its booking; they
 * go to the audit log and the mail outbox like every other event.
 */
import type { ActionRecord, DecisionRecord, MaterialRecord, MeetingRecord, MinutesRecord, VoteRecord } from './meeting-records.js';

type On<T extends string, X = object> = { type: T; bookingId: string } & X;

export type MeetingEvent =
  | On<'meeting.roles_set', { meeting: MeetingRecord; changes: string[] }>
  | On<'meeting.agenda_changed', { item: string; change: 'added' | 'changed' | 'removed' }>
  | On<'meeting.attendance_marked', { userId: string; status?: string; leftAt?: number | null; leaveGranted?: boolean | null }>
  | On<'meeting.next_proposed', { meeting: MeetingRecord }>
  /** M3: `late` after the due time; attendees are told at once then, else reminded at the due time. */
  | On<'material.added', { material: MaterialRecord }>
  | On<'material.removed', { material: MaterialRecord }>
  | On<'materials.reminder', { materials: MaterialRecord[] }>
  | On<'vote.opened', { vote: VoteRecord }>
  | On<'vote.closed', { vote: VoteRecord }>
  | On<'decision.recorded', { decision: DecisionRecord; action: ActionRecord }>
  | On<'action.created', { action: ActionRecord }>
  | On<'action.changed', { action: ActionRecord; before: ActionRecord; fields: string[] }>
  /** C7: past its deadline and not done; its owner is asked why and what will fix it. */
  | On<'action.overdue', { action: ActionRecord }>
  | On<'minutes.submitted', { minutes: MinutesRecord }>
  | On<'minutes.returned', { minutes: MinutesRecord; reason: string }>
  /** C3: approved, which distributes them to `recipients`. */
  | On<'minutes.approved', { minutes: MinutesRecord; recipients: string[] }>
  | On<'minutes.confirmed', { userId: string; comment: string | null }>
  /** C2, C3: a deadline near (reminder) or passed (missed), to whoever must act. */
  | On<'minutes.deadline', { minutes: MinutesRecord; step: 'draft_reminder' | 'draft_missed' | 'distribute_reminder' | 'distribute_missed'; hostId: string; delegateId: string | null }>
  /** C10: disposed of after the retention period; what was removed. */
  | On<'minutes.disposed', { removed: Record<string, number>; meetingStart: number }>;

const iso = (ms: number) => new Date(ms).toISOString();

export function meetingAuditEntry(e: MeetingEvent): { type: string; bookingId: string; data: unknown } | null {
  const row = (data: unknown) => ({ type: e.type, bookingId: e.bookingId, data });
  switch (e.type) {
    case 'meeting.roles_set':
      return row({ delegate: e.meeting.delegateId, minuteTaker: e.meeting.minuteTakerId, ccDepartments: e.meeting.ccDepartments, changes: e.changes });
    case 'meeting.agenda_changed':
      return row({ item: e.item, change: e.change });
    case 'meeting.attendance_marked':
      return row({ userId: e.userId, status: e.status, leftAt: e.leftAt == null ? e.leftAt : iso(e.leftAt), leaveGranted: e.leaveGranted });
    case 'meeting.next_proposed':
      return row({ next: e.meeting.next && { ...e.meeting.next, start: iso(e.meeting.next.start), end: iso(e.meeting.next.end) } });
    case 'material.added':
    case 'material.removed':
      return row({ id: e.material.id, name: e.material.name, size: e.material.size, late: e.material.late });
    case 'materials.reminder':
      return null; // a mail, not a change
    case 'vote.opened':
      return row({ id: e.vote.id, question: e.vote.question, options: e.vote.options });
    case 'vote.closed':
      return row({ id: e.vote.id, result: e.vote.result });
    case 'decision.recorded':
      return row({ id: e.decision.id, owner: e.decision.ownerId, deadline: iso(e.decision.deadline), action: e.action.id });
    case 'action.created':
      return row({ id: e.action.id, owner: e.action.ownerId, deadline: iso(e.action.deadline) });
    case 'action.changed':
      return row({ id: e.action.id, fields: e.fields, status: e.action.status });
    case 'action.overdue':
      return row({ id: e.action.id, owner: e.action.ownerId, deadline: iso(e.action.deadline) });
    case 'minutes.submitted':
      return row({ version: e.minutes.version, onTime: e.minutes.submittedAt !== null && e.minutes.submittedAt <= e.minutes.draftDue });
    case 'minutes.returned':
      return row({ reason: e.reason });
    case 'minutes.approved':
      return row({ recipients: e.recipients.length, onTime: e.minutes.approvedAt !== null && e.minutes.approvedAt <= e.minutes.distributeDue });
    case 'minutes.confirmed':
      return row({ userId: e.userId, comment: e.comment });
    case 'minutes.deadline':
      return e.step.endsWith('missed') ? row({ step: e.step }) : null;
    case 'minutes.disposed':
      return row({ removed: e.removed, meetingStart: iso(e.meetingStart) });
  }
}
