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
