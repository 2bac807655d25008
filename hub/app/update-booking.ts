/** Contract §3 PATCH /api/bookings/{id}: title, times, attendees (conflicts as on create). */
import { type BookingEdit, planEdit } from '../domain/booking-edit.js';
import { ConflictError, NotFoundError } from '../domain/errors.js';
import { type Actor, isAdmin } from './actor.js';
import { onBooking } from './booking-access.js';
import { requireActivePeople, requireFree } from './create-booking.js';
import type { AppDeps } from './deps.js';
import type { BookingChange, BookingRecord } from './ports.js';
import { roomView } from './room-state.js';

export function updateBooking(deps: AppDeps, id: string, edit: BookingEdit & { attendees?: string[] }, actor: Actor): Promise<BookingRecord> {
  return onBooking(deps, id, actor, 'change', async (w, before) => {
    const room = await w.store.rooms.get(before.roomId);
    if (!room) throw new NotFoundError('room', before.roomId);
    const admin = isAdmin(actor);
    const planned = planEdit(before, edit, roomView(room), w.now, w.policy, { mayBookAfterHours: admin });
    const attendees = edit.attendees ? [...new Set(edit.attendees)].filter((u) => u !== before.hostId) : before.attendees;
    // The people it ends up with, locked (M1) and active.
    await requireActivePeople(w.store, [before.hostId, ...attendees]);
    // R15: an admin moving it after hours approves it at once, and says so.
    const change: BookingChange = { ...planned, ...(planned.status === 'confirmed' && before.status === 'pending_approval' ? { approvedBy: actor.ref, approvedAt: w.now } : {}) };
    let after: BookingRecord = { ...before, ...change };
    if (Object.keys(change).length > 0 && !(await w.store.bookings.change(id, before, change))) {
      throw new ConflictError('the booking changed meanwhile; look again');
    }
    if (edit.attendees) {
      await w.store.attendance.setAttendees(id, attendees);
      after = { ...after, attendees };
    }
    // M1: the people and times it ends up with must not clash with their other meetings
    // (after the room's own check, so a taken room answers `conflict`).
    if (edit.attendees || planned.start !== undefined || planned.end !== undefined) {
      await requireFree(w.store, [after.hostId, ...after.attendees], after.start, after.end, id);
    }
    w.emit({ type: 'booking.updated', booking: after, before });
    return after;
  });
}
