import { describe, expect, it } from 'vitest';
import { planEdit } from '../../hub/domain/booking-edit.js';
import { InvalidError, OutsideOpeningHoursError, OverCapacityError, StateConflictError } from '../../hub/domain/errors.js';
import { DEFAULT_POLICY } from '../../hub/domain/policy.js';

const MIN = 60_000;
const NOW = Date.parse('2026-12-01T09:00:00Z'); // a Tuesday
const room = { capacity: 8, timeZone: 'UTC', openingHours: [{ days: [1, 2, 3, 4, 5], open: '08:00', close: '18:00' }], outOfService: false };
const confirmed = { status: 'confirmed' as const, type: 'regular' as const, start: NOW + 120 * MIN, end: NOW + 180 * MIN, headcount: 4 };
const member = { mayBookAfterHours: false };

describe('planEdit (contract §3 PATCH: the rules of a new booking apply to the edited one)', () => {
  it('moves a confirmed booking and says whether it is now short notice (M2)', () => {
    const p = planEdit(confirmed, { start: NOW + 60 * MIN, end: NOW + 90 * MIN }, room, NOW, DEFAULT_POLICY, member);
    expect(p).toEqual({ start: NOW + 60 * MIN, end: NOW + 90 * MIN, scheduledEnd: NOW + 90 * MIN, shortNotice: true });
  });

  it('changes only what is given: a new title is just a title', () => {
    expect(planEdit(confirmed, { title: 'Renamed' }, room, NOW, DEFAULT_POLICY, member)).toEqual({ title: 'Renamed' });
  });

  it('refuses a headcount over the capacity (R3); moved outside opening hours a member\'s booking waits for approval again (R14, R15)', () => {
    expect(() => planEdit(confirmed, { headcount: 9 }, room, NOW, DEFAULT_POLICY, member)).toThrow(OverCapacityError);
    expect(planEdit(confirmed, { start: NOW + 600 * MIN, end: NOW + 660 * MIN }, room, NOW, DEFAULT_POLICY, member).status).toBe('pending_approval');
    expect(planEdit(confirmed, { start: NOW + 600 * MIN, end: NOW + 660 * MIN }, room, NOW, DEFAULT_POLICY, { mayBookAfterHours: true }).status).toBeUndefined();
    const pending = { ...confirmed, status: 'pending_approval' as const, start: NOW + 600 * MIN, end: NOW + 660 * MIN };
    expect(planEdit(pending, { start: NOW + 60 * MIN, end: NOW + 90 * MIN }, room, NOW, DEFAULT_POLICY, member).status).toBe('confirmed');
  });

  it('a running meeting extended past closing by a member is refused (R14)', () => {
    const running = { ...confirmed, status: 'checked_in' as const, start: NOW + 8 * 60 * MIN, end: NOW + 8.5 * 60 * MIN };
    expect(() => planEdit(running, { end: NOW + 10 * 60 * MIN }, room, NOW + 8.2 * 60 * MIN, DEFAULT_POLICY, member)).toThrow(OutsideOpeningHoursError);
  });

  it('a running meeting keeps its start; its end may move, not into the past', () => {
    const running = { ...confirmed, status: 'checked_in' as const, start: NOW - 10 * MIN, end: NOW + 50 * MIN };
    expect(planEdit(running, { end: NOW + 80 * MIN }, room, NOW, DEFAULT_POLICY, member)).toEqual({ end: NOW + 80 * MIN, scheduledEnd: NOW + 80 * MIN });
    expect(() => planEdit(running, { start: NOW }, room, NOW, DEFAULT_POLICY, member)).toThrow(StateConflictError);
    expect(() => planEdit(running, { end: NOW - MIN }, room, NOW, DEFAULT_POLICY, member)).toThrow(InvalidError);
  });

  it('a closed booking cannot be edited (409)', () => {
    for (const status of ['completed', 'released', 'cancelled'] as const) {
      expect(() => planEdit({ ...confirmed, status }, { title: 'x' }, room, NOW, DEFAULT_POLICY, member)).toThrow(StateConflictError);
    }
  });
});
