import { describe, expect, it } from 'vitest';
import {
  type LifecycleEvent,
  type LifecycleView,
  presenceEvidenceTime,
  signInStatus,
  transition,
} from '../../hub/domain/lifecycle.js';
import { DEFAULT_POLICY } from '../../hub/domain/policy.js';

const MIN = 60_000;
const START = Date.parse('2026-12-01T10:00:00Z');
const END = START + 60 * MIN;
const at = (minutesFromStart: number) => START + minutesFromStart * MIN;
const policy = DEFAULT_POLICY;

const confirmed: LifecycleView = { status: 'confirmed', start: START, end: END, checkedInAt: null, lastTapAt: null };
const checkedIn: LifecycleView = { ...confirmed, status: 'checked_in', checkedInAt: at(-2), lastTapAt: at(-2) };
const tick = (absentSince: number | null, hasSensor = true, sensorFreshUntil = Number.POSITIVE_INFINITY): LifecycleEvent => ({
  type: 'tick',
  occupancy: { sensorFreshUntil: hasSensor ? sensorFreshUntil : null, absentSince },
});

type Row = [string, LifecycleView, LifecycleEvent, number, string, Record<string, unknown>?];

// [name, booking, event, now (minutes from start), expected kind or event name, expected patch]
const table: Row[] = [
  ['tap before the window opens is refused (M4)', confirmed, { type: 'tap' }, -11, 'refused'],
  ['tap exactly at window open checks in', confirmed, { type: 'tap' }, -10, 'checked_in', { status: 'checked_in', checkInEvidence: 'badge' }],
  ['tap after start inside grace checks in', confirmed, { type: 'tap' }, 9, 'checked_in', { status: 'checked_in' }],
  ['tap at the grace deadline is refused', confirmed, { type: 'tap' }, 10, 'refused'],
  ['panel check-in in window', confirmed, { type: 'check_in', evidence: 'panel' }, 0, 'checked_in', { checkInEvidence: 'panel' }],
  ['presence evidence in window', confirmed, { type: 'check_in', evidence: 'presence' }, 1, 'checked_in', { checkInEvidence: 'presence' }],
  ['tick before grace does nothing', confirmed, tick(null), 9, 'none'],
  ['tick at grace releases the no-show', confirmed, tick(null), 10, 'released', { status: 'released' }],
  ['tick long after grace still releases (restart catch-up)', confirmed, tick(null), 500, 'released'],
  ['end on an unchecked meeting in its window releases it', confirmed, { type: 'end' }, 1, 'released'],
  ['end before the window is refused', confirmed, { type: 'end' }, -30, 'refused'],
  ['cancel before start', confirmed, { type: 'cancel' }, -60, 'cancelled', { status: 'cancelled' }],
  ['extend a confirmed booking', confirmed, { type: 'extend', end: END + 30 * MIN }, 0, 'extended', { end: END + 30 * MIN }],
  ['extend to an earlier end is refused', confirmed, { type: 'extend', end: END - MIN }, 0, 'refused'],
  ['second check-in is a no-op', checkedIn, { type: 'check_in', evidence: 'panel' }, 1, 'none'],
  ['tap while in use refreshes the last tap', checkedIn, { type: 'tap' }, 20, 'tapped', { lastTapAt: at(20) }],
  ['tick at the end completes the meeting', checkedIn, tick(null), 60, 'ended', { status: 'completed' }],
  ['room empty 14 min keeps the meeting', checkedIn, tick(at(5)), 19, 'none'],
  ['room empty 15 min ends the ghost meeting early', checkedIn, tick(at(5)), 20, 'ended', { status: 'completed', end: at(20) }],
  ['a tap after the room emptied restarts the count', { ...checkedIn, lastTapAt: at(15) }, tick(at(5)), 20, 'none'],
  ['ended before its start (checked in early): it ran from check-in to now', checkedIn, { type: 'end' }, -1, 'ended', { status: 'completed', start: at(-2), end: at(-1) }],
  ['no sensor: never ended as a ghost', checkedIn, tick(at(5), false), 59, 'none'],
  // Contract §2 HUB_DEVICE_STALE: a sensor vouches for the empty room only while it is fresh.
  ['silent sensor, stale before 15 min of emptiness: not a ghost', checkedIn, tick(at(5), true, at(19)), 40, 'none'],
  ['silent sensor, fresh through 15 min of emptiness: a ghost, judged when looked at later', checkedIn, tick(at(5), true, at(25)), 40, 'ended', { status: 'completed', end: at(40) }],
  ['present room: never ended as a ghost', checkedIn, tick(null), 59, 'none'],
  ['end while in use completes at now', checkedIn, { type: 'end' }, 30, 'ended', { status: 'completed', end: at(30) }],
  ['cancel while in use is refused', checkedIn, { type: 'cancel' }, 30, 'refused'],
  ['released booking ignores taps', { ...confirmed, status: 'released' }, { type: 'tap' }, 5, 'none'],
  ['released booking ignores ticks', { ...confirmed, status: 'released' }, tick(null), 50, 'none'],
  ['completed booking refuses extend', { ...checkedIn, status: 'completed' }, { type: 'extend', end: END + MIN }, 50, 'refused'],
];

