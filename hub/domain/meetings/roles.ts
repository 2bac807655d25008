/**
 * G2: who does what in a meeting. The host runs it (or a delegate for them),
 * a minute taker is named per meeting, the attendees take part, and the
 * departments named are copied on the minutes (C3). C9: members of the
 * meeting's department (and of the departments copied) may read its record
 * and follow its actions, unless the meeting is private (G4: its audience
 * only). The administration office may do everything.
 */
import { NotAllowedError } from '../errors.js';

export type MeetingRole = 'admin' | 'host' | 'delegate' | 'minute_taker' | 'attendee' | 'department' | 'cc_department';

export interface MeetingPeople {
  hostId: string;
  attendees: readonly string[];
  delegateId: string | null;
  minuteTakerId: string | null;
  /** The host's department when the record was made. */
  department: string | null;
  ccDepartments: readonly string[];
  private: boolean;
}

export interface Person {
  id: string;
  role: string;
  department: string | null;
}

export function rolesOf(p: Person, m: MeetingPeople): Set<MeetingRole> {
  const roles = new Set<MeetingRole>();
  if (p.role === 'admin') roles.add('admin');
  if (p.id === m.hostId) roles.add('host');
  if (p.id === m.delegateId) roles.add('delegate');
  if (p.id === m.minuteTakerId) roles.add('minute_taker');
  if (m.attendees.includes(p.id)) roles.add('attendee');
  if (p.department && p.department === m.department) roles.add('department');
  if (p.department && m.ccDepartments.includes(p.department)) roles.add('cc_department');
  return roles;
}

export type MeetingAction =
  | 'read'
  | 'read_draft_minutes'
  | 'set_roles'
  | 'edit_agenda'
  | 'attach_materials'
  | 'run_vote'
  | 'cast_ballot'
  | 'record_outcomes'
  | 'write_minutes'
  | 'approve_minutes'
  | 'confirm_minutes'
  | 'mark_attendance'
  | 'propose_next'
  | 'follow_up';

const AUDIENCE: MeetingRole[] = ['host', 'delegate', 'minute_taker', 'attendee'];
const RUNS: MeetingRole[] = ['host', 'delegate'];

/** Who may do what (the administration office may do all of it). */
const MAY: Record<MeetingAction, MeetingRole[]> = {
  // C9 (department members read) unless private: `department` roles are dropped for private meetings below.
  read: [...AUDIENCE, 'department', 'cc_department'],
  // A draft is the minute taker's and the host's until it is approved (C2).
  read_draft_minutes: ['host', 'delegate', 'minute_taker'],
  set_roles: ['host'],
  edit_agenda: RUNS, // M5: the host sets the agenda
  attach_materials: RUNS, // M3: the host's materials
  run_vote: RUNS, // M6
  cast_ballot: AUDIENCE, // M6: and present (votes.ts)
  record_outcomes: [...RUNS, 'minute_taker'], // M7, G5: decisions and actions as they are taken
  write_minutes: [...RUNS, 'minute_taker'], // M9, C2
  approve_minutes: RUNS, // C2, C3: the host reviews and approves
  confirm_minutes: [...AUDIENCE], // M9: attendees confirm
  mark_attendance: RUNS, // M4: the host or a delegate owns the sign-in list
  propose_next: RUNS, // M8
  follow_up: RUNS, // C4, C6: the host tracks and evaluates the actions
};

export function may(roles: ReadonlySet<MeetingRole>, action: MeetingAction, isPrivate: boolean): boolean {
  if (roles.has('admin')) return true;
  const allowed = MAY[action].filter((r) => !(isPrivate && (r === 'department' || r === 'cc_department')));
  return allowed.some((r) => roles.has(r));
}

const WHAT: Record<MeetingAction, string> = {
  read: 'read this meeting',
  read_draft_minutes: 'read minutes before they are approved',
  set_roles: "name the meeting's delegate, minute taker and copied departments",
  edit_agenda: 'change the agenda',
  attach_materials: 'attach materials',
  run_vote: 'open or close a vote',
  cast_ballot: 'vote in this meeting',
  record_outcomes: 'record decisions and actions',
  write_minutes: 'write the minutes',
  approve_minutes: 'approve the minutes',
  confirm_minutes: 'confirm the minutes',
  mark_attendance: 'keep the sign-in list',
  propose_next: 'propose the next meeting',
  follow_up: "follow up this meeting's actions",
};

const WHO: Record<MeetingAction, string> = {
  read: "the meeting's audience, its department and the departments copied",
  read_draft_minutes: 'the host, the delegate and the minute taker',
  set_roles: 'the host',
  edit_agenda: 'the host and the delegate',
  attach_materials: 'the host and the delegate',
  run_vote: 'the host and the delegate',
  cast_ballot: 'people in the meeting',
  record_outcomes: 'the host, the delegate and the minute taker',
  write_minutes: 'the minute taker, the host and the delegate',
  approve_minutes: 'the host and the delegate',
  confirm_minutes: 'people in the meeting',
  mark_attendance: 'the host and the delegate',
  propose_next: 'the host and the delegate',
  follow_up: 'the host and the delegate',
};

export function requireMay(roles: ReadonlySet<MeetingRole>, action: MeetingAction, isPrivate: boolean): void {
  if (!may(roles, action, isPrivate)) throw new NotAllowedError(`only ${WHO[action]} (or the administration office) may ${WHAT[action]}`);
}
