import type { ActionDto } from '../../../../shared/schemas/meetings.js';

/** Overdue first (C7: they need their analysis), then by deadline; done ones last. */
export function actionOrder(a: ActionDto, b: ActionDto): number {
  const rank = (x: ActionDto) => (x.overdue ? 0 : x.status === 'done' ? 2 : 1);
  return rank(a) - rank(b) || Date.parse(a.deadline) - Date.parse(b.deadline);
}
