/**
 * The calendar part of a mail (contract §5, RFC 5545/5546): METHOD:REQUEST to
 * invite or update, METHOD:CANCEL to withdraw, with a UID stable per booking
 * (a series: one UID with its RRULE, its skipped and cancelled occurrences as
 * EXDATE, and an occurrence changed or cancelled alone as a RECURRENCE-ID).
 */
import ical, { ICalAttendeeRole, ICalAttendeeStatus, ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import { getVtimezoneComponent } from '@touch4it/ical-timezones';
import { DateTime } from 'luxon';
import type { MailMessage, Person } from '../app/mail-outbox.js';
import { expandSeries } from '../domain/recurrence.js';

const PRODID = { company: 'meeting-hub', product: 'hub', language: 'EN' };
const ACTIVE = new Set(['confirmed', 'checked_in', 'pending_approval']);

export const bookingUid = (id: string) => `booking-${id}@meeting-hub`;
export const seriesUid = (id: string) => `series-${id}@meeting-hub`;

/**
 * SEQUENCE: each later notice of an event a person receives carries a higher
 * one. The notice's own id grows with every notice the hub writes, so it
 * always does (two changes in the same instant included).
 */
const sequenceOf = (m: MailMessage) => m.notificationId;

const who = (p: Person) => ({ name: p.name, email: p.email ?? `${p.id}@invalid` });

export function calendarFor(m: MailMessage, cancel: boolean): { method: 'REQUEST' | 'CANCEL'; content: string } {
  const cal = ical({ prodId: PRODID, method: cancel ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.REQUEST, timezone: { name: zoneOf(m), generator: getVtimezoneComponent } });
  const attendee = (p: Person) => ({ ...who(p), rsvp: !cancel, role: ICalAttendeeRole.REQ, status: ICalAttendeeStatus.NEEDSACTION });
  if (m.booking) {
    const { record: b, room, host, attendees } = m.booking;
    const inSeries = b.seriesId !== null && b.occurrenceStart !== null;
    cal.createEvent({
      id: inSeries ? seriesUid(b.seriesId!) : bookingUid(b.id),
      ...(inSeries ? { recurrenceId: DateTime.fromMillis(b.occurrenceStart!, { zone: room.timeZone }).toJSDate() } : {}),
      sequence: sequenceOf(m),
      start: DateTime.fromMillis(b.start, { zone: room.timeZone }).toJSDate(),
      end: DateTime.fromMillis(b.end, { zone: room.timeZone }).toJSDate(),
      timezone: room.timeZone,
      summary: b.title,
      location: room.name,
      organizer: who(host),
      attendees: [host, ...attendees].map(attendee),
      status: cancel ? ICalEventStatus.CANCELLED : b.status === 'pending_approval' ? ICalEventStatus.TENTATIVE : ICalEventStatus.CONFIRMED,
    });
  } else if (m.series) {
    const { record: s, room, host, attendees, occurrences } = m.series;
    const all = expandSeries(s.rrule, DateTime.fromISO(s.localStart, { zone: s.timeZone }).toMillis(), DateTime.fromISO(s.localStart, { zone: s.timeZone }).toMillis() + s.durationMs, s.timeZone);
    const booked = new Set(occurrences.filter((o) => ACTIVE.has(o.status)).map((o) => o.occurrenceStart ?? o.start));
    const excluded = all.filter((o) => !booked.has(o.start)).map((o) => o.start);
    cal.createEvent({
      id: seriesUid(s.id),
      sequence: sequenceOf(m),
      start: DateTime.fromMillis(all[0]!.start, { zone: s.timeZone }).toJSDate(),
      end: DateTime.fromMillis(all[0]!.end, { zone: s.timeZone }).toJSDate(),
      timezone: s.timeZone,
      repeating: recurrence(s.rrule, s.timeZone, excluded),
      summary: s.title,
      location: room.name,
      organizer: who(host),
      attendees: [host, ...attendees].map(attendee),
      status: cancel ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    });
  }
  return { method: cancel ? 'CANCEL' : 'REQUEST', content: cal.toString() };
}

function zoneOf(m: MailMessage): string {
  return m.booking?.room.timeZone ?? m.series?.record.timeZone ?? 'UTC';
}

/**
 * The series' own RRULE, exactly as it was given, and its EXDATEs in the
 * room's zone (ical-generator writes a rule given as text as it is).
 */
function recurrence(rrule: string, zone: string, excluded: number[]): string {
  const lines = [`RRULE:${rrule}`];
  if (excluded.length) lines.push(`EXDATE;TZID=${zone}:${excluded.map((ms) => DateTime.fromMillis(ms, { zone }).toFormat("yyyyMMdd'T'HHmmss")).join(',')}`);
  return lines.join('\n');
}
