/** R11: safety inspections per room: a plan (how often, what is checked) and the inspections done. */
import { DEFAULT_CHECKLIST, DEFAULT_INSPECTION_EVERY_DAYS } from '../../shared/schemas/inspections.js';
import { NotFoundError } from '../domain/errors.js';
import { assessInspection, inspectionDue, type ItemResult } from '../domain/inspections.js';
import { type Actor, requireAdmin } from './actor.js';
import { type AppDeps, newId } from './deps.js';
import { reportFault } from './faults.js';
import type { ChecklistItem, InspectionPlanRecord, InspectionRecord, Store } from './ports.js';
import { runWork } from './work.js';

/**
 * A room's plan. A room from before plans existed has none stored: it gets the
 * default checklist, due from the start of time (never inspected is overdue).
 */
export async function planOf(store: Pick<Store, 'inspections'>, roomId: string): Promise<InspectionPlanRecord> {
  return (await store.inspections.plan(roomId)) ?? { roomId, everyDays: DEFAULT_INSPECTION_EVERY_DAYS, checklist: DEFAULT_CHECKLIST, createdAt: 0 };
}

export interface PlanStatus {
  plan: InspectionPlanRecord;
  lastInspectedAt: number | null;
  lastResult: 'pass' | 'fail' | null;
  dueAt: number;
  overdue: boolean;
}

/** Every room's plan and whether its inspection is due (the site view's and the list's). */
export async function inspectionStatuses(deps: AppDeps, roomIds: readonly string[]): Promise<Map<string, PlanStatus>> {
  const now = deps.clock.now();
  const [plans, latest, results] = await Promise.all([deps.reads.inspections.plans(), deps.reads.inspections.latest(), deps.reads.inspections.lastResults([...roomIds])]);
  const byRoom = new Map(plans.map((p) => [p.roomId, p]));
  return new Map(
    roomIds.map((id) => {
      const plan = byRoom.get(id) ?? { roomId: id, everyDays: DEFAULT_INSPECTION_EVERY_DAYS, checklist: DEFAULT_CHECKLIST, createdAt: 0 };
      const last = latest.get(id) ?? null;
      return [id, { plan, lastInspectedAt: last, lastResult: results.get(id) ?? null, ...inspectionDue(plan, last, now) }];
    }),
  );
}

export async function setInspectionPlan(deps: AppDeps, roomId: string, p: { everyDays: number; checklist: ChecklistItem[] }, actor: Actor): Promise<InspectionPlanRecord> {
  requireAdmin(actor);
  return runWork(deps, actor.ref, async (w) => {
    if (!(await w.store.rooms.get(roomId))) throw new NotFoundError('room', roomId);
    const before = await w.store.inspections.plan(roomId);
    const plan = await w.store.inspections.putPlan({ roomId, everyDays: p.everyDays, checklist: p.checklist, createdAt: before?.createdAt ?? w.now });
    w.emit({ type: 'inspection.plan_set', plan });
    return plan;
  });
}

export interface InspectionInput {
  at?: number;
  items: (ItemResult & { openFault?: boolean })[];
  notes?: string;
}

/** R11 recorded item by item; a failed item may open a fault for the room at once (R9). */
export async function recordInspection(deps: AppDeps, roomId: string, input: InspectionInput, actor: Actor): Promise<InspectionRecord> {
  requireAdmin(actor);
  return runWork(
    deps,
    actor.ref,
    async (w) => {
      if (!(await w.store.rooms.get(roomId))) throw new NotFoundError('room', roomId);
      const plan = await planOf(w.store, roomId);
      const assessed = assessInspection(plan, input.items);
      const items = [];
      for (const i of assessed.items) {
        const wanted = input.items.find((x) => x.item === i.item)?.openFault;
        const fault = i.result === 'fail' && wanted ? await reportFault(w, { roomId, equipment: i.item, description: `${i.label}: ${i.note ?? ''}`.trim() }) : null;
        items.push({ ...i, ...(fault ? { faultId: fault.id } : {}) });
      }
      const inspection = await w.store.inspections.record({
        id: newId('insp'),
        roomId,
        at: Math.min(input.at ?? w.now, w.now),
        by: actor.ref,
        result: assessed.result,
        items,
        notes: input.notes ?? null,
      });
      w.emit({ type: 'inspection.recorded', inspection });
      return inspection;
    },
    { room: roomId },
  );
}
