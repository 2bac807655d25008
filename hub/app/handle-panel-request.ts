/**
 * Door-panel actions (contract §2): book_now, check_in, extend, end,
 * report_fault. Each runs inside the unit of work that also claims the
 * request's id, and answers with a result or throws a DomainError that the
 * MQTT adapter turns into `{ok:false, error:{code, message}}`.
 */
import type { PanelRequest } from '../../shared/schemas/mqtt.js';
import { NotAllowedError } from '../domain/errors.js';
import { deviceActor } from './actor.js';
import { applyEvent, orThrow } from './apply-transition.js';
import { bookRoom } from './create-booking.js';
import { iso } from './deps.js';
import { reportFault } from './faults.js';
import { currentBooking, handleBadgeTap, type Prefer } from './handle-badge-tap.js';
import type { DeviceRef } from './ports.js';
import type { Work } from './work.js';

/** The built-in host of walk-up bookings made on a panel. */
export const WALK_IN_USER = 'walk-in';
const MINUTE = 60_000;

export async function handlePanelRequest(w: Work, panel: DeviceRef, req: PanelRequest): Promise<unknown> {
  switch (req.action) {
    case 'book_now': {
      const { booking } = await bookRoom(
        w,
        {
          roomId: panel.roomId,
          title: req.title ?? 'Walk-up meeting · 临时会议',
          start: w.now,
          end: w.now + req.minutes * MINUTE,
          headcount: 1,
          hostId: WALK_IN_USER,
          type: 'adhoc', // G1: an ad-hoc meeting
        },
        deviceActor(panel.id),
      );
      // Someone is standing at the panel: the walk-up meeting starts checked in (same unit of work).
      const r = orThrow(await applyEvent(w, booking, { type: 'check_in', evidence: 'panel' }));
      return { bookingId: booking.id, start: iso(booking.start), end: iso(booking.end), status: r.booking.status };
    }
    case 'check_in': {
      if (req.uid) {
        const tap = await handleBadgeTap(w, panel, req.uid, w.now);
        if (tap.kind === 'signed_in' || tap.kind === 'already_signed_in') return tap;
      }
      const booking = await requireCurrent(w, panel.roomId, 'awaiting');
      const r = orThrow(await applyEvent(w, booking, { type: 'check_in', evidence: 'panel' }));
      return { bookingId: booking.id, status: r.booking.status };
    }
    case 'extend': {
      const booking = await requireCurrent(w, panel.roomId, 'in_progress');
      const r = orThrow(await applyEvent(w, booking, { type: 'extend', end: booking.end + req.minutes * MINUTE }));
      return { bookingId: booking.id, end: iso(r.booking.end) };
    }
    case 'end': {
      const booking = await requireCurrent(w, panel.roomId, 'in_progress');
      const r = orThrow(await applyEvent(w, booking, { type: 'end' }));
      return { bookingId: booking.id, status: r.booking.status };
    }
    case 'time':
      return { now: iso(w.now) };
    case 'report_fault': {
      // R9: faults are reported for repair at once and tracked until fixed.
      const fault = await reportFault(w, { roomId: panel.roomId, equipment: req.equipment, description: req.description });
      return { faultId: fault.id };
    }
  }
}

async function requireCurrent(w: Work, roomId: string, prefer: Prefer) {
  await w.store.rooms.lock(roomId);
  const booking = await currentBooking(w.store, w.policy, roomId, w.now, prefer);
  if (!booking) throw new NotAllowedError('there is no meeting in this room now');
  return booking;
}
