/** A notice as a mail: subject, plain text and (for invitations) the calendar part, in the recipient's language. */
import { DateTime } from 'luxon';
import type { MailMessage } from '../app/mail-outbox.js';
import { calendarFor } from './ics.js';
import { meetingLines } from './render-meeting.js';
import { mailWords } from './templates.js';

export interface RenderedMail {
  subject: string;
  text: string;
  calendar?: { method: 'REQUEST' | 'CANCEL'; content: string };
}

const CANCELS = new Set(['booking_cancelled', 'booking_released', 'series_ended']);
const INVITES = new Set(['booking_notice', 'booking_changed', 'booking_approved', 'series_notice']);

export function renderMail(m: MailMessage, publicUrl: string | undefined): RenderedMail {
  const t = mailWords(m.locale);
  const zone = m.booking?.room.timeZone ?? m.series?.record.timeZone ?? 'UTC';
  const fmt = (ms: number, pattern: string) => DateTime.fromMillis(ms, { zone }).setLocale(m.locale === 'en' ? 'en-GB' : 'zh-CN').toFormat(pattern);
  const c = t('colon');
  const lines: string[] = [t(`intro.${m.kind}`), ''];
  let subjectParams: Record<string, string>;
  if (m.booking) {
    const { record: b, room, host, attendees } = m.booking;
    const when = `${fmt(b.start, 'ccc yyyy-MM-dd HH:mm')}–${fmt(b.end, 'HH:mm')}`;
    subjectParams = { title: b.title, when, room: room.name };
    lines.push(`${t('label.topic')}${c}${b.title}`, `${t('label.time')}${c}${when} (${zone})`, `${t('label.place')}${c}${room.name}`, `${t('label.host')}${c}${host.name}`);
    if (attendees.length) lines.push(`${t('label.attendees')}${c}${attendees.map((a) => a.name).join(', ')}${b.attendees.length > attendees.length ? ' …' : ''}`);
    if (b.shortNotice && INVITES.has(m.kind)) lines.push('', t('shortNotice')); // M2: flagged
    if (b.status === 'pending_approval' && m.kind !== 'approval_requested') lines.push('', t('pending'));
    const meeting = meetingLines(m, t, fmt, (path) => (publicUrl ? `${publicUrl.replace(/\/$/, '')}/${path}` : null));
    if (meeting.length) lines.push(...meeting);
    else if (publicUrl) lines.push('', t('open', { link: `${publicUrl.replace(/\/$/, '')}/#/meetings/${b.id}` })); // the meeting's page in the web app
  } else if (m.series) {
    const { record: s, room, host, attendees } = m.series;
    const first = DateTime.fromISO(s.localStart, { zone: s.timeZone }).toMillis();
    subjectParams = { title: s.title, room: room.name, when: '' };
    lines.push(
      `${t('label.topic')}${c}${s.title}`,
      `${t('label.time')}${c}${fmt(first, 'HH:mm')}–${fmt(first + s.durationMs, 'HH:mm')} (${zone})`,
      `${t('label.recurrence')}${c}${s.rrule}`,
      `${t('label.place')}${c}${room.name}`,
      `${t('label.host')}${c}${host.name}`,
    );
    if (attendees.length) lines.push(`${t('label.attendees')}${c}${attendees.map((a) => a.name).join(', ')}`);
    if (m.from !== undefined) lines.push(`${t('label.from')}${c}${fmt(m.from, 'yyyy-MM-dd')}`);
  } else {
    subjectParams = { title: '', when: '', room: '' };
  }
  if (m.reason) lines.push('', `${t('label.reason')}${c}${reasonText(t, m.reason)}`);
  if (m.note) lines.push(`${t('label.note')}${c}${m.note}`);
  // The reminder to arrive and sign in belongs to invitations, not to minutes or actions.
  lines.push('', '--', t(INVITES.has(m.kind) ? 'footer' : 'footer.plain'));
  const wantsCalendar = CANCELS.has(m.kind) || INVITES.has(m.kind);
  return {
    subject: t(`subject.${m.kind}`, subjectParams),
    text: lines.join('\n'),
    ...(wantsCalendar ? { calendar: calendarFor(m, CANCELS.has(m.kind)) } : {}),
  };
}

function reasonText(t: ReturnType<typeof mailWords>, reason: string): string {
  const key = `reason.${reason}`;
  return ['reason.no_show', 'reason.not_approved_in_time', 'reason.rejected', 'reason.ended_unused'].includes(key) ? t(key as Parameters<typeof t>[0]) : reason;
}
