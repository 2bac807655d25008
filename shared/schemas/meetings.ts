/**
 * Contract §8: the meeting around the booking (policy chapters 1-3): roles,
 * agenda, materials, votes, decisions, action items, minutes and the archive.
 */
import { z } from 'zod';
import { isoTime } from './common.js';

/** M5: the agenda's fixed sections, in order. */
export const AGENDA_SECTIONS = ['a', 'b', 'c', 'd', 'e', 'f'] as const;
export type AgendaSection = (typeof AGENDA_SECTIONS)[number];
/** What each section is (M5), for user interfaces to name. */
export const AGENDA_SECTION_KEYS: Record<AgendaSection, string> = {
  a: 'review_minutes',
  b: 'reports',
  c: 'topics',
  d: 'problems',
  e: 'plans',
  f: 'other_business',
};
export const ACTION_STATUSES = ['open', 'in_progress', 'done'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];
export const MINUTES_STATUSES = ['not_started', 'draft', 'submitted', 'approved'] as const;
export type MinutesStatus = (typeof MINUTES_STATUSES)[number];
export const EVALUATION_RATINGS = ['good', 'acceptable', 'poor'] as const;

const personId = z.string().min(1).max(128);
const text = (max: number) => z.string().trim().min(1).max(max);

// ---- roles (G2) ----
export const meetingRolesPatch = z.strictObject({
  delegate: personId.nullable().optional(),
  minuteTaker: personId.nullable().optional(),
  /** C3: departments copied on the minutes. */
  ccDepartments: z.array(z.string().trim().min(1).max(100)).max(50).optional(),
});
export const meeting = z.object({
  booking: z.string(),
  title: z.string(),
  room: z.string(),
  start: isoTime,
  end: isoTime,
  status: z.string(),
  private: z.boolean(),
  series: z.string().nullable(),
  host: z.string(),
  attendees: z.array(z.string()),
  delegate: z.string().nullable(),
  minuteTaker: z.string().nullable(),
  department: z.string().nullable(),
  ccDepartments: z.array(z.string()),
  /** What the caller may do here. */
  roles: z.array(z.string()),
  /** M8: the next meeting as proposed at the wrap-up. */
  next: z.object({ topic: z.string(), start: isoTime, end: isoTime, room: z.string(), booking: z.string().nullable() }).nullable(),
  /** M3: materials due at this time (start - 1 day). */
  materialsDue: isoTime,
});

// ---- agenda (M5, C7) ----
export const agendaItemCreate = z.strictObject({
  section: z.enum(AGENDA_SECTIONS),
  title: text(300),
  notes: z.string().max(20_000).optional(),
  presenter: personId.nullable().optional(),
});
export const agendaItemPatch = z.strictObject({
  section: z.enum(AGENDA_SECTIONS).optional(),
  /** 0-based place within its section. */
  position: z.number().int().min(0).max(1000).optional(),
  title: text(300).optional(),
  notes: z.string().max(20_000).optional(),
  presenter: personId.nullable().optional(),
});
export const agendaItem = z.object({
  id: z.string(),
  section: z.enum(AGENDA_SECTIONS),
  position: z.number().int(),
  title: z.string(),
  notes: z.string(),
  presenter: z.string().nullable(),
});
export const action = z.object({
  id: z.string(),
  booking: z.string(),
  series: z.string().nullable(),
  decision: z.string().nullable(),
  text: z.string(),
  owner: z.string(),
  ownerName: z.string().optional(),
  department: z.string().nullable(),
  deadline: isoTime,
  status: z.enum(ACTION_STATUSES),
  overdue: z.boolean(),
  /** C7: overdue (or done late) and its owner has not yet said why and what will fix it. */
  analysisMissing: z.boolean(),
  plan: z.string().nullable(),
  progress: z.array(z.object({ at: isoTime, by: z.string(), text: z.string() })),
  problems: z.array(z.object({ at: isoTime, by: z.string(), text: z.string(), answer: z.string().optional(), answeredAt: isoTime.optional(), answeredBy: z.string().optional() })),
  report: z.string().nullable(),
  completedAt: isoTime.nullable(),
  evaluation: z.object({ rating: z.enum(EVALUATION_RATINGS), text: z.string(), by: z.string(), at: isoTime }).nullable(),
  overdueReason: z.string().nullable(),
  remedy: z.string().nullable(),
  createdAt: isoTime,
  /** The meeting that set it. */
  meeting: z.object({ title: z.string(), start: isoTime }).optional(),
});
export const agenda = z.object({
  booking: z.string(),
  sections: z.array(
    z.object({
      section: z.enum(AGENDA_SECTIONS),
      key: z.string(),
      items: z.array(agendaItem),
    }),
  ),
  /** Section a, filled from the series without anyone copying it (M5, C7). */
  carriedOver: z.object({
    previousMeeting: z
      .object({
        booking: z.string(),
        title: z.string(),
        start: isoTime,
        minutesStatus: z.enum(MINUTES_STATUSES),
        /** The approved minutes' text to review and confirm; null until approved (or when the caller may not read them). */
        minutes: z.string().nullable(),
        confirmations: z.number().int(),
      })
      .nullable(),
    overdueActions: z.array(action),
  }),
});

