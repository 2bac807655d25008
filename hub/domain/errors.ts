/**
 * Typed domain errors. Each carries the contract's error `code`; the HTTP
 * and MQTT adapters map codes to status codes in one place each.
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
export class OutsideOpeningHoursError extends DomainError {
  constructor(message = 'the room is closed at that time (R14); after-hours use needs approval (R15)') {
    super('outside_opening_hours', message);
  }
}
export class OverCapacityError extends DomainError {
  constructor(headcount: number, capacity: number) {
    super('over_capacity', `headcount ${headcount} exceeds the room's capacity of ${capacity} (R3)`, {
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
