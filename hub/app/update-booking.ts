/** Contract §3 PATCH /api/bookings/{id}: title, times, attendees (conflicts as on create). */
import { type BookingEdit, planEdit } from '../domain/booking-edit.js';
import { ConflictError, NotFoundError } from '../domain/errors.js';
import { type Actor, isAdmin } from './actor.js';
import { onBooking } from './booking-access.js';
import { requireActivePeople } from './create-booking.js';
import type { AppDeps } from './deps.js';
import type { BookingRecord } from './ports.js';
import { roomView } from './room-state.js';

export function updateBooking(deps: AppDeps, id: string, edit: BookingEdit & { attendees?: string[] }, actor: Actor): Promise<BookingRecord> {
  return onBooking(deps, id, actor, 'change', async (w, before) => {
    const room = await w.store.rooms.get(before.roomId);
    if (!room) throw new NotFoundError('room', before.roomId);
    const planned = planEdit(before, edit, roomView(room), w.now, w.policy, { mayBookAfterHours: isAdmin(actor) });
    let after: BookingRecord = { ...before, ...planned };
    if (Object.keys(planned).length > 0 && !(await w.store.bookings.change(id, before, planned))) {
      throw new ConflictError('the booking changed meanwhile; look again');
    }
    if (edit.attendees) {
      const attendees = [...new Set(edit.attendees)].filter((u) => u !== before.hostId);
      await requireActivePeople(w.store, attendees);
      await w.store.attendance.setAttendees(id, attendees);
      after = { ...after, attendees };
    }
    w.emit({ type: 'booking.updated', booking: after, before });
    return after;
  });
}