// ---- materials (M3) ----
export const material = z.object({
  id: z.string(),
  name: z.string(),
  mimeType: z.string(),
  size: z.number().int(),
  sha256: z.string(),
  uploadedBy: z.string(),
  uploadedAt: isoTime,
  /** Uploaded after the due time (start - 1 day). */
  late: z.boolean(),
});

// ---- votes (M6) ----
export const voteCreate = z.strictObject({
  question: text(500),
  options: z.array(text(200)).min(2).max(10),
  agendaItem: z.string().max(64).optional(),
});
export const ballotCast = z.strictObject({ choice: text(200) });
export const vote = z.object({
  id: z.string(),
  booking: z.string(),
  agendaItem: z.string().nullable(),
  question: z.string(),
  options: z.array(z.string()),
  status: z.enum(['open', 'closed']),
  openedAt: isoTime,
  closedAt: isoTime.nullable(),
  /** Ballots so far (who, not what, while open). */
  voters: z.array(z.string()),
  result: z.object({ counts: z.record(z.string(), z.number().int()), winner: z.string().nullable(), ballots: z.number().int() }).nullable(),
});

// ---- decisions and actions (G5, M7, C4-C7) ----
const outcome = {
  text: text(2000),
  /** G5: every decision names its owner and its deadline. */
  owner: personId,
  deadline: isoTime,
  agendaItem: z.string().max(64).optional(),
};
export const decisionCreate = z.strictObject({ ...outcome, vote: z.string().max(64).optional() });
export const actionCreate = z.strictObject(outcome);
export const decision = z.object({
  id: z.string(),
  booking: z.string(),
  agendaItem: z.string().nullable(),
  vote: z.string().nullable(),
  text: z.string(),
  owner: z.string(),
  deadline: isoTime,
  createdAt: isoTime,
  /** Its execution, followed as an action item (C4-C6). */
  action: z.string().nullable(),
});
export const actionPatch = z.strictObject({
  status: z.enum(ACTION_STATUSES).optional(),
  plan: text(5000).optional(),
  /** Appended to the progress log. */
  progress: text(5000).optional(),
  /** Raised with the host (C4). */
  problem: text(5000).optional(),
  /** C5: the completion report (needed to mark it done). */
  report: text(5000).optional(),
  /** C7: why it is late, and what will fix it. */
  overdueReason: text(5000).optional(),
  remedy: text(5000).optional(),
  /** The host's answer to a problem (by its index). */
  answer: z.strictObject({ problem: z.number().int().min(0), text: text(5000) }).optional(),
  /** C6: how it was carried out. */
  evaluation: z.strictObject({ rating: z.enum(EVALUATION_RATINGS), text: z.string().max(5000) }).optional(),
  owner: personId.optional(),
  deadline: isoTime.optional(),
});
export const actionQuery = z.object({
  owner: z.string().max(128).optional(),
  /** `me`: the caller's. */
  mine: z.enum(['true', 'false']).optional(),
  overdue: z.enum(['true', 'false']).optional(),
  status: z.enum(ACTION_STATUSES).optional(),
  department: z.string().max(100).optional(),
  booking: z.string().max(64).optional(),
});
export const overdueByDepartment = z.array(z.object({ department: z.string().nullable(), overdue: z.number().int(), analysisMissing: z.number().int() }));

