/** The records of the meeting life cycle (policy chapters 1-3, contract §8), as the store gives them. */
import type { ActionStatus, AgendaSection, MinutesStatus } from '../../shared/schemas/meetings.js';
import type { ActionView, Entry, Evaluation, Problem } from '../domain/meetings/action-items.js';
import type { MinutesView } from '../domain/meetings/minutes.js';

/** G2 and M8: a meeting's roles beyond host and attendees, and its wrap-up. */
export interface MeetingRecord {
  bookingId: string;
  seriesId: string | null;
  delegateId: string | null;
  minuteTakerId: string | null;
  ccDepartments: string[];
  department: string | null;
  next: { topic: string; start: number; end: number; roomId: string; bookingId: string | null } | null;
  materialsRemindedAt: number | null;
}

export interface AgendaItemRecord {
  id: string;
  bookingId: string;
  section: AgendaSection;
  position: number;
  title: string;
  notes: string;
  presenterId: string | null;
  createdBy: string;
  createdAt: number;
}

export interface MaterialRecord {
  id: string;
  bookingId: string;
  name: string;
  mimeType: string;
  size: number;
  sha256: string;
  uploadedBy: string;
  uploadedAt: number;
  late: boolean;
}

export interface VoteRecord {
  id: string;
  bookingId: string;
  agendaItemId: string | null;
  question: string;
  options: string[];
  status: 'open' | 'closed';
  openedBy: string;
  openedAt: number;
  closedAt: number | null;
  result: { counts: Record<string, number>; winner: string | null; ballots: number } | null;
}

export interface DecisionRecord {
  id: string;
  bookingId: string;
  agendaItemId: string | null;
  voteId: string | null;
  text: string;
  ownerId: string;
  deadline: number;
  createdBy: string;
  createdAt: number;
}

export interface ActionRecord extends ActionView {
  id: string;
  bookingId: string;
  seriesId: string | null;
  decisionId: string | null;
  text: string;
  department: string | null;
  status: ActionStatus;
  progress: Entry[];
  problems: Problem[];
  evaluation: Evaluation | null;
  overdueNotifiedAt: number | null;
  createdBy: string;
  createdAt: number;
}

export interface MinutesRecord extends MinutesView {
  bookingId: string;
  status: MinutesStatus;
  minuteTakerId: string | null;
  meetingStart: number;
  meetingEnd: number;
  draftRemindedAt: number | null;
  distributeRemindedAt: number | null;
  draftMissedAt: number | null;
  distributeMissedAt: number | null;
  /** C1: the minutes as distributed, kept whole. */
  archive: ArchivedMinutes | null;
}

/** C1: what distributed minutes say, frozen at approval (the archive, C8). */
export interface ArchivedMinutes {
  title: string;
  room: { id: string; name: string };
  start: number;
  end: number;
  timeZone: string;
  host: { id: string; name: string };
  minuteTaker: { id: string; name: string } | null;
  department: string | null;
  ccDepartments: string[];
  attendance: { id: string; name: string; role: string; status: string; at: number | null; leftAt: number | null }[];
  agenda: { section: AgendaSection; title: string; notes: string }[];
  decisions: { text: string; owner: string; deadline: number }[];
  actions: { text: string; owner: string; deadline: number; status: ActionStatus }[];
  votes: { question: string; counts: Record<string, number>; winner: string | null }[];
  text: string;
  approvedBy: string;
  approvedAt: number;
}

export interface MinutesConfirmationRecord {
  userId: string;
  at: number;
  comment: string | null;
}

export interface ActionFilter {
  ownerId?: string;
  status?: ActionStatus;
  /** Not done with a deadline before this time. */
  overdueAt?: number;
  /** Only those whose owner has not yet been told they are overdue. */
  unnotified?: boolean;
  department?: string;
  bookingId?: string;
  seriesId?: string;
  limit?: number;
}
