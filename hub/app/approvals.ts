/** R15: use outside working hours needs the administration office's approval, before use. */
import { type Actor, requireAdmin } from './actor.js';
import { applyEvent, orThrow } from './apply-transition.js';
import { onBooking } from './booking-access.js';
import type { AppDeps } from './deps.js';
import type { BookingRecord } from './ports.js';

export function approveBooking(deps: AppDeps, id: string, actor: Actor): Promise<BookingRecord> {
  requireAdmin(actor);
  return onBooking(deps, id, actor, 'approve', async (w, b) => orThrow(await applyEvent(w, b, { type: 'approve' })).booking);
}

export function rejectBooking(deps: AppDeps, id: string, note: string | undefined, actor: Actor): Promise<BookingRecord> {
  requireAdmin(actor);
  return onBooking(deps, id, actor, 'reject', async (w, b) => orThrow(await applyEvent(w, b, { type: 'reject', note })).booking);
}

/** The queue: requests waiting, soonest first. */
export async function pendingApprovals(deps: AppDeps, actor: Actor): Promise<BookingRecord[]> {
  requireAdmin(actor);
  return (await deps.reads.bookings.list({ status: 'pending_approval', from: deps.clock.now(), limit: 500 })).sort((a, b) => a.start - b.start);
}
