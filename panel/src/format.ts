/** Times on the panel: in the room's zone, by the hub's clock. */
import type { Translate } from './i18n.js';

export function clockTime(iso: string | number, timeZone: string | undefined, locale: string): string {
  return new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', hour12: false, timeZone }).format(new Date(iso));
}

/** A countdown read as a duration: "12 min 40 s" / "12分40秒", "40 s" under a minute; nothing below zero. */
export function countdown(t: Translate, ms: number): string {
  const s = Math.max(0, Math.ceil(ms / 1000));
  return s < 60 ? t('time.seconds', { s }) : t('time.minutesSeconds', { m: Math.floor(s / 60), s: s % 60 });
}

/** A duration like "25 min", "1 h 30 min" or, past a day, "2 d 3 h". */
export function duration(t: Translate, ms: number): string {
  const total = Math.max(0, Math.floor(ms / 60_000));
  if (total === 0) return t('time.underAMinute');
  if (total < 60) return t('time.minutes', { n: total });
  const h = Math.floor(total / 60);
  return h < 24 ? t('time.hoursMinutes', { h, m: total % 60 }) : t('time.daysHours', { d: Math.floor(h / 24), h: h % 24 });
}

/** Whole minutes left before `untilIso`, by the hub's clock. */
export function minutesUntil(untilIso: string | null, hubNow: number): number {
  return untilIso ? Math.floor((Date.parse(untilIso) - hubNow) / 60_000) : Infinity;
}

/** The calendar day of `at` in the room's zone, as YYYY-MM-DD. */
function dayKey(at: number, timeZone: string | undefined): string {
  return new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit', timeZone }).format(new Date(at));
}

/**
 * The day of `iso` as a person at the door says it: null when it is today (the
 * time alone says enough), "tomorrow", a weekday within the week, else a date.
 */
export function dayName(t: Translate, iso: string, hubNow: number, timeZone: string | undefined, locale: string): string | null {
  const at = Date.parse(iso);
  const day = dayKey(at, timeZone);
  if (day === dayKey(hubNow, timeZone)) return null;
  if (day === dayKey(hubNow + 86_400_000, timeZone)) return t('day.tomorrow');
  const opts: Intl.DateTimeFormatOptions = at - hubNow < 6 * 86_400_000 ? { weekday: 'long', timeZone } : { month: 'short', day: 'numeric', weekday: 'short', timeZone };
  return new Intl.DateTimeFormat(locale, opts).format(new Date(at));
}
