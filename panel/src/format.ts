/** Times on the panel: in the room's zone, by the hub's clock. */
import type { Translate } from './i18n.js';

export function clockTime(iso: string | number, timeZone: string | undefined, locale: string): string {
  return new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', hour12: false, timeZone }).format(new Date(iso));
}

/** A countdown like 9:05 (minutes:seconds); 0:00 once past. */
export function countdown(ms: number): string {
  const s = Math.max(0, Math.ceil(ms / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/** A duration like "25 min" or "1 h 30 min". */
export function duration(t: Translate, ms: number): string {
  const total = Math.max(0, Math.floor(ms / 60_000));
  if (total === 0) return t('time.underAMinute');
  return total < 60 ? t('time.minutes', { n: total }) : t('time.hoursMinutes', { h: Math.floor(total / 60), m: total % 60 });
}

/** Whole minutes left before `untilIso`, by the hub's clock. */
export function minutesUntil(untilIso: string | null, hubNow: number): number {
  return untilIso ? Math.floor((Date.parse(untilIso) - hubNow) / 60_000) : Infinity;
}
