/**
 * M5: the agenda's fixed sections, a to f. For a meeting in a series, section
 * (a) is filled from the series without anyone copying it: the previous
 * meeting's minutes to review and confirm, and every action item from earlier
 * meetings that was not done on time (C7), with its owner's analysis.
 */
import { AGENDA_SECTIONS, type AgendaSection } from '../../../shared/schemas/meetings.js';
import { type ActionView, doneLate } from './action-items.js';

export interface CarriedAction extends Pick<ActionView, 'status' | 'deadline' | 'completedAt'> {
  /** Start of the meeting that set it. */
  setAt: number;
}

/** The series' previous meeting that was held: the latest one starting before `start`. */
export function previousMeeting<M extends { start: number; status: string }>(earlier: readonly M[], start: number): M | null {
  const held = earlier.filter((m) => m.start < start && (m.status === 'completed' || m.status === 'checked_in'));
  return held.reduce<M | null>((latest, m) => (latest === null || m.start > latest.start ? m : latest), null);
}

/**
 * C7: which actions of the series' earlier meetings come back at the meeting
 * starting at `start` (the previous held one started at `previousStart`):
 * those still not done whose deadline is before this meeting (they come back
 * every time until done), and those done late since the previous meeting
 * (reported once more, at the first meeting after they were finished).
 */
export function carriedOver<A extends CarriedAction>(actions: readonly A[], start: number, previousStart: number | null): A[] {
  return actions
    .filter((a) => a.setAt < start && a.deadline < start)
    .filter((a) => a.status !== 'done' || (doneLate(a) && (previousStart === null || a.completedAt! >= previousStart)))
    .sort((x, y) => x.deadline - y.deadline);
}

/** Agenda items grouped by section in order, every section present (empty ones too). */
export function bySection<I extends { section: AgendaSection; position: number }>(items: readonly I[]): { section: AgendaSection; items: I[] }[] {
  return AGENDA_SECTIONS.map((section) => ({ section, items: items.filter((i) => i.section === section).sort((a, b) => a.position - b.position) }));
}
