/**
 * Rules a new or changed booking must pass before it is stored (R2, R3, R14, M2).
 * Overlap is not checked here: the database refuses it atomically.
 */
import type { OpeningPeriod } from '../../shared/schemas/http.js';
import type { BookingType } from '../../shared/enums.js';
import { InvalidError, OverCapacityError } from './errors.js';
import { isWithinOpeningHours } from './opening-hours.js';
import type { CheckInPolicy } from './policy.js';

export interface RoomRules {
  capacity: number;
  timeZone: string;
  openingHours: OpeningPeriod[];
  outOfService: boolean;
}

export interface BookingDraft {
  start: number;
  end: number;
  headcount: number;
  type: BookingType;
}

const MAX_BOOKING_MS = 24 * 3_600_000;
/** Clock skew allowed for a booking that starts "now" (walk-up from a panel). */
const PAST_TOLERANCE_MS = 60_000;

export interface BookingCheck {
  /** M2: a meeting booked less than the notice period ahead is flagged. */
  shortNotice: boolean;
  /** R14/R15: outside the room's opening hours: it needs the administration office's approval. */
  afterHours: boolean;
}

export function checkBooking(
  draft: BookingDraft,
  room: RoomRules,
  now: number,
  policy: CheckInPolicy,
): BookingCheck {
  if (draft.end <= draft.start) throw new InvalidError('end must be after start', { field: 'end', reason: 'end_before_start' });
  if (draft.end - draft.start > MAX_BOOKING_MS) throw new InvalidError('a booking lasts at most 24 hours', { field: 'end', reason: 'too_long' });
  if (draft.end <= now) throw new InvalidError('the booking is in the past', { field: 'end', reason: 'in_past' });
  if (draft.start < now - PAST_TOLERANCE_MS) throw new InvalidError('the booking starts in the past', { field: 'start', reason: 'in_past' });
  if (room.outOfService) throw new InvalidError('the room is out of service', { reason: 'out_of_service' });
  // R3: the room must fit the meeting.
  if (draft.headcount > room.capacity) throw new OverCapacityError(draft.headcount, room.capacity);
  return {
    shortNotice: draft.start - now < policy.noticeMs,
    afterHours: !isWithinOpeningHours(room.openingHours, room.timeZone, draft.start, draft.end),
  };
}