describe('transition (contract §4 state machine)', () => {
  it.each(table)('%s', (_name, booking, event, minutes, expected, patch) => {
    const result = transition(booking, event, at(minutes), policy);
    if (expected === 'none' || expected === 'refused') {
      expect(result.kind).toBe(expected);
      return;
    }
    expect(result.kind).toBe('change');
    if (result.kind !== 'change') return;
    expect(result.event).toBe(expected);
    if (patch) expect(result.patch).toMatchObject(patch);
  });

  it('uses the configured durations, not constants (G6)', () => {
    const short = { ...policy, noShowGraceMs: 2 * MIN };
    expect(transition(confirmed, tick(null), at(2), short).kind).toBe('change');
    expect(transition(confirmed, tick(null), at(2), policy).kind).toBe('none');
  });
});

describe('presenceEvidenceTime', () => {
  it('needs presence sustained for presenceToCheckIn inside the window', () => {
    expect(presenceEvidenceTime(confirmed, at(-30), at(-9), policy)).toBeNull(); // window opened 1 min ago
    expect(presenceEvidenceTime(confirmed, at(-30), at(-8), policy)).toBe(at(-8)); // 2 min inside the window
    expect(presenceEvidenceTime(confirmed, at(0), at(1), policy)).toBeNull();
    expect(presenceEvidenceTime(confirmed, at(0), at(2), policy)).toBe(at(2));
  });
  it('still counts presence that met the rule in time when looked at late (hub was down)', () => {
    expect(presenceEvidenceTime(confirmed, at(-5), at(30), policy)).toBe(at(-3));
    const r = transition(confirmed, { type: 'check_in', evidence: 'presence', at: at(-3) }, at(30), policy);
    expect(r.kind).toBe('change');
  });
  it('never when the rule is met only after the grace deadline, and never without presence', () => {
    expect(presenceEvidenceTime(confirmed, at(9), at(12), policy)).toBeNull(); // sustained at 11: too late
    expect(presenceEvidenceTime(confirmed, null, at(5), policy)).toBeNull();
    expect(presenceEvidenceTime(checkedIn, at(-5), at(5), policy)).toBeNull();
  });
});

describe('check-in evidence judged at its own time', () => {
  it('a queued tap read inside the window checks in though it arrives after the deadline', () => {
    expect(transition(confirmed, { type: 'tap', at: at(5) }, at(25), policy).kind).toBe('change');
  });
  it('a queued tap read before the window opened does not', () => {
    expect(transition(confirmed, { type: 'tap', at: at(-20) }, at(0), policy).kind).toBe('refused');
  });
  it('a claimed time in the future is taken as now', () => {
    expect(transition(confirmed, { type: 'tap', at: at(60) }, at(20), policy).kind).toBe('refused');
  });
});

describe('signInStatus (G3, M4)', () => {
  it('on time up to the start, late after', () => {
    expect(signInStatus(START, at(-10))).toBe('on_time');
    expect(signInStatus(START, START)).toBe('on_time');
    expect(signInStatus(START, START + 1)).toBe('late');
  });
});
