/**
 * What follows from domain events after commit, each a named listener on the
 * bus: room events over MQTT, metrics, the log, and the in-memory views of
 * device activity. (The audit log, the notices and the room states are
 * written in the transaction itself: see Work.finish.)
 */
import type { RoomEventPayload } from '../../shared/schemas/mqtt.js';
import { type AppDeps, iso, newId } from './deps.js';
import type { Emitted } from './events.js';
import type { Publisher } from './ports.js';

/** Contract §2 room events (`meeting/v1/room/{room}/event`), with the extensions the README lists. */
export function roomEventOf(e: Emitted): { room: string; event: RoomEventPayload } | null {
  const base = (type: RoomEventPayload['type'], bookingId?: string) => ({ id: newId('ev'), at: iso(e.at), type, ...(bookingId ? { bookingId } : {}) });
  switch (e.type) {
    case 'booking.created':
      return { room: e.booking.roomId, event: base('booked', e.booking.id) };
    case 'booking.checked_in':
      return { room: e.booking.roomId, event: { ...base('checked_in', e.booking.id), evidence: e.evidence } };
    case 'booking.released':
      return { room: e.booking.roomId, event: { ...base('released', e.booking.id), reason: e.reason } };
    case 'booking.ended':
      return { room: e.booking.roomId, event: { ...base('ended', e.booking.id), reason: e.reason } };
    case 'booking.extended':
      return { room: e.booking.roomId, event: { ...base('extended', e.booking.id), end: iso(e.booking.end) } };
    case 'booking.cancelled':
      return { room: e.booking.roomId, event: base('cancelled', e.booking.id) };
    case 'booking.approved':
      return { room: e.booking.roomId, event: base('approved', e.booking.id) };
    case 'booking.rejected':
      return { room: e.booking.roomId, event: { ...base('rejected', e.booking.id), reason: e.reason } };
    case 'attendance.signed_in':
      return { room: e.booking.roomId, event: { ...base('signed_in', e.booking.id), user: e.user, attendance: e.status } };
    case 'fault.reported':
      return { room: e.fault.roomId, event: { ...base('fault_reported'), faultId: e.fault.id, equipment: e.fault.equipment } };
    case 'badge.unknown':
      // Without the card's UID: the panel only needs to say "not recognised", and room events reach every device of the room.
      return { room: e.roomId, event: { ...base('badge_unknown'), reader: e.reader } };
    default:
      return null;
  }
}

export function registerProjections(deps: AppDeps, publisher: Publisher): void {
  const { bus, metrics, log, activity } = deps;

  bus.onAny('mqtt-room-events', async (e) => {
    const out = roomEventOf(e);
    if (out) await publisher.roomEvent(out.room, out.event);
  });

  bus.on('booking.created', 'metrics', (e) => metrics.count('bookings_created', { type: e.booking.type }));
  bus.on('booking.checked_in', 'metrics', (e) => metrics.count('check_ins', { evidence: e.evidence }));
  bus.on('booking.released', 'metrics', (e) => metrics.count('releases', { reason: e.reason }));
  bus.on('booking.ended', 'metrics', (e) => {
    if (e.reason === 'room_empty') metrics.count('ghost_releases');
  });
  bus.on('attendance.signed_in', 'metrics', (e) => metrics.count('sign_ins', { status: e.status }));
  bus.on('fault.reported', 'metrics', () => metrics.count('faults_reported'));

  for (const type of ['booking.checked_in', 'booking.released', 'booking.ended', 'booking.cancelled', 'booking.extended'] as const) {
    bus.on(type, 'log', (e) =>
      log.info({ bookingId: e.booking.id, room: e.booking.roomId, event: e.type, reason: 'reason' in e ? e.reason : undefined, actor: e.actor }, e.type),
    );
  }
  bus.on('attendance.signed_in', 'log', (e) => log.info({ bookingId: e.booking.id, room: e.booking.roomId, user: e.user.id, status: e.status }, 'signed in'));

  bus.on('device.status_changed', 'device-activity', (e) => activity.setStatus(e.device.id, e.device.status));
  bus.on('device.revoked', 'device-activity', (e) => activity.setStatus(e.device.id, 'revoked'));
  bus.on('badge.unknown', 'badge-captures', (e) => void deps.badgeCaptures.offer(e.reader, { uid: e.uid, at: e.at }));
  bus.on('room.presence_changed', 'presence-looks', (e) => {
    if (e.room.present === null) deps.presenceLooks.forget(e.room.id);
  });
}
