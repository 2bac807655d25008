/**
 * A room's published state (contract §2: retained, on every change and at
 * least once a minute). Three paths, cheapest first:
 * - a unit of work that changed a room computes its state in the same
 *   transaction (so `seq` follows the commit order) and publishes it after commit;
 * - time alone (free -> reserved -> awaiting_checkin, opening and closing) is
 *   found with one query for all rooms and pure derivation;
 * - the minute republish resends the last state with a new `at` and `seq`.
 */
import type { RoomStatePayload } from '../../shared/schemas/mqtt.js';
import { type ActiveBooking, type DerivedRoomState, deriveRoomState } from '../domain/room-state.js';
import type { CheckInPolicy } from '../domain/policy.js';
import { effectivelyOutOfService } from '../domain/faults.js';
import { openAroundTheClock } from '../domain/opening-hours.js';
import { DateTime } from 'luxon';
import { type AppDeps, iso } from './deps.js';
import type { BookingSummary, Publisher, RoomRecord, Store } from './ports.js';
import { runWork } from './work.js';

/** G4: panels must not leak the titles of private meetings. */
export const PRIVATE_TITLE = 'Private meeting · 私人会议';

function toActive(b: BookingSummary): ActiveBooking {
  return { id: b.id, title: b.title, private: b.private, status: b.status, start: b.start, end: b.end };
}

/** What time alone can change: the status and whether the current meeting is checked in. */
function signature(s: { status: string; currentId?: string; checkedIn?: boolean }): string {
  return `${s.status}|${s.currentId ?? ''}|${s.checkedIn ?? ''}`;
}
const payloadSignature = (p: RoomStatePayload) => signature({ status: p.status, currentId: p.current?.bookingId, checkedIn: p.current?.checkedIn });
const derivedSignature = (d: DerivedRoomState) => signature({ status: d.status, currentId: d.current?.id, checkedIn: d.current?.checkedIn });

/** Bookings a room's state carries for the panel's day timeline (the rest of the day, at most). */
const TIMELINE_LIMIT = 24;

function toPayload(room: RoomRecord, s: DerivedRoomState, now: number, seq: number, rest: ActiveBooking[] = []): RoomStatePayload {
  const summary = (b: ActiveBooking) => ({
    bookingId: b.id,
    title: b.private ? PRIVATE_TITLE : b.title,
    start: iso(b.start),
    end: iso(b.end),
    ...(b.private ? { private: true } : {}),
    // R15: after hours, waiting for the administration office's approval.
    ...(b.status === 'pending_approval' ? { pending: true } : {}),
  });
  return {
    room: room.id,
    name: room.name,
    at: iso(now),
    seq,
    status: s.status,
    current: s.current
      ? {
          ...summary(s.current),
          checkedIn: s.current.checkedIn,
          ...(s.current.checkInDeadline !== undefined ? { checkInDeadline: iso(s.current.checkInDeadline) } : {}),
        }
      : null,
    next: s.next ? summary(s.next) : null,
    freeUntil: s.freeUntil === null ? null : iso(s.freeUntil),
    timeZone: room.timeZone,
    equipment: room.equipment,
    capacity: room.capacity,
    // Contract §6: the open faults, so a panel says "projector: in repair" instead of taking ten reports.
    faults: room.openFaults.map((f) => ({ equipment: f.equipment, status: f.status })),
    // The panel's day timeline: the room's meetings from now to the end of its day (pending ones marked, R15).
    today: rest.map(summary),
    // A room open around the clock: the panel says so rather than "free for 167 h 59 min".
    ...(openAroundTheClock(room.openingHours) ? { openAllHours: true } : {}),
  };
}

/** What the state derivation sees of a room: out of service by hand, by a fault (R9), or archived. */
export function roomView(room: RoomRecord) {
  return { ...room, outOfService: effectivelyOutOfService(room) || room.archivedAt !== null };
}

/** The room's state as this transaction sees it, with the next sequence number. */
export async function computeRoomState(store: Store, room: RoomRecord, now: number, policy: CheckInPolicy): Promise<RoomStatePayload> {
  const seq = await store.rooms.nextSeq(room.id);
  const bookings = (await store.bookings.upcoming(room.id, now, TIMELINE_LIMIT)).map(toActive);
  const endOfDay = DateTime.fromMillis(now, { zone: room.timeZone }).endOf('day').toMillis();
  const rest = bookings.filter((b) => b.start <= endOfDay).sort((a, b) => a.start - b.start);
  return toPayload(room, deriveRoomState(roomView(room), bookings, now, policy), now, seq, rest);
}

/**
 * The last state published per room. Publishing goes through here, so a
 * state computed earlier never overtakes a later one (seq only grows).
 */
