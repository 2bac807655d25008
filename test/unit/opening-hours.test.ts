import { describe, expect, it } from 'vitest';
import { closingTime, isWithinOpeningHours, openIntervals } from '../../hub/domain/opening-hours.js';
import { DEFAULT_OPENING_HOURS } from '../../shared/schemas/http.js';

const SH = 'Asia/Shanghai';
const t = (iso: string) => Date.parse(iso);

describe('opening hours (R14)', () => {
  it('default is Monday to Friday 08:00-18:00 in the room zone', () => {
    // 2026-12-01 is a Tuesday. 09:00-10:00 Shanghai = 01:00-02:00 UTC.
    expect(isWithinOpeningHours(DEFAULT_OPENING_HOURS, SH, t('2026-12-01T09:00:00+08:00'), t('2026-12-01T10:00:00+08:00'))).toBe(true);
    expect(isWithinOpeningHours(DEFAULT_OPENING_HOURS, SH, t('2026-12-01T17:30:00+08:00'), t('2026-12-01T18:30:00+08:00'))).toBe(false);
    expect(isWithinOpeningHours(DEFAULT_OPENING_HOURS, SH, t('2026-12-01T07:59:00+08:00'), t('2026-12-01T09:00:00+08:00'))).toBe(false);
    // Saturday
    expect(isWithinOpeningHours(DEFAULT_OPENING_HOURS, SH, t('2026-12-05T09:00:00+08:00'), t('2026-12-05T10:00:00+08:00'))).toBe(false);
  });

  it('the same instant is open in one zone and closed in another', () => {
    const start = t('2026-12-01T09:00:00+08:00');
    expect(isWithinOpeningHours(DEFAULT_OPENING_HOURS, 'Europe/London', start, start + 3_600_000)).toBe(false);
  });

  it('24:00 means midnight and adjoining days merge across it', () => {
    const always = [{ days: [1, 2, 3, 4, 5, 6, 7], open: '00:00', close: '24:00' }];
    const start = t('2026-12-01T22:00:00+08:00');
    expect(isWithinOpeningHours(always, SH, start, start + 4 * 3_600_000)).toBe(true);
    expect(openIntervals(always, SH, start, start + 4 * 3_600_000)).toHaveLength(1);
  });

  it('handles a daylight-saving change in the room zone', () => {
    // Europe/Berlin leaves DST on 2026-10-25; Monday 26th 08:00 local = 07:00 UTC.
    expect(isWithinOpeningHours(DEFAULT_OPENING_HOURS, 'Europe/Berlin', t('2026-10-26T07:00:00Z'), t('2026-10-26T08:00:00Z'))).toBe(true);
    expect(isWithinOpeningHours(DEFAULT_OPENING_HOURS, 'Europe/Berlin', t('2026-10-26T06:30:00Z'), t('2026-10-26T08:00:00Z'))).toBe(false);
  });

  it('closingTime stays exact around a boundary when answers are memoised per minute', () => {
    const hours = [{ days: [2], open: '09:00', close: '18:00' }];
    expect(closingTime(hours, SH, t('2026-12-01T17:59:59+08:00'))).toBe(t('2026-12-01T18:00:00+08:00'));
    expect(closingTime(hours, SH, t('2026-12-01T17:59:00+08:00'))).toBe(t('2026-12-01T18:00:00+08:00'));
    expect(closingTime(hours, SH, t('2026-12-01T18:00:00+08:00'))).toBeNull();
    expect(closingTime(hours, SH, t('2026-12-01T08:59:59+08:00'))).toBeNull();
    expect(closingTime(hours, SH, t('2026-12-01T09:00:00+08:00'))).toBe(t('2026-12-01T18:00:00+08:00'));
    expect(closingTime(hours, 'UTC', t('2026-12-01T09:00:00+08:00'))).toBeNull(); // another zone, another answer
  });

  it('closingTime gives the end of the open period, or null when closed', () => {
    expect(closingTime(DEFAULT_OPENING_HOURS, SH, t('2026-12-01T12:00:00+08:00'))).toBe(t('2026-12-01T18:00:00+08:00'));
    expect(closingTime(DEFAULT_OPENING_HOURS, SH, t('2026-12-01T19:00:00+08:00'))).toBeNull();
  });
});
