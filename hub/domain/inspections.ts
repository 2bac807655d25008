/**
 * R11: rooms are inspected periodically (fire equipment, exits, power wiring).
 * Pure: when a room's next inspection is due, and what an inspection's items
 * amount to.
 */
import { InvalidError } from './errors.js';

const DAY = 86_400_000;

export interface PlanView {
  everyDays: number;
  checklist: readonly { id: string; label: string }[];
  /** When the plan began: a room never inspected is due `everyDays` after it. */
  createdAt: number;
}

export function inspectionDue(plan: PlanView, lastInspectedAt: number | null, now: number): { dueAt: number; overdue: boolean } {
  const dueAt = (lastInspectedAt ?? plan.createdAt) + plan.everyDays * DAY;
  return { dueAt, overdue: dueAt <= now };
}

export interface ItemResult {
  item: string;
  result: 'pass' | 'fail' | 'na';
  note?: string;
}

/**
 * Checks an inspection against the plan's checklist: every item answered once,
 * no item the checklist does not have, a failed item explained. The result is
 * `fail` when any item failed.
 */
export function assessInspection(plan: PlanView, items: readonly ItemResult[]): { result: 'pass' | 'fail'; items: (ItemResult & { label: string })[] } {
  const byId = new Map(plan.checklist.map((c) => [c.id, c.label]));
  const seen = new Set<string>();
  for (const i of items) {
    if (!byId.has(i.item)) throw new InvalidError(`the checklist has no item ${i.item}`, { field: 'items', item: i.item });
    if (seen.has(i.item)) throw new InvalidError(`item ${i.item} is answered twice`, { field: 'items', item: i.item });
    seen.add(i.item);
    if (i.result === 'fail' && !i.note?.trim()) throw new InvalidError(`say what is wrong with ${i.item}`, { field: 'items', item: i.item });
  }
  const missing = plan.checklist.filter((c) => !seen.has(c.id)).map((c) => c.id);
  if (missing.length) throw new InvalidError(`not answered: ${missing.join(', ')}`, { field: 'items', missing });
  return {
    result: items.some((i) => i.result === 'fail') ? 'fail' : 'pass',
    items: plan.checklist.map((c) => ({ ...items.find((i) => i.item === c.id)!, label: c.label })),
  };
}