export class RoomStateBoard {
  private readonly last = new Map<string, { payload: RoomStatePayload; publishedAt: number }>();

  constructor(
    private readonly publisher: Publisher,
    /** Local time for the republish schedule (the wall clock, not the hub's policy clock). */
    private readonly localNow: () => number = () => Date.now(),
  ) {}

  /** Told of every state published after this one (the site view). */
  onPublish: (next: RoomStatePayload, prev: RoomStatePayload | undefined) => void = () => {};

  async publish(states: readonly RoomStatePayload[]): Promise<void> {
    for (const payload of states) {
      const prev = this.newer(payload);
      if (prev === false) continue;
      await this.publisher.roomState(payload.room, payload);
      this.onPublish(payload, prev);
    }
  }

  /**
   * A state another hub of the site published (contract §9): remembered as if
   * published here, so the site view, the time-driven refresh and the minute
   * republish all see the room as it is, whichever hub changed it last.
   */
  observe(payload: RoomStatePayload): void {
    const prev = this.newer(payload);
    if (prev !== false) this.onPublish(payload, prev);
  }

  /** Records `payload` if its seq is newer than the last one and returns that one; false if it is not newer. */
  private newer(payload: RoomStatePayload): RoomStatePayload | undefined | false {
    const prev = this.last.get(payload.room);
    if (prev && prev.payload.seq >= payload.seq) return false;
    this.last.set(payload.room, { payload, publishedAt: this.localNow() });
    return prev?.payload;
  }

  get(roomId: string): RoomStatePayload | undefined {
    return this.last.get(roomId)?.payload;
  }

  get size(): number {
    return this.last.size;
  }

  /** The rooms published longest ago, at most `limit`, not since `olderThanMs`. */
  stale(olderThanMs: number, limit: number): RoomStatePayload[] {
    const cutoff = this.localNow() - olderThanMs;
    return [...this.last.values()]
      .filter((s) => s.publishedAt <= cutoff)
      .sort((a, b) => a.publishedAt - b.publishedAt)
      .slice(0, limit)
      .map((s) => s.payload);
  }
}

/** Rooms in use (not archived) by the status of their last published state: the `hub_rooms` gauge. */
export async function roomStatusCounts(deps: AppDeps): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const room of await deps.reads.rooms.list()) {
    const status = room.archivedAt === null ? deps.roomStates.get(room.id)?.status : undefined;
    if (status) counts[status] = (counts[status] ?? 0) + 1;
  }
  return counts;
}

/** Republishes every room whose state moved with time alone since it was last published. */
export async function refreshTimeDrivenStates(deps: AppDeps): Promise<number> {
  const now = deps.clock.now();
  const horizon = Math.max(deps.policy.reservedHorizonMs, deps.policy.checkInOpensMs);
  const near = new Map<string, ActiveBooking[]>();
  for (const b of await deps.reads.bookings.activeBetween(now, now + horizon)) {
    const list = near.get(b.roomId) ?? [];
    list.push(toActive(b));
    near.set(b.roomId, list);
  }
  const moved: string[] = [];
  for (const room of await deps.reads.rooms.list()) {
    const last = deps.roomStates.get(room.id);
    const derived = deriveRoomState(roomView(room), near.get(room.id) ?? [], now, deps.policy);
    if (!last || payloadSignature(last) !== derivedSignature(derived)) moved.push(room.id);
  }
  await refreshRooms(deps, moved);
  return moved.length;
}

/** Rooms per unit of work when many are refreshed: short transactions, so a tap never waits long behind them. */
const REFRESH_CHUNK = 25;

/**
 * Computes and publishes the states of many rooms, a chunk per unit of work.
 * Sorted ids: every multi-room transaction locks rooms in one order.
 */
export async function refreshRooms(deps: AppDeps, ids: readonly string[]): Promise<void> {
  const sorted = [...ids].sort();
  for (let i = 0; i < sorted.length; i += REFRESH_CHUNK) {
    const chunk = sorted.slice(i, i + REFRESH_CHUNK);
    await runWork(deps, 'system:clock', async (w) => {
      for (const id of chunk) w.refreshRoom(id);
    });
  }
}

/**
 * Contract §2: every state at least once a minute. Each stale room's state is
 * computed again in a unit of work (a new `seq` in the same transaction as the
 * read), so a republish can never overtake a change with an old state. The
 * rooms are spread over the passes instead of all at once.
 */
export async function republishStaleStates(deps: AppDeps, olderThanMs: number, limit: number): Promise<number> {
  const stale = deps.roomStates.stale(olderThanMs, limit);
  await refreshRooms(deps, stale.map((s) => s.room));
  return stale.length;
}
