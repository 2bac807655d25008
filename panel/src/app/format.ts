/** Dates, ages and durations in the app's language. */
import type { AppTranslate } from './controllers/locale.js';

export function dateTime(iso: string | null | undefined, locale: string, timeZone?: string): string {
  if (!iso) return '';
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', hour12: false, timeZone }).format(new Date(iso));
}

export function date(iso: string | null | undefined, locale: string): string {
  return iso ? new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }).format(new Date(iso)) : '';
}

export function clock(iso: string, locale: string, timeZone?: string): string {
  return new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', hour12: false, timeZone }).format(new Date(iso));
}

/** A span like "3 d 4 h", "2 h 5 min" or "12 min". */
export function span(t: AppTranslate, ms: number): string {
  const min = Math.max(0, Math.floor(ms / 60_000));
  if (min < 1) return t('time.underAMinute');
  if (min < 60) return t('time.minutes', { n: min });
  const h = Math.floor(min / 60);
  if (h < 24) return t('time.hoursMinutes', { h, m: min % 60 });
  return t('span.daysHours', { d: Math.floor(h / 24), h: h % 24 });
}

/** How long ago, by the browser's clock. */
export function ago(t: AppTranslate, iso: string | null | undefined, now = Date.now()): string {
  return iso ? t('span.ago', { span: span(t, now - Date.parse(iso)) }) : '';
}

/** Who did it, from an actor reference: `user:<id>`, `device:<id>` or `system:<what>`. */
export function actorName(t: AppTranslate, ref: string, names: Map<string, string>): string {
  const [kind, ...rest] = ref.split(':');
  const id = rest.join(':');
  if (kind === 'user') return names.get(id) ?? id;
  if (kind === 'device') return t('actor.device', { id });
  if (kind === 'system') return t('actor.system');
  return ref;
}

/** A meeting's day and times in its room's zone: "Tue, 1 Dec 2026, 09:00–10:00". */
export function whenText(startIso: string, endIso: string, locale: string, timeZone?: string): string {
  const day = new Intl.DateTimeFormat(locale, { weekday: 'short', year: 'numeric', month: 'short', day: 'numeric', timeZone }).format(new Date(startIso));
  const sameDay = new Intl.DateTimeFormat('en-CA', { timeZone }).format(new Date(startIso)) === new Intl.DateTimeFormat('en-CA', { timeZone }).format(new Date(Date.parse(endIso) - 1));
  const end = sameDay ? clock(endIso, locale, timeZone) : dateTime(endIso, locale, timeZone);
  return `${day}, ${clock(startIso, locale, timeZone)}–${end}`;
}

/** A calendar date (YYYY-MM-DD) as "Tue, 1 Dec". */
export function dayLabel(date: string, locale: string, long = false): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Intl.DateTimeFormat(locale, { weekday: long ? 'long' : 'short', month: 'short', day: 'numeric', timeZone: 'UTC', ...(long ? { year: 'numeric' } : {}) }).format(Date.UTC(y, m - 1, d));
}

/** The time zone named when it is not the browser's own, so a time is never read in the wrong zone. */
export function zoneNote(timeZone: string | undefined): string {
  const mine = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return timeZone && timeZone !== mine ? timeZone : '';
}
