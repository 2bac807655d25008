/**
 * Notices to people, derived from domain events and written to the
 * notification outbox in the same transaction as the change (so a notice is
 * never lost, nor sent for a change that rolled back). A mail adapter
 * delivers them.
 */
import type { Emitted } from './events.js';

export interface Notice {
  userId: string;
  kind: string;
  data: unknown;
}

export function noticesFor(e: Emitted): Notice[] {
  switch (e.type) {
    case 'booking.released':
      // Contract §4: the host is told their booking was released.
      return [{ userId: e.booking.hostId, kind: 'booking_released', data: { bookingId: e.booking.id, title: e.booking.title, roomId: e.booking.roomId, reason: e.reason } }];
    case 'booking.ended':
      // A ghost meeting ended by the empty room: the host learns why the room was given back.
      return e.reason === 'room_empty'
        ? [{ userId: e.booking.hostId, kind: 'meeting_ended_empty', data: { bookingId: e.booking.id, title: e.booking.title, roomId: e.booking.roomId } }]
        : [];
    default:
      return [];
  }
}
