import { randomBytes } from 'node:crypto';
import type { CheckInPolicy } from '../domain/policy.js';
import type { PublishedRoomState } from './room-state.js';
import type { Clock, Metrics, Publisher, Store } from './ports.js';

export interface Logger {
  info(obj: object | string, msg?: string): void;
  warn(obj: object | string, msg?: string): void;
  error(obj: object | string, msg?: string): void;
  debug(obj: object | string, msg?: string): void;
}

/** Everything a use case may touch, built once in the composition root. */
export interface AppDeps {
  store: Store;
  clock: Clock;
  publisher: Publisher;
  metrics: Metrics;
  policy: CheckInPolicy;
  /** Zone of rooms that do not name their own (HUB_TIME_ZONE). */
  defaultTimeZone: string;
  log: Logger;
  /** The last state published per room: what time alone may change, and the minute republish. */
  roomStates: Map<string, PublishedRoomState>;
  /** When a presence check-in was last looked for, per room (occupancy itself is on the room). */
  presenceLooks: Map<string, number>;
}

/** Short, URL-safe, sortable-enough ids for bookings, faults and events. */
export function newId(prefix: string): string {
  return `${prefix}_${Date.now().toString(36)}${randomBytes(6).toString('base64url').replace(/[^A-Za-z0-9]/g, 'x')}`;
}

export const iso = (ms: number) => new Date(ms).toISOString();

const MAX_DEVICE_CLOCK_SKEW_MS = 24 * 3_600_000;
/**
 * The time a device says something happened, trusted only when plausible: never
 * in the future, and not older than a day (a queued tap keeps its own time; a
 * device with a broken clock falls back to the hub's).
 */
export function deviceTime(reported: number, now: number): number {
  if (!Number.isFinite(reported) || reported > now || now - reported > MAX_DEVICE_CLOCK_SKEW_MS) return now;
  return reported;
}
