/** Who may manage a booking, and running a unit of work on one booking (queued behind its room's). */
import { NotAllowedError, NotFoundError } from '../domain/errors.js';
import { type Actor, isAdmin } from './actor.js';
import type { AppDeps } from './deps.js';
import type { BookingRecord } from './ports.js';
import { runWork, type Work } from './work.js';

/** The host, whoever made the booking, or the administration office. */
export function mayManage(actor: Actor, b: BookingRecord): boolean {
  return isAdmin(actor) || (actor.user !== null && (actor.user.id === b.hostId || actor.ref === b.createdBy));
}

/**
 * Runs `fn` on the booking as the transaction sees it, after checking the
 * actor may manage it, with its room locked (writers of one room one at a time).
 */
export async function onBooking<T>(deps: AppDeps, id: string, actor: Actor, what: string, fn: (w: Work, b: BookingRecord) => Promise<T>): Promise<T> {
  const known = await deps.reads.bookings.get(id); // its room, to queue behind that room's work
  if (!known) throw new NotFoundError('booking', id);
  return runWork(
    deps,
    actor.ref,
    async (w) => {
      const b = await w.store.bookings.get(id);
      if (!b) throw new NotFoundError('booking', id);
      if (!mayManage(actor, b)) throw new NotAllowedError(`only the host, the booker or the administration office may ${what} it`);
      await w.store.rooms.lock(b.roomId);
      return fn(w, b);
    },
    { room: known.roomId },
  );
}
