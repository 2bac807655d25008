/**
 * The booking / check-in state machine of contract §4 as one pure function:
 * `transition(booking, event, now, policy)`. No I/O and no clock: time comes in.
 *
 *   confirmed --check-in evidence in window--> checked_in --end / natural end / empty room--> completed
 *   confirmed --no check-in by start+grace---> released (no-show)
 *   confirmed --cancel-----------------------> cancelled
 */
import type { BookingStatus, CheckInEvidence } from '../../shared/enums.js';
import { type DomainError, NotAllowedError, StateConflictError } from './errors.js';
import type { CheckInPolicy } from './policy.js';

export interface LifecycleView {
  status: BookingStatus;
  start: number;
  end: number;
  checkedInAt: number | null;
  lastTapAt: number | null;
}

/** What the room's occupancy sensor has said, for the ghost-meeting rule. */
export interface RoomOccupancy {
  /**
   * Until when the room's sensors speak for it (contract §2: last heard +
   * HUB_DEVICE_STALE); null when it has no sensor that speaks for it at all.
   */
  sensorFreshUntil: number | null;
  /** When the room last became empty; null while someone is present or nothing is known. */
  absentSince: number | null;
}

/**
 * `at` on check-in evidence is when it happened (a queued badge tap, presence that
 * became sustained before a sweep looked): the window is judged at that time.
 */
export type LifecycleEvent =
  | { type: 'check_in'; evidence: CheckInEvidence; at?: number }
  | { type: 'tap'; at?: number }
  | { type: 'tick'; occupancy: RoomOccupancy }
  | { type: 'end' }
  | { type: 'cancel' }
  | { type: 'extend'; end: number }
  /** R15: the administration office's answer to an after-hours booking. */
  | { type: 'approve' }
  | { type: 'reject'; note?: string };

export type TransitionEventName = 'checked_in' | 'released' | 'ended' | 'cancelled' | 'extended' | 'tapped' | 'approved' | 'rejected';

export interface BookingPatch {
  status?: BookingStatus;
  start?: number;
  end?: number;
  checkedInAt?: number;
  checkInEvidence?: CheckInEvidence;
  lastTapAt?: number;
}

export type Transition =
  | { kind: 'none' }
  | { kind: 'refused'; error: DomainError }
  | { kind: 'change'; from: BookingStatus; patch: BookingPatch; event: TransitionEventName; reason?: string };

export function checkInWindow(b: Pick<LifecycleView, 'start'>, policy: CheckInPolicy) {
  // M4: sign-in opens before the start; contract §4: released after the grace period.
  return { opens: b.start - policy.checkInOpensMs, closes: b.start + policy.noShowGraceMs };
}

const NONE: Transition = { kind: 'none' };
/** Not now: the check-in window is a matter of time (M4), answered 403. */
const refuse = (message: string): Transition => ({ kind: 'refused', error: new NotAllowedError(message) });
/** Not in this state: the booking's status does not allow it (contract §3: cancelling twice is 409). */
const stateRefuse = (message: string): Transition => ({ kind: 'refused', error: new StateConflictError(message) });

