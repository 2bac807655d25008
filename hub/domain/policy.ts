/**
 * The configurable policy durations (G6: rules are configuration, not code).
 * Defaults follow contract §4 and policy M4.
 */
import type { MinutesPolicy } from './meetings/minutes.js';

export interface CheckInPolicy extends MinutesPolicy {
  /** M4: sign-in opens 10 minutes before the start. */
  checkInOpensMs: number;
  /** A booking with no check-in this long after its start is released. */
  noShowGraceMs: number;
  /** Sustained presence this long inside the window checks the meeting in. */
  presenceToCheckInMs: number;
  /** A checked-in room empty this long ends the meeting early ("ghost meeting"). */
  emptyRoomReleaseMs: number;
  /** A free room whose next booking starts within this horizon shows `reserved`. */
  reservedHorizonMs: number;
  /** M2: notice goes out 3 days ahead; later bookings are flagged short-notice. */
  noticeMs: number;
  /** M3: materials reach attendees this long before the start (1 day). */
  materialsLeadMs: number;
  /** C10: minutes are kept this long after the meeting (3 years), then disposed of. */
  minutesRetentionMs: number;
}

const MINUTE = 60_000;
export const DEFAULT_POLICY: CheckInPolicy = {
  checkInOpensMs: 10 * MINUTE,
  noShowGraceMs: 10 * MINUTE,
  presenceToCheckInMs: 2 * MINUTE,
  emptyRoomReleaseMs: 15 * MINUTE,
  reservedHorizonMs: 30 * MINUTE,
  noticeMs: 3 * 24 * 60 * MINUTE,
  minutesDraftMs: 24 * 60 * MINUTE,
  minutesDistributeMs: 48 * 60 * MINUTE,
  minutesReminderLeadMs: 4 * 60 * MINUTE,
  materialsLeadMs: 24 * 60 * MINUTE,
  minutesRetentionMs: 3 * 365.25 * 24 * 60 * MINUTE, // as `3y` reads
};
