/** Records of the meeting life cycle to the bodies of contract §8. */
import type { ActionDto, MeetingDto, MinutesDto } from '../../shared/schemas/meetings.js';
import { analysisMissing, isOverdue } from '../domain/meetings/action-items.js';
import { deadlineMet } from '../domain/meetings/minutes.js';
import { materialsDue } from '../domain/meetings/materials.js';
import type { MinutesView } from '../app/meetings/minutes.js';
import type { MeetingContext } from '../app/meetings/context.js';
import type { ActionRecord, AgendaItemRecord, DecisionRecord, MaterialRecord, VoteRecord } from '../app/ports.js';
import type { CheckInPolicy } from '../domain/policy.js';

const iso = (ms: number) => new Date(ms).toISOString();
const isoOrNull = (ms: number | null) => (ms === null ? null : iso(ms));

export const meetingDto = (ctx: MeetingContext, policy: CheckInPolicy): MeetingDto => {
  const b = ctx.booking;
  const m = ctx.meeting;
  return {
    booking: b.id,
    title: b.title,
    room: b.roomId,
    start: iso(b.start),
    end: iso(b.end),
    status: b.status,
    private: b.private,
    series: b.seriesId,
    host: b.hostId,
    attendees: b.attendees,
    delegate: m.delegateId,
    minuteTaker: m.minuteTakerId,
    department: m.department,
    ccDepartments: m.ccDepartments,
    roles: [...ctx.roles],
    next: m.next && { topic: m.next.topic, start: iso(m.next.start), end: iso(m.next.end), room: m.next.roomId, booking: m.next.bookingId },
    materialsDue: iso(materialsDue(b.start, policy.materialsLeadMs)),
  };
};

export const agendaItemDto = (i: AgendaItemRecord) => ({ id: i.id, section: i.section, position: i.position, title: i.title, notes: i.notes, presenter: i.presenterId });

export const actionDto = (a: ActionRecord, now: number, extra: { ownerName?: string; meeting?: { title: string; start: number } } = {}): ActionDto => ({
  id: a.id,
  booking: a.bookingId,
  series: a.seriesId,
  decision: a.decisionId,
  text: a.text,
  owner: a.ownerId,
  ...(extra.ownerName ? { ownerName: extra.ownerName } : {}),
  department: a.department,
  deadline: iso(a.deadline),
  status: a.status,
  overdue: isOverdue(a, now),
  analysisMissing: analysisMissing(a, now),
  plan: a.plan,
  progress: a.progress.map((p) => ({ ...p, at: iso(p.at) })),
  problems: a.problems.map((p) => ({ at: iso(p.at), by: p.by, text: p.text, ...(p.answer !== undefined ? { answer: p.answer, answeredAt: iso(p.answeredAt!), answeredBy: p.answeredBy! } : {}) })),
  report: a.report,
  completedAt: isoOrNull(a.completedAt),
  evaluation: a.evaluation && { ...a.evaluation, at: iso(a.evaluation.at) },
  overdueReason: a.overdueReason,
  remedy: a.remedy,
  createdAt: iso(a.createdAt),
  ...(extra.meeting ? { meeting: { title: extra.meeting.title, start: iso(extra.meeting.start) } } : {}),
});

export const decisionDto = (d: DecisionRecord, actionId: string | null) => ({
  id: d.id,
  booking: d.bookingId,
  agendaItem: d.agendaItemId,
  vote: d.voteId,
  text: d.text,
  owner: d.ownerId,
  deadline: iso(d.deadline),
  createdAt: iso(d.createdAt),
  action: actionId,
});

export const materialDto = (m: MaterialRecord) => ({
  id: m.id,
  name: m.name,
  mimeType: m.mimeType,
  size: m.size,
  sha256: m.sha256,
  uploadedBy: m.uploadedBy,
  uploadedAt: iso(m.uploadedAt),
  late: m.late,
});

export const voteDto = (v: VoteRecord, voters: string[]) => ({
  id: v.id,
  booking: v.bookingId,
  agendaItem: v.agendaItemId,
  question: v.question,
  options: v.options,
  status: v.status,
  openedAt: iso(v.openedAt),
  closedAt: isoOrNull(v.closedAt),
  voters,
  result: v.result,
});

/** C2, C3: a deadline with whether it was met (null while it still can be). */
const deadline = (doneAt: number | null, due: number, now: number) => {
  const met = deadlineMet(doneAt, due, now);
  return { due: iso(due), met, missed: met === false };
};

export const minutesDto = (view: MinutesView, now: number): MinutesDto => {
  const m = view.minutes;
  return {
    booking: m.bookingId,
    status: m.status,
    text: m.text,
    version: m.version,
    minuteTaker: m.minuteTakerId,
    draft: deadline(m.submittedAt, m.draftDue, now),
    distribute: deadline(m.approvedAt, m.distributeDue, now),
    submittedAt: isoOrNull(m.submittedAt),
    approvedAt: isoOrNull(m.approvedAt),
    approvedBy: m.approvedBy,
    returnedReason: m.returnedReason,
    confirmations: view.confirmations.map((c) => ({ user: c.userId, at: iso(c.at), comment: c.comment })),
    archive: view.textVisible ? m.archive : null,
  };
};
