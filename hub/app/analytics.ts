/** Contract §7 analytics: the administration office sees every room; a member only their own meetings' figures. */
import { InvalidError } from '../domain/errors.js';
import { type Usage, usage } from '../domain/analytics.js';
import { type Actor, isAdmin } from './actor.js';
import type { AppDeps } from './deps.js';

const MAX_RANGE_MS = 400 * 86_400_000;

export async function usageOf(deps: AppDeps, f: { from: number; to: number; roomId?: string }, actor: Actor): Promise<Usage> {
  if (f.to <= f.from || f.to - f.from > MAX_RANGE_MS) throw new InvalidError('to must be after from, at most 400 days later', { field: 'to' });
  const rooms = (await deps.reads.rooms.list()).filter((r) => !f.roomId || r.id === f.roomId);
  const all = await deps.reads.bookings.list({ from: f.from, to: f.to, startingIn: true, roomId: f.roomId, limit: 100_000 });
  // A member's figures are those of the meetings they host.
  const mine = isAdmin(actor) ? all : all.filter((b) => b.hostId === actor.user?.id);
  return usage(mine, isAdmin(actor) ? rooms : rooms.filter((r) => mine.some((b) => b.roomId === r.id)), { from: f.from, to: f.to });
}
