import { describe, expect, it } from 'vitest';
import { type ActiveBooking, deriveRoomState } from '../../hub/domain/room-state.js';
import { DEFAULT_POLICY } from '../../hub/domain/policy.js';
import { DEFAULT_OPENING_HOURS } from '../../shared/schemas/http.js';

const MIN = 60_000;
const room = { timeZone: 'UTC', openingHours: DEFAULT_OPENING_HOURS, outOfService: false };
const START = Date.parse('2026-12-01T10:00:00Z'); // a Tuesday
const booking = (over: Partial<ActiveBooking> = {}): ActiveBooking => ({
  id: 'b1', title: 'Weekly review', private: false, status: 'confirmed', start: START, end: START + 60 * MIN, ...over,
});
const derive = (bookings: ActiveBooking[], now: number, r = room) => deriveRoomState(r, bookings, now, DEFAULT_POLICY);

describe('deriveRoomState', () => {
  it('free with freeUntil at the next booking when it is far away', () => {
    const s = derive([booking()], START - 120 * MIN);
    expect(s.status).toBe('free');
    expect(s.freeUntil).toBe(START);
    expect(s.next?.id).toBe('b1');
  });
  it('reserved when the next booking starts within the horizon', () => {
    expect(derive([booking()], START - 20 * MIN).status).toBe('reserved');
  });
  it('awaiting_checkin inside the window, with the deadline', () => {
    const s = derive([booking()], START - 5 * MIN);
    expect(s.status).toBe('awaiting_checkin');
    expect(s.current?.checkInDeadline).toBe(START + 10 * MIN);
    expect(s.freeUntil).toBeNull();
  });
  it('in_use once checked in', () => {
    const s = derive([booking({ status: 'checked_in' })], START + 30 * MIN);
    expect(s.status).toBe('in_use');
    expect(s.current?.checkedIn).toBe(true);
  });
  it('free until closing time when nothing is booked', () => {
    const s = derive([], START);
    expect(s.status).toBe('free');
    expect(s.freeUntil).toBe(Date.parse('2026-12-01T18:00:00Z'));
  });
  it('closed outside opening hours (R14)', () => {
    expect(derive([], Date.parse('2026-12-01T20:00:00Z')).status).toBe('closed');
  });
  it('an approved after-hours meeting shows as current even when closed', () => {
    const late = booking({ start: Date.parse('2026-12-01T19:00:00Z'), end: Date.parse('2026-12-01T20:00:00Z'), status: 'checked_in' });
    expect(derive([late], Date.parse('2026-12-01T19:30:00Z')).status).toBe('in_use');
  });
  it('out_of_service wins over everything', () => {
    expect(derive([booking()], START, { ...room, outOfService: true }).status).toBe('out_of_service');
  });
});
