/**
 * The one place that turns any thrown value into what a client is told: the
 * HTTP status and JSON body (contract §3) and the MQTT panel response
 * (contract §2). Domain errors are expected answers; everything else is a
 * fault of the hub: the caller logs it with its cause and counts it, and the
 * client only ever sees `internal` (never a stack trace).
 */
import type { ErrorCode } from '../shared/enums.js';
import { DomainError, RateLimitedError } from './domain/errors.js';

export const HTTP_STATUS_BY_CODE: Record<ErrorCode, number> = {
  conflict: 409,
  invalid_state: 409,
  outside_opening_hours: 422,
  over_capacity: 422,
  not_allowed: 403,
  invalid: 422,
  not_found: 404,
  unauthorized: 401,
  rate_limited: 429,
  too_large: 413,
  timeout: 408,
  attendee_busy: 409,
  unavailable: 503,
  internal: 500,
};

export interface ClassifiedError {
  code: ErrorCode;
  status: number;
  message: string;
  details?: unknown;
  retryAfterS?: number;
  /** False for a fault of the hub: log it with its cause and count it. */
  expected: boolean;
}

export function classifyError(err: unknown): ClassifiedError {
  if (err instanceof DomainError) {
    return {
      code: err.code,
      status: HTTP_STATUS_BY_CODE[err.code],
      message: err.message,
      ...(err.details !== undefined ? { details: err.details } : {}),
      ...(err instanceof RateLimitedError ? { retryAfterS: err.retryAfterS } : {}),
      expected: err.code !== 'unavailable' && err.code !== 'internal',
    };
  }
  return { code: 'internal', status: 500, message: 'internal error', expected: false };
}

/** The error part of a panel response (contract §2 `{id, ok:false, error:{code, message}}`). */
export function toPanelError(err: unknown): { code: ErrorCode; message: string } {
  const c = classifyError(err);
  return { code: c.code, message: c.message };
}
