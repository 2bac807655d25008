/**
 * Door-panel actions (contract §2): book_now, check_in, extend, end, report_fault.
 * Each answers with a result or throws a DomainError that the MQTT adapter
 * turns into `{ok:false, error:{code, message}}`.
 */
import type { PanelRequest } from '../../shared/schemas/mqtt.js';
import { ConflictError, InvalidError, NotAllowedError, NotFoundError } from '../domain/errors.js';
import { type Applied, applyEvent } from './apply-transition.js';
import { createBooking } from './create-booking.js';
import { type AppDeps, iso, newId } from './deps.js';
import { currentBooking, handleBadgeTap } from './handle-badge-tap.js';
import type { DeviceRef } from './ports.js';

/** The built-in host of walk-up bookings made on a panel. */
export const WALK_IN_USER = 'walk-in';
const MINUTE = 60_000;

export async function handlePanelRequest(deps: AppDeps, panel: DeviceRef, req: PanelRequest): Promise<unknown> {
  const actor = `device:${panel.id}`;
  const now = deps.clock.now();
  switch (req.action) {
    case 'book_now': {
      const start = now;
      const { booking } = await createBooking(
        deps,
        {
          roomId: panel.roomId,
          title: req.title ?? 'Walk-up meeting · 临时会议',
          start,
          end: start + req.minutes * MINUTE,
          headcount: 1,
          hostId: WALK_IN_USER,
          type: 'adhoc', // G1: an ad-hoc meeting
        },
        { ref: actor, user: null },
        { announce: false },
      );
      // Someone is standing at the panel: the walk-up meeting starts checked in.
      const r = await applyEvent(deps, booking, { type: 'check_in', evidence: 'panel' }, actor);
      return { bookingId: booking.id, start: iso(booking.start), end: iso(booking.end), status: r.booking.status };
    }
    case 'check_in': {
      if (req.uid) {
        const tap = await handleBadgeTap(deps, panel, req.uid, now);
        if (tap.kind === 'signed_in' || tap.kind === 'already_signed_in') return tap;
      }
      const booking = await requireCurrent(deps, panel.roomId, now, 'awaiting');
      const r = settled(await applyEvent(deps, booking, { type: 'check_in', evidence: 'panel' }, actor));
      return { bookingId: booking.id, status: r.booking.status };
    }
    case 'extend': {
      const booking = await requireCurrent(deps, panel.roomId, now, 'in_progress');
      const r = settled(await applyEvent(deps, booking, { type: 'extend', end: booking.end + req.minutes * MINUTE }, actor));
      return { bookingId: booking.id, end: iso(r.booking.end) };
    }
    case 'end': {
      const booking = await requireCurrent(deps, panel.roomId, now, 'in_progress');
      const r = settled(await applyEvent(deps, booking, { type: 'end' }, actor));
      return { bookingId: booking.id, status: r.booking.status };
    }
    case 'time':
      return { now: iso(now) };
    case 'report_fault': {
      const room = await deps.store.rooms.get(panel.roomId);
      if (!room) throw new NotFoundError('room', panel.roomId);
      if (room.equipment.length > 0 && !room.equipment.includes(req.equipment) && req.equipment !== 'other') {
        throw new InvalidError(`this room has no ${req.equipment}; pick one of ${room.equipment.join(', ')} or other`);
      }
      const id = newId('flt');
      // R9: faults are reported for repair at once and tracked until fixed.
      await deps.store.faults.create({ id, roomId: room.id, equipment: req.equipment, description: req.description, reportedBy: actor });
      await deps.store.events.append({ at: now, actor, type: 'fault.reported', roomId: room.id, data: { id, equipment: req.equipment } });
      deps.metrics.count('faults_reported');
      await deps.publisher.roomEvent(room.id, { id: newId('ev'), at: iso(now), type: 'fault_reported', faultId: id, equipment: req.equipment });
      return { faultId: id };
    }
  }
}

/** A refused change throws its reason; one that lost a race (the sweep, another panel) says so. */
function settled(r: Applied): Applied {
  if (r.result.kind === 'refused') throw r.result.error;
  if (r.result.kind === 'change' && !r.applied) throw new ConflictError('the meeting changed meanwhile; look at the panel again');
  return r;
}

async function requireCurrent(deps: AppDeps, roomId: string, now: number, prefer: 'awaiting' | 'in_progress') {
  const booking = await currentBooking(deps, roomId, now, prefer);
  if (!booking) throw new NotAllowedError('there is no meeting in this room now');
  return booking;
}
