/** Domain enums shared by hub, panel and simulator (contract §2, §3). */
export const DEVICE_KINDS = ['panel', 'reader', 'sensor'] as const;
export const DEVICE_STATES = ['online', 'offline', 'lost'] as const;
export const ROOM_STATUSES = ['free', 'reserved', 'awaiting_checkin', 'in_use', 'closed', 'out_of_service'] as const;
/** R15: `pending_approval` waits for the administration office (after hours); `rejected` was refused or not approved in time. */
export const BOOKING_STATUSES = ['confirmed', 'checked_in', 'completed', 'released', 'cancelled', 'pending_approval', 'rejected'] as const;
/** Statuses that hold the room (and its people, M1): the database refuses two of these that overlap. */
export const ACTIVE_BOOKING_STATUSES = ['confirmed', 'checked_in', 'pending_approval'] as const;
export const BOOKING_TYPES = ['regular', 'adhoc'] as const; // G1
export const ATTENDANCE_STATUSES = ['expected', 'on_time', 'late', 'absent'] as const; // G3, M4
export const CHECK_IN_EVIDENCE = ['badge', 'panel', 'presence', 'admin'] as const;
export const USER_ROLES = ['admin', 'member'] as const;
export const PANEL_ACTIONS = ['book_now', 'check_in', 'extend', 'end', 'report_fault', 'time'] as const;
export const ERROR_CODES = [
  'conflict',
  /** The booking's status does not allow it (cancelled twice, ending a meeting not started). */
  'invalid_state',
  'outside_opening_hours',
  'over_capacity',
  'not_allowed',
  'invalid',
  'not_found',
  'unauthorized',
  'rate_limited',
  'too_large',
  /** Nothing happened within the time asked for (a badge enrolment nobody tapped). */
  'timeout',
  /** M1: a host or attendee already has a meeting at that time. */
  'attendee_busy',
  /** A transient refusal (the database is busy or away): try again. */
  'unavailable',
  'internal',
] as const;

export type DeviceKindName = (typeof DEVICE_KINDS)[number];
export type DeviceState = (typeof DEVICE_STATES)[number];
export type RoomStatus = (typeof ROOM_STATUSES)[number];
export type BookingStatus = (typeof BOOKING_STATUSES)[number];
export type BookingType = (typeof BOOKING_TYPES)[number];
export type AttendanceStatus = (typeof ATTENDANCE_STATUSES)[number];
export type CheckInEvidence = (typeof CHECK_IN_EVIDENCE)[number];
export type UserRole = (typeof USER_ROLES)[number];
export type PanelAction = (typeof PANEL_ACTIONS)[number];
export type ErrorCode = (typeof ERROR_CODES)[number];
