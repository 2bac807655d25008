/**
 * G1: recurring meetings from an RFC 5545 RRULE, expanded in the room's time
 * zone (the `rrule` library on floating wall-clock times, then each one placed
 * in the zone with luxon), so a weekly 09:00 meeting stays at 09:00 local
 * time across daylight-saving changes. Pure.
 */
import { DateTime } from 'luxon';
// rrule ships CommonJS without named exports Node can see: take the module object.
import rrule from 'rrule';
import { InvalidError } from './errors.js';

const { RRule } = rrule;

/** At most this many occurrences, and none more than a year after the first. */
export const MAX_OCCURRENCES = 100;
const MAX_SPAN_MS = 366 * 86_400_000;

const PARTS: Record<string, RegExp> = {
  FREQ: /^(DAILY|WEEKLY|MONTHLY|YEARLY)$/,
  INTERVAL: /^[1-9]\d{0,2}$/,
  COUNT: /^[1-9]\d{0,2}$/,
  UNTIL: /^\d{8}(T\d{6}Z?)?$/,
  BYDAY: /^([+-]?[1-5]?(MO|TU|WE|TH|FR|SA|SU))(,[+-]?[1-5]?(MO|TU|WE|TH|FR|SA|SU))*$/,
  BYMONTHDAY: /^-?\d{1,2}(,-?\d{1,2})*$/,
  BYMONTH: /^\d{1,2}(,\d{1,2})*$/,
  BYSETPOS: /^-?\d{1,3}(,-?\d{1,3})*$/,
  WKST: /^(MO|TU|WE|TH|FR|SA|SU)$/,
};

/** The RRULE's parts checked one by one (a rule the library would quietly misread is refused). */
export function parseRule(text: string): ReturnType<typeof rrule.RRule.parseString> {
  const rule = text.trim().replace(/^RRULE:/i, '');
  const seen = new Set<string>();
  for (const part of rule.split(';')) {
    const [key, value] = part.split('=') as [string, string | undefined];
    const pattern = PARTS[key.toUpperCase()];
    if (!pattern || value === undefined || !pattern.test(value.toUpperCase())) {
      throw new InvalidError(`RRULE part ${part} is not supported (use FREQ, INTERVAL, COUNT, UNTIL, BYDAY, BYMONTHDAY, BYMONTH, BYSETPOS, WKST)`, { field: 'rrule' });
    }
    if (seen.has(key.toUpperCase())) throw new InvalidError(`RRULE part ${key} appears twice`, { field: 'rrule' });
    seen.add(key.toUpperCase());
  }
  if (!seen.has('FREQ')) throw new InvalidError('an RRULE needs FREQ', { field: 'rrule' });
  if (seen.has('COUNT') && seen.has('UNTIL')) throw new InvalidError('an RRULE has COUNT or UNTIL, not both', { field: 'rrule' });
  return RRule.parseString(rule.toUpperCase());
}

export interface Occurrence {
  start: number;
  end: number;
}

/**
 * The occurrences of a series whose first one is [start, end): the rule runs
 * on the first start's wall-clock time in `zone`; each occurrence keeps that
 * wall-clock time there and the first one's length.
 */
export function expandSeries(rrule: string, start: number, end: number, zone: string): Occurrence[] {
  const options = parseRule(rrule);
  const first = DateTime.fromMillis(start, { zone });
  // Floating time: the local wall clock written as if it were UTC, which is what rrule computes on.
  const floating = new Date(Date.UTC(first.year, first.month - 1, first.day, first.hour, first.minute, first.second));
  const rule = new RRule({ ...options, dtstart: floating });
  const length = end - start;
  const out: Occurrence[] = [];
  rule.all((d, i) => {
    if (i >= MAX_OCCURRENCES) return false;
    const local = DateTime.fromObject(
      { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour: d.getUTCHours(), minute: d.getUTCMinutes(), second: d.getUTCSeconds() },
      { zone },
    );
    const at = local.toMillis();
    if (at - start > MAX_SPAN_MS) return false;
    out.push({ start: at, end: at + length });
    return true;
  });
  if (out.length === 0) throw new InvalidError('the RRULE gives no occurrence', { field: 'rrule' });
  if (out[0]!.start !== start) throw new InvalidError('the first occurrence must be the series start (start on a day the RRULE names)', { field: 'start' });
  return out;
}
