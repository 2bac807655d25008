/**
 * Publishes a room's state (contract §2: retained, on every change and at
 * least once a minute). Three paths, cheapest first:
 * - a change (booking, check-in, release) recomputes and publishes that room;
 * - time alone (free -> reserved -> awaiting_checkin, opening and closing) is
 *   found with one query for all rooms and pure derivation;
 * - the minute republish resends the last state with a new `at` and `seq`.
 */
import type { RoomStatePayload } from '../../shared/schemas/mqtt.js';
import { type ActiveBooking, type DerivedRoomState, deriveRoomState } from '../domain/room-state.js';
import { type AppDeps, iso } from './deps.js';
import type { BookingRecord, RoomRecord } from './ports.js';

/** G4: panels must not leak the titles of private meetings. */
export const PRIVATE_TITLE = 'Private meeting · 私人会议';

export interface PublishedRoomState {
  payload: RoomStatePayload;
  /** Local time of the last publish, for the minute republish. */
  publishedAt: number;
}

function toActive(b: BookingRecord): ActiveBooking {
  return { id: b.id, title: b.title, private: b.private, status: b.status as ActiveBooking['status'], start: b.start, end: b.end };
}

/** What time alone can change: the status and whether the current meeting is checked in. */
function signature(s: { status: string; currentId?: string; checkedIn?: boolean }): string {
  return `${s.status}|${s.currentId ?? ''}|${s.checkedIn ?? ''}`;
}
const payloadSignature = (p: RoomStatePayload) => signature({ status: p.status, currentId: p.current?.bookingId, checkedIn: p.current?.checkedIn });
const derivedSignature = (d: DerivedRoomState) => signature({ status: d.status, currentId: d.current?.id, checkedIn: d.current?.checkedIn });

function toPayload(room: RoomRecord, s: DerivedRoomState, now: number, seq: number): RoomStatePayload {
  const summary = (b: ActiveBooking) => ({
    bookingId: b.id,
    title: b.private ? PRIVATE_TITLE : b.title,
    start: iso(b.start),
    end: iso(b.end),
    ...(b.private ? { private: true } : {}),
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
  };
}

async function publish(deps: AppDeps, payload: RoomStatePayload) {
  deps.roomStates.set(payload.room, { payload, publishedAt: Date.now() });
  await deps.publisher.roomState(payload.room, payload);
}

export async function refreshRoomState(deps: AppDeps, roomId: string, known?: RoomRecord): Promise<RoomStatePayload | null> {
  const room = known ?? (await deps.store.rooms.get(roomId));
  if (!room) return null;
  const now = deps.clock.now();
  const [seq, bookings] = await Promise.all([deps.store.rooms.nextSeq(roomId), deps.store.bookings.activeForRoom(room.id, now, 5)]);
  const payload = toPayload(room, deriveRoomState(room, bookings.map(toActive), now, deps.policy), now, seq);
  await publish(deps, payload);
  return payload;
}

/** Republishes every room whose state moved with time alone since it was last published. */
export async function refreshTimeDrivenStates(deps: AppDeps): Promise<number> {
  const now = deps.clock.now();
  const horizon = Math.max(deps.policy.reservedHorizonMs, deps.policy.checkInOpensMs);
  const near = new Map<string, ActiveBooking[]>();
  for (const b of await deps.store.bookings.activeBetween(now, now + horizon)) {
    const list = near.get(b.roomId) ?? [];
    list.push(toActive(b));
    near.set(b.roomId, list);
  }
  let published = 0;
  for (const room of await deps.store.rooms.list()) {
    const last = deps.roomStates.get(room.id);
    const derived = deriveRoomState(room, near.get(room.id) ?? [], now, deps.policy);
    if (last && payloadSignature(last.payload) === derivedSignature(derived)) continue;
    await refreshRoomState(deps, room.id, room);
    published++;
  }
  return published;
}

/**
 * Contract §2: every state at least once a minute. Resends the last state with
 * a new `at` and `seq`, spreading the rooms over the passes instead of all at once.
 */
export async function republishStaleStates(deps: AppDeps, olderThanMs: number, limit: number): Promise<number> {
  const cutoff = Date.now() - olderThanMs;
  const stale = [...deps.roomStates.values()].filter((s) => s.publishedAt <= cutoff).sort((a, b) => a.publishedAt - b.publishedAt).slice(0, limit);
  if (stale.length === 0) return 0;
  // One statement for all their sequence numbers: one commit, not one per room.
  const seqs = await deps.store.rooms.nextSeqMany(stale.map((s) => s.payload.room));
  const at = iso(deps.clock.now());
  for (const s of stale) {
    const seq = seqs.get(s.payload.room);
    if (seq !== undefined) await publish(deps, { ...s.payload, at, seq });
  }
  return stale.length;
}
