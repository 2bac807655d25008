/**
 * C4-C7: a follow-up item's life, pure. Its owner plans it, records progress,
 * raises problems with the host (C4) and reports when it is done (C5); the
 * host (or delegate) answers problems, evaluates how it was carried out (C6),
 * and may change its owner or deadline or reopen it. An item past its
 * deadline and not done is overdue: its owner must say why and what will fix
 * it (C7), and it comes back at the next meeting of the series (agenda.ts).
 */
import type { ActionStatus } from '../../../shared/schemas/meetings.js';
import { InvalidError, NotAllowedError, StateConflictError } from '../errors.js';

export interface Entry {
  at: number;
  by: string;
  text: string;
}
export interface Problem extends Entry {
  answer?: string;
  answeredAt?: number;
  answeredBy?: string;
}
export interface Evaluation {
  /** C6: how it was carried out. */
  rating: 'good' | 'acceptable' | 'poor';
  text: string;
  by: string;
  at: number;
}

export interface ActionView {
  ownerId: string;
  deadline: number;
  status: ActionStatus;
  plan: string | null;
  progress: Entry[];
  problems: Problem[];
  report: string | null;
  completedAt: number | null;
  evaluation: Evaluation | null;
  overdueReason: string | null;
  remedy: string | null;
  analysedAt: number | null;
  updatedAt: number;
}

export interface ActionChange {
  status?: ActionStatus;
  plan?: string;
  progress?: string;
  problem?: string;
  report?: string;
  overdueReason?: string;
  remedy?: string;
  /** The host's answer to a problem, by its index. */
  answer?: { problem: number; text: string };
  evaluation?: { rating: Evaluation['rating']; text: string };
  ownerId?: string;
  deadline?: number;
}

/** Who changes the item: its owner, and/or someone who follows the meeting up (host, delegate, admin). */
export interface Changer {
  ref: string;
  isOwner: boolean;
  followsUp: boolean;
}

/** C7: past its deadline and not done. */
export const isOverdue = (a: Pick<ActionView, 'status' | 'deadline'>, now: number) => a.status !== 'done' && a.deadline < now;

/** Done after its deadline: it was not done on time either (C7). */
export const doneLate = (a: Pick<ActionView, 'status' | 'deadline' | 'completedAt'>) => a.status === 'done' && a.completedAt !== null && a.completedAt > a.deadline;

/** C7: an overdue (or late) item whose owner has not yet said why and what will fix it. */
export const analysisMissing = (a: ActionView, now: number) => (isOverdue(a, now) || doneLate(a)) && (a.overdueReason === null || a.remedy === null);

const OWNER_FIELDS = ['plan', 'progress', 'problem', 'report', 'overdueReason', 'remedy'] as const;
const FOLLOW_UP_FIELDS = ['answer', 'evaluation', 'ownerId', 'deadline'] as const;

export function changeAction<A extends ActionView>(a: A, c: ActionChange, by: Changer, now: number): A {
  const touched = (Object.keys(c) as (keyof ActionChange)[]).filter((k) => c[k] !== undefined);
  if (touched.length === 0) throw new InvalidError('nothing to change');
  for (const k of touched) {
    if ((OWNER_FIELDS as readonly string[]).includes(k) && !by.isOwner && !by.followsUp) throw new NotAllowedError(`only the owner may record ${k}`);
    if ((FOLLOW_UP_FIELDS as readonly string[]).includes(k) && !by.followsUp) throw new NotAllowedError(`only the host, the delegate or the administration office may set ${k}`);
  }
  const next: A = { ...a, progress: [...a.progress], problems: [...a.problems], updatedAt: now };
  if (c.plan !== undefined) next.plan = c.plan;
  if (c.progress !== undefined) next.progress.push({ at: now, by: by.ref, text: c.progress });
  if (c.problem !== undefined) next.problems.push({ at: now, by: by.ref, text: c.problem });
  if (c.answer !== undefined) {
    const p = next.problems[c.answer.problem];
    if (!p) throw new InvalidError(`no problem number ${c.answer.problem}`, { field: 'answer.problem' });
    next.problems[c.answer.problem] = { ...p, answer: c.answer.text, answeredAt: now, answeredBy: by.ref };
  }
  if (c.ownerId !== undefined) next.ownerId = c.ownerId;
  if (c.deadline !== undefined) next.deadline = c.deadline;
  if (c.report !== undefined) next.report = c.report;
  if (c.status !== undefined && c.status !== a.status) {
    if (a.status === 'done' && !by.followsUp) throw new StateConflictError('the item is done; only the host may reopen it');
    if (c.status === 'done') {
      // C5: done means reported done.
      if (!next.report?.trim()) throw new InvalidError('a completion report is needed to mark the item done', { field: 'report' });
      next.completedAt = now;
    } else {
      next.completedAt = null;
      if (a.status === 'done') next.evaluation = null; // reopened: the evaluation was of the work as it was
    }
    next.status = c.status;
  }
  if (c.overdueReason !== undefined || c.remedy !== undefined) {
    // C7: the analysis is of an item not done on time; both parts, together.
    if (!isOverdue(a, now) && !doneLate(next)) throw new StateConflictError('the item is not overdue');
    const reason = c.overdueReason ?? a.overdueReason;
    const remedy = c.remedy ?? a.remedy;
    if (!reason?.trim()) throw new InvalidError('say why the item is late', { field: 'overdueReason' });
    if (!remedy?.trim()) throw new InvalidError('say what will fix it', { field: 'remedy' });
    next.overdueReason = reason;
    next.remedy = remedy;
    next.analysedAt = now;
  }
  if (c.evaluation !== undefined) {
    // C6: the host evaluates how it was carried out, once it is reported done.
    if (next.status !== 'done') throw new StateConflictError('an item is evaluated once it is done');
    next.evaluation = { ...c.evaluation, by: by.ref, at: now };
  }
  return next;
}
