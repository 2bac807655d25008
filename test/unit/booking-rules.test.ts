import { describe, expect, it } from 'vitest';
import { checkBooking } from '../../hub/domain/booking-rules.js';
import { DEFAULT_POLICY } from '../../hub/domain/policy.js';
import { DEFAULT_OPENING_HOURS } from '../../shared/schemas/http.js';

const room = { capacity: 8, timeZone: 'UTC', openingHours: DEFAULT_OPENING_HOURS, outOfService: false };
const now = Date.parse('2026-11-30T09:00:00Z'); // Monday
const H = 3_600_000;
const draft = (startH: number, hours = 1, headcount = 4) => ({
  start: now + startH * H, end: now + (startH + hours) * H, headcount, type: 'regular' as const,
});
const check = (d: ReturnType<typeof draft>) => checkBooking(d, room, now, DEFAULT_POLICY);

describe('checkBooking', () => {
  it('accepts a booking in hours and flags short notice (M2)', () => {
    expect(check(draft(1))).toEqual({ shortNotice: true, afterHours: false });
    expect(check(draft(24 * 4))).toEqual({ shortNotice: false, afterHours: false });
  });
  it('refuses over capacity (R3)', () => {
    expect(() => check(draft(1, 1, 9))).toThrow(expect.objectContaining({ code: 'over_capacity' }));
  });
  it('says when a booking is outside opening hours (R14): it needs approval (R15)', () => {
    expect(check(draft(10))).toEqual({ shortNotice: true, afterHours: true });
    expect(check(draft(8, 2)).afterHours).toBe(true); // runs past closing
  });
  it('refuses the past and reversed intervals', () => {
    expect(() => check(draft(-2))).toThrow(expect.objectContaining({ code: 'invalid' }));
    expect(() => check({ ...draft(1), end: now })).toThrow(expect.objectContaining({ code: 'invalid' }));
  });
});
