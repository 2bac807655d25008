import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { InvalidError } from '../../hub/domain/errors.js';
import { expandSeries, MAX_OCCURRENCES, parseRule } from '../../hub/domain/recurrence.js';

const berlin = (iso: string) => DateTime.fromISO(iso, { zone: 'Europe/Berlin' }).toMillis();
const local = (ms: number) => DateTime.fromMillis(ms, { zone: 'Europe/Berlin' }).toFormat("ccc yyyy-MM-dd HH:mm ZZ");

describe('G1: recurring meetings (RFC 5545 RRULE in the room\'s time zone)', () => {
  it('a weekly 09:00 meeting stays at 09:00 local time across the spring DST change', () => {
    // Europe/Berlin moves from +01:00 to +02:00 on Sunday 2027-03-28.
    const start = berlin('2027-03-15T09:00');
    const occ = expandSeries('FREQ=WEEKLY;BYDAY=MO;COUNT=4', start, start + 3_600_000, 'Europe/Berlin');
    expect(occ.map((o) => local(o.start))).toEqual([
      'Mon 2027-03-15 09:00 +01:00',
      'Mon 2027-03-22 09:00 +01:00',
      'Mon 2027-03-29 09:00 +02:00',
      'Mon 2027-04-05 09:00 +02:00',
    ]);
    expect(occ.every((o) => o.end - o.start === 3_600_000)).toBe(true);
    // The same local time is one hour earlier in UTC after the change.
    expect(new Date(occ[2]!.start).toISOString()).toBe('2027-03-29T07:00:00.000Z');
  });

  it('a monthly review on the first working Monday, and the autumn change', () => {
    const start = berlin('2027-09-06T14:00');
    const occ = expandSeries('FREQ=MONTHLY;BYDAY=1MO;COUNT=3', start, start + 5_400_000, 'Europe/Berlin');
    expect(occ.map((o) => local(o.start))).toEqual(['Mon 2027-09-06 14:00 +02:00', 'Mon 2027-10-04 14:00 +02:00', 'Mon 2027-11-01 14:00 +01:00']);
  });

  it('is bounded: at most 100 occurrences and a year, whatever the rule says', () => {
    const start = berlin('2027-01-04T09:00');
    expect(expandSeries('FREQ=DAILY', start, start + 1, 'Europe/Berlin')).toHaveLength(MAX_OCCURRENCES);
    const weekly = expandSeries('FREQ=WEEKLY', start, start + 1, 'Europe/Berlin');
    expect(weekly.length).toBeLessThanOrEqual(53);
  });

  it('refuses rules it cannot carry out faithfully, and a start the rule does not name', () => {
    for (const bad of ['BYDAY=MO', 'FREQ=HOURLY', 'FREQ=WEEKLY;BYDAY=XX', 'FREQ=WEEKLY;COUNT=2;UNTIL=20270101', 'FREQ=WEEKLY;DTSTART=20270101T000000Z', 'FREQ=WEEKLY;FREQ=DAILY']) {
      expect(() => parseRule(bad), bad).toThrow(InvalidError);
    }
    const tuesday = berlin('2027-03-16T09:00');
    expect(() => expandSeries('FREQ=WEEKLY;BYDAY=MO;COUNT=2', tuesday, tuesday + 1, 'Europe/Berlin')).toThrow(InvalidError);
  });
});
