/**
 * What a room's door panel shows (contract §2 room state), derived from the
 * room and its active bookings at a given time. Pure.
 */
import type { RoomStatus } from '../../shared/enums.js';
import type { OpeningPeriod } from '../../shared/schemas/http.js';
import { checkInWindow } from './lifecycle.js';
import { closingTime } from './opening-hours.js';
import type { CheckInPolicy } from './policy.js';

export interface RoomView {
  timeZone: string;
  openingHours: OpeningPeriod[];
  outOfService: boolean;
}

export interface ActiveBooking {
  id: string;
  title: string;
  private: boolean;
  /** `pending_approval` (R15) holds its slot but is never current: it shows as next, waiting. */
  status: 'confirmed' | 'checked_in' | 'pending_approval';
  start: number;
  end: number;
}

export interface DerivedRoomState {
  status: RoomStatus;
  current: (ActiveBooking & { checkedIn: boolean; checkInDeadline?: number }) | null;
  next: ActiveBooking | null;
  freeUntil: number | null;
}

export function isCurrent(b: ActiveBooking, now: number, policy: CheckInPolicy): boolean {
  if (now >= b.end || b.status === 'pending_approval') return false;
  if (b.status === 'checked_in') return true;
  const { opens, closes } = checkInWindow(b, policy);
  return now >= opens && now < closes;
}

/** `bookings`: the room's confirmed and checked-in bookings that end after `now`. */
export function deriveRoomState(
  room: RoomView,
  bookings: ActiveBooking[],
  now: number,
  policy: CheckInPolicy,
): DerivedRoomState {
  const sorted = [...bookings].filter((b) => b.end > now).sort((a, b) => a.start - b.start);
  const cur = sorted.find((b) => isCurrent(b, now, policy)) ?? null;
  const next = sorted.find((b) => b !== cur && b.start > now) ?? null;

  const current = cur
    ? {
        ...cur,
        checkedIn: cur.status === 'checked_in',
        ...(cur.status === 'confirmed' ? { checkInDeadline: checkInWindow(cur, policy).closes } : {}),
      }
    : null;

  if (room.outOfService) return { status: 'out_of_service', current, next, freeUntil: null };
  if (current) return { status: current.checkedIn ? 'in_use' : 'awaiting_checkin', current, next, freeUntil: null };

  const closesAt = closingTime(room.openingHours, room.timeZone, now);
  if (closesAt === null) return { status: 'closed', current: null, next, freeUntil: null };
  const freeUntil = next ? Math.min(next.start, closesAt) : closesAt;
  const soon = next !== null && next.start - now <= policy.reservedHorizonMs;
  return { status: soon ? 'reserved' : 'free', current: null, next, freeUntil };
}
