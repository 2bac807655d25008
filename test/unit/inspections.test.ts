import { describe, expect, it } from 'vitest';
import { InvalidError } from '../../hub/domain/errors.js';
import { assessInspection, inspectionDue } from '../../hub/domain/inspections.js';

const DAY = 86_400_000;
const plan = { everyDays: 30, createdAt: 0, checklist: [{ id: 'fire_extinguisher', label: 'Extinguisher' }, { id: 'electrical', label: 'Electrical' }] };

describe('R11: periodic safety inspections', () => {
  it('is due a period after the last inspection, or after the plan began when never inspected', () => {
    expect(inspectionDue(plan, null, 29 * DAY)).toEqual({ dueAt: 30 * DAY, overdue: false });
    expect(inspectionDue(plan, null, 30 * DAY).overdue).toBe(true);
    expect(inspectionDue(plan, 40 * DAY, 60 * DAY)).toEqual({ dueAt: 70 * DAY, overdue: false });
  });

  it('answers every checklist item once; any failed item fails the inspection and must say what is wrong', () => {
    expect(assessInspection(plan, [{ item: 'fire_extinguisher', result: 'pass' }, { item: 'electrical', result: 'na' }]).result).toBe('pass');
    const failed = assessInspection(plan, [{ item: 'electrical', result: 'fail', note: 'loose socket' }, { item: 'fire_extinguisher', result: 'pass' }]);
    expect(failed.result).toBe('fail');
    expect(failed.items.map((i) => i.item)).toEqual(['fire_extinguisher', 'electrical']); // the checklist's order
    expect(() => assessInspection(plan, [{ item: 'electrical', result: 'pass' }])).toThrow(InvalidError); // one missing
    expect(() => assessInspection(plan, [{ item: 'electrical', result: 'fail' }, { item: 'fire_extinguisher', result: 'pass' }])).toThrow(InvalidError);
    expect(() => assessInspection(plan, [{ item: 'sprinkler', result: 'pass' }, { item: 'electrical', result: 'pass' }, { item: 'fire_extinguisher', result: 'pass' }])).toThrow(InvalidError);
  });
});