export function transition(b: LifecycleView, event: LifecycleEvent, now: number, policy: CheckInPolicy): Transition {
  const change = (patch: BookingPatch, name: TransitionEventName, reason?: string): Transition => ({
    kind: 'change',
    from: b.status,
    patch,
    event: name,
    reason,
  });
  const { opens, closes } = checkInWindow(b, policy);

  if (b.status === 'confirmed') {
    switch (event.type) {
      case 'check_in':
      case 'tap': {
        const at = Math.min(event.at ?? now, now);
        if (at < opens) return refuse('check-in has not opened yet (it opens shortly before the start)');
        if (at >= closes || at >= b.end) return refuse('the check-in window has closed');
        return change(
          {
            status: 'checked_in',
            checkedInAt: now,
            checkInEvidence: event.type === 'tap' ? 'badge' : event.evidence,
            ...(event.type === 'tap' ? { lastTapAt: now } : {}),
          },
          'checked_in',
        );
      }
      case 'tick':
        return now >= Math.min(closes, b.end) ? change({ status: 'released' }, 'released', 'no_show') : NONE;
      case 'end':
        // Ending a meeting nobody checked in to gives the room back at once.
        return now >= opens ? change({ status: 'released' }, 'released', 'ended_unused') : stateRefuse('the meeting has not started');
      case 'cancel':
        return now < b.end ? change({ status: 'cancelled' }, 'cancelled') : stateRefuse('the meeting is over');
      case 'extend':
        return extend(b, event.end, now, change);
      case 'approve':
      case 'reject':
        return stateRefuse('the booking needs no approval');
    }
  }

  if (b.status === 'pending_approval') {
    switch (event.type) {
      case 'approve':
        return now < b.end ? change({ status: 'confirmed' }, 'approved') : stateRefuse('the meeting is over');
      case 'reject':
        return change({ status: 'rejected' }, 'rejected', 'rejected');
      case 'cancel':
        return change({ status: 'cancelled' }, 'cancelled');
      // R15: approved before use, or not at all: unanswered at its start, it gives the slot back.
      case 'tick':
        return now >= b.start ? change({ status: 'rejected' }, 'rejected', 'not_approved_in_time') : NONE;
      case 'tap':
        return NONE;
      default:
        return stateRefuse('the booking is waiting for approval');
    }
  }

  if (b.status === 'checked_in') {
    switch (event.type) {
      case 'check_in':
        return NONE;
      case 'tap':
        return change({ lastTapAt: now }, 'tapped');
      case 'tick': {
        if (now >= b.end) return change({ status: 'completed' }, 'ended', 'finished');
        const emptyFor = emptyDuration(b, event.occupancy, now);
        return emptyFor >= policy.emptyRoomReleaseMs
          ? change({ status: 'completed', end: now }, 'ended', 'room_empty')
          : NONE;
      }
      case 'end':
        return change({ status: 'completed', ...endedAt(b, now) }, 'ended', 'ended_early');
      case 'cancel':
        return stateRefuse('the meeting is in progress; end it instead');
      case 'extend':
        return extend(b, event.end, now, change);
      case 'approve':
      case 'reject':
        return stateRefuse('the booking needs no approval');
    }
  }

  return event.type === 'tick' || event.type === 'tap' ? NONE : stateRefuse(`the booking is ${b.status}`);
}

/**
 * The times a meeting ended at `now` keeps: it ran until now. One checked in
 * early (M4) and ended before its scheduled start ran from its check-in to
 * now, and its record says so (a booking always ends after it starts).
 */
function endedAt(b: LifecycleView, now: number): { start?: number; end: number } {
  const end = Math.min(now, b.end);
  if (end > b.start) return { end };
  const start = Math.min(b.checkedInAt ?? now, now);
  return { start, end: Math.max(now, start + 1) };
}

function extend(
  b: LifecycleView,
  end: number,
  now: number,
  change: (patch: BookingPatch, name: TransitionEventName) => Transition,
): Transition {
  if (now >= b.end) return stateRefuse('the meeting is over');
  if (end <= b.end) return refuse('the new end must be later than the current end');
  return change({ end }, 'extended');
}

/**
 * How long a checked-in room has been empty with no badge tap since (contract §4).
 * A room without an occupancy sensor is never released this way, and a sensor
 * that went silent vouches for the emptiness only until it went stale (§2).
 */
export function emptyDuration(b: LifecycleView, occ: RoomOccupancy, now: number): number {
  if (occ.sensorFreshUntil === null || occ.absentSince === null) return 0;
  const since = Math.max(occ.absentSince, b.lastTapAt ?? 0, b.checkedInAt ?? 0);
  return Math.max(0, Math.min(now, occ.sensorFreshUntil) - since);
}

/**
 * When sustained presence became check-in evidence: presence must last
 * `presenceToCheckIn` inside the window. Returns that moment once it has come
 * by `now`, even if `now` is past the window (a hub that was down, or a sweep
 * that looks a little late, still honours presence that met the rule in time).
 */
export function presenceEvidenceTime(
  b: LifecycleView,
  presentSince: number | null,
  now: number,
  policy: CheckInPolicy,
): number | null {
  if (b.status !== 'confirmed' || presentSince === null) return null;
  const { opens, closes } = checkInWindow(b, policy);
  const sustainedAt = Math.max(presentSince, opens) + policy.presenceToCheckInMs;
  return sustainedAt <= now && sustainedAt < Math.min(closes, b.end) ? sustainedAt : null;
}

/** G3, M4: a first tap before the start is on time; after it, late. */
export function signInStatus(start: number, tapAt: number): 'on_time' | 'late' {
  return tapAt <= start ? 'on_time' : 'late';
}
