/** Publishes a room's state (contract §2: retained, on every change and at least once a minute). */
import type { RoomStatePayload } from '../../shared/schemas/mqtt.js';
import { type ActiveBooking, deriveRoomState } from '../domain/room-state.js';
import { type AppDeps, iso } from './deps.js';
import type { BookingRecord, RoomRecord } from './ports.js';

/** G4: panels must not leak the titles of private meetings. */
export const PRIVATE_TITLE = 'Private meeting · 私人会议';

function toActive(b: BookingRecord): ActiveBooking {
  return { id: b.id, title: b.title, private: b.private, status: b.status as ActiveBooking['status'], start: b.start, end: b.end };
}

export async function computeRoomState(deps: AppDeps, room: RoomRecord, seq: number): Promise<RoomStatePayload> {
  const now = deps.clock.now();
  const bookings = await deps.store.bookings.activeForRoom(room.id, now, 5);
  const s = deriveRoomState(room, bookings.map(toActive), now, deps.policy);
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

export async function refreshRoomState(deps: AppDeps, roomId: string, known?: RoomRecord): Promise<RoomStatePayload | null> {
  const room = known ?? (await deps.store.rooms.get(roomId));
  if (!room) return null;
  const seq = await deps.store.rooms.nextSeq(roomId);
  const state = await computeRoomState(deps, room, seq);
  deps.roomSignatures.set(roomId, signature(state));
  await deps.publisher.roomState(roomId, state);
  return state;
}

/** What must change for a panel to need a new state (time alone moves free -> reserved -> awaiting_checkin). */
function signature(s: Pick<RoomStatePayload, 'status' | 'current' | 'next'>): string {
  return `${s.status}|${s.current?.bookingId ?? ''}|${s.current?.checkedIn ?? ''}|${s.next?.bookingId ?? ''}`;
}

/**
 * Republishes rooms whose state changed with the passage of time only, or all
 * rooms when `all` (contract §2: at least once a minute).
 */
export async function refreshRoomStates(deps: AppDeps, all: boolean): Promise<number> {
  const now = deps.clock.now();
  let published = 0;
  for (const room of await deps.store.rooms.list()) {
    if (!all) {
      const bookings = await deps.store.bookings.activeForRoom(room.id, now, 3);
      const s = deriveRoomState(room, bookings.map(toActive), now, deps.policy);
      const sig = signature({
        status: s.status,
        current: s.current ? { bookingId: s.current.id, checkedIn: s.current.checkedIn } as RoomStatePayload['current'] : null,
        next: s.next ? ({ bookingId: s.next.id } as RoomStatePayload['next']) : null,
      });
      if (deps.roomSignatures.get(room.id) === sig) continue;
    }
    await refreshRoomState(deps, room.id, room);
    published++;
  }
  return published;
}
