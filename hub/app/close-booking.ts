/** Contract §3: cancelling a booking not yet started, ending a meeting in progress. */
import type { Actor } from './actor.js';
import { applyEvent, orThrow } from './apply-transition.js';
import { onBooking } from './booking-access.js';
import type { AppDeps } from './deps.js';
import type { BookingRecord } from './ports.js';

export function cancelBooking(deps: AppDeps, id: string, actor: Actor): Promise<BookingRecord> {
  return onBooking(deps, id, actor, 'cancel', async (w, b) => orThrow(await applyEvent(w, b, { type: 'cancel' })).booking);
}

export function endBooking(deps: AppDeps, id: string, actor: Actor): Promise<BookingRecord> {
  return onBooking(deps, id, actor, 'end', async (w, b) => orThrow(await applyEvent(w, b, { type: 'end' })).booking);
}
