/**
 * What an edit of a booking may change (contract §3 PATCH: title, times,
 * attendees), by the booking's status. Pure: the rules of a new booking
 * (R2, R3, R14, M2) apply again to the edited one.
 */
import type { BookingStatus, BookingType } from '../../shared/enums.js';
import { type RoomRules, checkBooking } from './booking-rules.js';
import { InvalidError, OverCapacityError, StateConflictError } from './errors.js';
import { isWithinOpeningHours } from './opening-hours.js';
import { OutsideOpeningHoursError } from './errors.js';
import type { CheckInPolicy } from './policy.js';

export interface BookingEdit {
  title?: string;
  start?: number;
  end?: number;
  headcount?: number;
  private?: boolean;
}

export interface EditableBooking {
  status: BookingStatus;
  type: BookingType;
  start: number;
  end: number;
  headcount: number;
}

export interface PlannedEdit {
  /** R15: an edit that moves a booking in or out of opening hours changes whether it needs approval. */
  status?: 'confirmed' | 'pending_approval';
  title?: string;
  start?: number;
  end?: number;
  scheduledEnd?: number;
  headcount?: number;
  private?: boolean;
  shortNotice?: boolean;
}

const MAX_BOOKING_MS = 24 * 3_600_000;

export function planEdit(
  b: EditableBooking,
  edit: BookingEdit,
  room: RoomRules,
  now: number,
  policy: CheckInPolicy,
  opts: { mayBookAfterHours: boolean },
): PlannedEdit {
  if (b.status !== 'confirmed' && b.status !== 'checked_in' && b.status !== 'pending_approval') throw new StateConflictError(`the booking is ${b.status}`);
  const start = edit.start ?? b.start;
  const end = edit.end ?? b.end;
  const headcount = edit.headcount ?? b.headcount;
  const out: PlannedEdit = {
    ...(edit.title !== undefined ? { title: edit.title } : {}),
    ...(edit.private !== undefined ? { private: edit.private } : {}),
    ...(edit.headcount !== undefined ? { headcount } : {}),
  };
  const timesChanged = start !== b.start || end !== b.end;
  if (b.status === 'checked_in') {
    // The meeting is running: its start is history; its end may move, not into the past.
    if (start !== b.start) throw new StateConflictError('the meeting has started: its start cannot move');
    if (end <= now) throw new InvalidError('the new end is in the past', { field: 'end' });
    if (end - start > MAX_BOOKING_MS) throw new InvalidError('a booking lasts at most 24 hours', { field: 'end' });
    if (headcount > room.capacity) throw new OverCapacityError(headcount, room.capacity); // R3
    if (!opts.mayBookAfterHours && end > b.end && !isWithinOpeningHours(room.openingHours, room.timeZone, start, end)) {
      throw new OutsideOpeningHoursError(); // R14
    }
    return timesChanged ? { ...out, end, scheduledEnd: end } : out;
  }
  if (timesChanged || edit.headcount !== undefined) {
    const { shortNotice, afterHours } = checkBooking({ start, end, headcount, type: b.type }, room, now, policy);
    if (timesChanged) {
      Object.assign(out, { start, end, scheduledEnd: end, shortNotice });
      // R15: moved outside opening hours it waits for approval again (an admin's is approved at once);
      // moved back inside, it needs none.
      const status = afterHours && !opts.mayBookAfterHours ? 'pending_approval' : 'confirmed';
      if (status !== b.status) out.status = status;
    }
  }
  return out;
}
