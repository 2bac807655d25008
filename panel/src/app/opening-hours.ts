/** Opening hours (R14) between the API's periods and a week of days, for the weekly editor. */
import type { OpeningPeriod } from '../../../shared/schemas/http.js';

export interface Hours {
  open: string;
  close: string;
}

/** ISO weekdays 1..7 (Monday first), as the API counts them. */
export const DAYS = [1, 2, 3, 4, 5, 6, 7];
export const MIDNIGHT = '24:00';

/** The API's periods as hours per weekday. */
export function toWeek(periods: OpeningPeriod[]): Hours[][] {
  const week: Hours[][] = DAYS.map(() => []);
  for (const p of periods) for (const d of p.days) week[d - 1]?.push({ open: p.open, close: p.close });
  for (const day of week) day.sort((a, b) => (a.open < b.open ? -1 : 1));
  return week;
}

/** Hours per weekday back to the API's periods: days with the same hours share one period. */
export function toPeriods(week: Hours[][]): OpeningPeriod[] {
  const byHours = new Map<string, OpeningPeriod>();
  week.forEach((day, i) => {
    for (const h of day) {
      const key = `${h.open}-${h.close}`;
      const p = byHours.get(key) ?? { days: [], open: h.open, close: h.close };
      p.days.push(i + 1);
      byHours.set(key, p);
    }
  });
  return [...byHours.values()];
}
