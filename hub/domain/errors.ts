/**
 * The one error hierarchy. Each error carries the contract's error `code`;
 * `hub/error-model.ts` maps codes to HTTP status codes and MQTT responses in
 * one place. Anything thrown that is not a DomainError is a fault of the hub
 * (logged with its cause, counted, answered as `internal`).
 */
import type { ErrorCode } from '../../shared/enums.js';

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = new.target.name;
  }
}
export class ConflictError extends DomainError {
  constructor(message = 'the room is already booked for part of that time', details?: unknown) {
    super('conflict', message, details);
  }
}
/** M1: a person cannot be in two meetings at once. */
export class AttendeeBusyError extends DomainError {
  constructor(users: { id: string; name: string; bookingId: string }[]) {
    super('attendee_busy', `already in a meeting at that time: ${users.map((u) => u.name).join(', ')}`, { users });
  }
}
/** A unique key (id, username, badge, idempotency key) already exists. */
export class DuplicateError extends ConflictError {
  constructor(message = 'already exists', details?: unknown) {
    super(message, details);
  }
}
/** The booking's life cycle does not allow the action now (contract §3: cancelling twice is 409). */
export class StateConflictError extends DomainError {
  constructor(message: string, details?: unknown) {
    super('invalid_state', message, details);
  }
}
export class OutsideOpeningHoursError extends DomainError {
  constructor(message = 'the room is closed at that time; use outside opening hours needs approval') {
    super('outside_opening_hours', message);
  }
}
export class OverCapacityError extends DomainError {
  constructor(headcount: number, capacity: number) {
    super('over_capacity', `headcount ${headcount} exceeds the room's capacity of ${capacity}`, {
      headcount,
      capacity,
    });
  }
}
export class NotAllowedError extends DomainError {
  constructor(message: string) {
    super('not_allowed', message);
  }
}
export class NotFoundError extends DomainError {
  constructor(what: string, id: string) {
    super('not_found', `${what} ${id} not found`);
  }
}
export class InvalidError extends DomainError {
  constructor(message: string, details?: unknown) {
    super('invalid', message, details);
  }
}
export class UnauthorizedError extends DomainError {
  constructor(message = 'wrong username or password') {
    super('unauthorized', message);
  }
}
export class RateLimitedError extends DomainError {
  constructor(
    message: string,
    /** Seconds until a retry can succeed (HTTP Retry-After). */
    readonly retryAfterS: number,
  ) {
    super('rate_limited', message, { retryAfter: retryAfterS });
  }
}
/** Transient: the database is busy or unreachable. Safe to retry. */
export class UnavailableError extends DomainError {
  constructor(message = 'the hub is busy; try again', details?: unknown) {
    super('unavailable', message, details);
  }
}
export class TimeoutError extends DomainError {
  constructor(message: string) {
    super('timeout', message);
  }
}
/** More than the hub takes (a file, a meeting's materials). */
export class TooLargeError extends DomainError {
  constructor(message: string) {
    super('too_large', message);
  }
}
