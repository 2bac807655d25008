/**
 * C4-C7: following up the actions a meeting set. The owner plans, reports
 * progress and problems, and reports completion; the host (or delegate)
 * answers, evaluates, reassigns. C9: department members follow the actions
 * of their department's meetings; G4: a private meeting's only its audience.
 */
import { ConflictError, NotAllowedError, NotFoundError } from '../../domain/errors.js';
import { type ActionChange, analysisMissing, changeAction, isOverdue } from '../../domain/meetings/action-items.js';
import type { Actor } from '../actor.js';
import type { AppDeps } from '../deps.js';
import type { ActionFilter, ActionRecord, Store } from '../ports.js';
import { runWork } from '../work.js';
import { type MeetingContext, meetingContext } from './context.js';
import { requirePerson } from './people.js';

export async function changeActionItem(deps: AppDeps, id: string, change: ActionChange, actor: Actor): Promise<ActionRecord> {
  return runWork(deps, actor.ref, async (w) => {
    const before = await w.store.actions.get(id);
    if (!before) throw new NotFoundError('action', id);
    const ctx = await meetingContext(w.store, before.bookingId, actor);
    const isOwner = actor.user?.id === before.ownerId;
    const followsUp = ctx.may('follow_up');
    if (!isOwner && !followsUp && !ctx.may('read')) throw new NotFoundError('action', id); // nothing to see: say nothing
    if (!isOwner && !followsUp) throw new NotAllowedError("only the item's owner, the meeting's host or delegate, or the administration office may change it");
    let after = changeAction(before, change, { ref: w.actor, isOwner, followsUp }, w.now);
    if (change.ownerId !== undefined && change.ownerId !== before.ownerId) {
      const owner = await requirePerson(w.store, change.ownerId, 'owner');
      after = { ...after, department: owner.department, overdueNotifiedAt: null };
    }
    if (change.deadline !== undefined && change.deadline > w.now) after = { ...after, overdueNotifiedAt: null };
    if (!(await w.store.actions.change(id, before.updatedAt, after))) throw new ConflictError('the item changed meanwhile; load it again');
    const fields = (Object.keys(change) as (keyof ActionChange)[]).filter((k) => change[k] !== undefined);
    w.emit({ type: 'action.changed', bookingId: before.bookingId, action: after, before, fields });
    return after;
  });
}

/** Who may see which actions: a cache of meeting contexts per booking, for one listing. */
function readable(store: Store, actor: Actor) {
  const seen = new Map<string, Promise<MeetingContext | null>>();
  return async (a: ActionRecord) => {
    if (actor.user?.role === 'admin' || actor.user?.id === a.ownerId) return true;
    let ctx = seen.get(a.bookingId);
    if (!ctx) seen.set(a.bookingId, (ctx = meetingContext(store, a.bookingId, actor).catch(() => null)));
    return (await ctx)?.may('read') ?? false;
  };
}

export async function listActions(deps: AppDeps, f: ActionFilter & { overdue?: boolean }, actor: Actor): Promise<ActionRecord[]> {
  return deps.tx.read(async (store) => {
    const now = deps.clock.now();
    const found = await store.actions.list({ ...f, ...(f.overdue ? { overdueAt: now } : {}), limit: Math.min(f.limit ?? 500, 2000) });
    const mayRead = readable(store, actor);
    const out: ActionRecord[] = [];
    for (const a of found) if ((f.overdue === false ? !isOverdue(a, now) : true) && (await mayRead(a))) out.push(a);
    return out;
  });
}

export async function getAction(deps: AppDeps, id: string, actor: Actor): Promise<ActionRecord> {
  return deps.tx.read(async (store) => {
    const a = await store.actions.get(id);
    if (!a || !(await readable(store, actor)(a))) throw new NotFoundError('action', id);
    return a;
  });
}

/** The dashboard's view (C7): overdue actions per department, and how many still lack their analysis. */
export async function overdueByDepartment(deps: AppDeps, actor: Actor): Promise<{ department: string | null; overdue: number; analysisMissing: number }[]> {
  const now = deps.clock.now();
  const overdue = await listActions(deps, { overdue: true, limit: 2000 }, actor);
  const by = new Map<string | null, { department: string | null; overdue: number; analysisMissing: number }>();
  for (const a of overdue) {
    const row = by.get(a.department) ?? { department: a.department, overdue: 0, analysisMissing: 0 };
    row.overdue++;
    if (analysisMissing(a, now)) row.analysisMissing++;
    by.set(a.department, row);
  }
  return [...by.values()].sort((x, y) => y.overdue - x.overdue || String(x.department).localeCompare(String(y.department)));
}