// ---- attendance kept by the host (M4, G3) ----
export const attendanceMark = z.strictObject({
  status: z.enum(['on_time', 'late', 'absent']).optional(),
  /** G3: left before the end, and whether the host gave leave. */
  leftAt: isoTime.nullable().optional(),
  leaveGranted: z.boolean().optional(),
});

// ---- wrap-up (M8) ----
export const nextMeetingPropose = z
  .strictObject({
    topic: text(200),
    start: isoTime,
    end: isoTime,
    room: z.string().max(64),
    /** Book it now (a draft booking for the same people), or only record the proposal. */
    book: z.boolean().default(true),
  })
  .refine((b) => Date.parse(b.end) > Date.parse(b.start), { message: 'end must be after start', path: ['end'] });

// ---- minutes (M9, C1-C3, C8-C10) ----
export const minutesPut = z.strictObject({
  text: z.string().max(200_000),
  minuteTaker: personId.optional(),
  /** The version this text was written on: a save from a stale copy is refused (409) rather than lost. */
  version: z.number().int().min(0).optional(),
});
export const minutesReturn = z.strictObject({ reason: text(2000) });
export const minutesConfirm = z.strictObject({ comment: z.string().max(2000).optional() });
const deadline = z.object({ due: isoTime, met: z.boolean().nullable(), missed: z.boolean() });
export const minutes = z.object({
  booking: z.string(),
  status: z.enum(MINUTES_STATUSES),
  text: z.string(),
  version: z.number().int(),
  minuteTaker: z.string().nullable(),
  /** C2: drafted and submitted within 24 h of the end; `met` null while it can still be. */
  draft: deadline,
  /** C3: approved and distributed within 48 h of the end. */
  distribute: deadline,
  submittedAt: isoTime.nullable(),
  approvedAt: isoTime.nullable(),
  approvedBy: z.string().nullable(),
  returnedReason: z.string().nullable(),
  confirmations: z.array(z.object({ user: z.string(), at: isoTime, comment: z.string().nullable() })),
  /** C1: as distributed (topic, time, place, attendance, agenda, decisions, actions). */
  archive: z.unknown().nullable(),
});
export const minutesQuery = z.object({
  q: z.string().max(200).optional(),
  from: isoTime.optional(),
  to: isoTime.optional(),
  room: z.string().max(64).optional(),
  department: z.string().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
});
export const archivedMinutes = z.object({
  booking: z.string(),
  title: z.string(),
  room: z.string(),
  start: isoTime,
  end: isoTime,
  department: z.string().nullable(),
  approvedAt: isoTime,
  /** A piece of the text around the first match. */
  excerpt: z.string(),
});
export const minutesAttention = z.array(
  z.object({ booking: z.string(), title: z.string(), end: isoTime, status: z.enum(MINUTES_STATUSES), minuteTaker: z.string().nullable(), host: z.string(), draftMissed: z.boolean(), distributeMissed: z.boolean() }),
);

export type AgendaDto = z.infer<typeof agenda>;
export type ActionDto = z.infer<typeof action>;
export type MinutesDto = z.infer<typeof minutes>;
export type MeetingDto = z.infer<typeof meeting>;
