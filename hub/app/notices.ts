/**
 * Notices to people (contract §4, §5; M2, R15), derived from domain events and
 * written to the notification outbox in the same transaction as the change
 * (never lost, never sent for a change that rolled back). A notice names its
 * recipient and what happened; the mailer renders it in the recipient's
 * language from the booking as it is when the mail leaves.
 */
import type { Emitted } from './events.js';
import { type MeetingNoticeKind, meetingNotices } from './meetings/notices.js';
import { WALK_IN_USER } from './handle-panel-request.js';
import type { BookingRecord, Store } from './ports.js';

export type NoticeKind =
  /** M2: the notice of a meeting (topic, time, place), with its calendar invitation. */
  | 'booking_notice'
  | 'booking_changed'
  | 'booking_cancelled'
  /** Contract §4: a no-show release; the invitation is withdrawn. */
  | 'booking_released'
  | 'meeting_ended_empty'
  /** R15: asked (to the administration office), received (to the host), answered. */
  | 'approval_requested'
  | 'request_received'
  | 'booking_approved'
  | 'booking_rejected'
  /** G1: a series as one recurring invitation; ended from an occurrence on. */
  | 'series_notice'
  | 'series_ended'
  | MeetingNoticeKind;

export interface Notice {
  userId: string;
  kind: NoticeKind;
  data: { bookingId?: string; seriesId?: string; from?: number; reason?: string; note?: string; actionId?: string };
}

const audience = (b: BookingRecord) => [b.hostId, ...b.attendees].filter((u) => u !== WALK_IN_USER);
const toAll = (ids: string[], kind: NoticeKind, data: Notice['data']): Notice[] => [...new Set(ids)].map((userId) => ({ userId, kind, data }));

export async function noticesFor(e: Emitted, store: Pick<Store, 'users' | 'bookings' | 'meetings'>): Promise<Notice[]> {
  switch (e.type) {
    case 'booking.created': {
      if (e.inSeries) return []; // the series' own notice covers it
      const b = e.booking;
      if (b.status === 'pending_approval') {
        const admins = (await store.users.list()).filter((u) => u.role === 'admin' && u.deactivatedAt === null).map((u) => u.id);
        return [...toAll(admins, 'approval_requested', { bookingId: b.id }), ...toAll([b.hostId], 'request_received', { bookingId: b.id })];
      }
      return toAll(audience(b), 'booking_notice', { bookingId: b.id });
    }
    case 'booking.updated': {
      if (e.inSeries || e.booking.status === 'pending_approval') return [];
      const removed = audience(e.before).filter((u) => !audience(e.booking).includes(u));
      return [...toAll(audience(e.booking), 'booking_changed', { bookingId: e.booking.id }), ...toAll(removed, 'booking_cancelled', { bookingId: e.booking.id })];
    }
    case 'booking.cancelled':
      return e.inSeries ? [] : toAll(audience(e.booking), 'booking_cancelled', { bookingId: e.booking.id });
    case 'booking.released':
      // Contract §4: the host is told; everyone's invitation is withdrawn.
      return toAll(audience(e.booking), 'booking_released', { bookingId: e.booking.id, reason: e.reason });
    case 'booking.ended':
      // A ghost meeting ended by the empty room: the host learns why the room was given back.
      return e.reason === 'room_empty' ? toAll([e.booking.hostId].filter((u) => u !== WALK_IN_USER), 'meeting_ended_empty', { bookingId: e.booking.id }) : [];
    case 'booking.approved':
      return [...toAll([e.booking.hostId], 'booking_approved', { bookingId: e.booking.id }), ...toAll(e.booking.attendees, 'booking_notice', { bookingId: e.booking.id })];
    case 'booking.rejected':
      return toAll([e.booking.hostId], 'booking_rejected', { bookingId: e.booking.id, reason: e.reason, ...(e.note ? { note: e.note } : {}) });
    case 'series.created':
    case 'series.changed':
      return toAll([e.series.hostId, ...e.series.attendees], 'series_notice', { seriesId: e.series.id });
    case 'series.ended':
      return toAll([e.series.hostId, ...e.series.attendees], 'series_ended', { seriesId: e.series.id, from: e.from });
    default:
      return meetingNotices(e, store);
  }
}
