/**
 * Contract §5: a secret calendar feed URL per room and per person, for
 * calendar apps to subscribe to without a session; it can be rotated (the old
 * URL stops working). A room's feed shows private meetings with the neutral
 * title (G4); a person's feed shows their own meetings whole.
 */
import { NotAllowedError, NotFoundError } from '../domain/errors.js';
import { type Actor, isAdmin, requireAdmin } from './actor.js';
import type { AppDeps } from './deps.js';
import type { BookingRecord, RoomRecord } from './ports.js';
import { newToken } from './secrets.js';
import { runWork } from './work.js';

export type FeedOwner = { kind: 'room' | 'user'; id: string };

/** What may see whose feed: anyone signed in a room's (titles as G4 allows), a person their own, admins all. */
async function requireOwner(deps: AppDeps, owner: FeedOwner, actor: Actor, rotating: boolean): Promise<void> {
  if (owner.kind === 'room') {
    if (!(await deps.reads.rooms.get(owner.id))) throw new NotFoundError('room', owner.id);
    if (rotating) requireAdmin(actor);
    return;
  }
  if (!(await deps.reads.users.byId(owner.id))) throw new NotFoundError('user', owner.id);
  if (actor.user?.id !== owner.id && !isAdmin(actor)) throw new NotAllowedError('a calendar feed is its owner\'s');
}

/** The feed's token, made on first use. */
export async function feedToken(deps: AppDeps, owner: FeedOwner, actor: Actor): Promise<string> {
  await requireOwner(deps, owner, actor, false);
  const existing = await deps.reads.feeds.of(owner.kind, owner.id);
  if (existing) return existing;
  return runWork(deps, actor.ref, async (w) => {
    const raced = await w.store.feeds.of(owner.kind, owner.id);
    if (raced) return raced;
    const token = newToken();
    await w.store.feeds.set(owner.kind, owner.id, token);
    return token;
  });
}

export async function rotateFeed(deps: AppDeps, owner: FeedOwner, actor: Actor): Promise<string> {
  await requireOwner(deps, owner, actor, true);
  const token = newToken();
  await runWork(deps, actor.ref, (w) => w.store.feeds.set(owner.kind, owner.id, token));
  return token;
}

export interface FeedContent {
  name: string;
  bookings: BookingRecord[];
  rooms: Map<string, RoomRecord>;
  /** G4: whether this feed shows private meetings' content. */
  showPrivate: (b: BookingRecord) => boolean;
}

const SHOWN = new Set(['confirmed', 'checked_in', 'completed', 'pending_approval']);
const PAST_DAYS = 30;
const FUTURE_DAYS = 366;

/** What a feed serves: its owner's meetings from a month back to a year ahead. */
export async function feedContent(deps: AppDeps, token: string): Promise<FeedContent | null> {
  const owner = await deps.reads.feeds.byToken(token);
  if (!owner) return null;
  const now = deps.clock.now();
  const window = { from: now - PAST_DAYS * 86_400_000, to: now + FUTURE_DAYS * 86_400_000, limit: 5000 };
  const rooms = new Map((await deps.reads.rooms.list()).map((r) => [r.id, r]));
  if (owner.kind === 'room') {
    const room = rooms.get(owner.id);
    if (!room) return null;
    const bookings = (await deps.reads.bookings.list({ ...window, roomId: room.id })).filter((b) => SHOWN.has(b.status));
    return { name: room.name, bookings, rooms, showPrivate: () => false };
  }
  const user = await deps.reads.users.byId(owner.id);
  if (!user || user.deactivatedAt !== null) return null;
  const bookings = (await deps.reads.bookings.list({ ...window, person: user.id })).filter((b) => SHOWN.has(b.status));
  return { name: user.name, bookings, rooms, showPrivate: () => true };
}
