import { randomBytes } from 'node:crypto';
import type { CheckInPolicy } from '../domain/policy.js';
import type { BadgeCaptures } from './badge-capture.js';
import type { DeviceActivity } from './device-activity.js';
import type { EventBus } from './event-bus.js';
import type { PresenceLooks } from './handle-occupancy.js';
import type { Clock, Metrics, Store, Transactions } from './ports.js';
import type { RoomStateBoard } from './room-state.js';

export interface Logger {
  info(obj: object | string, msg?: string): void;
  warn(obj: object | string, msg?: string): void;
  error(obj: object | string, msg?: string): void;
  debug(obj: object | string, msg?: string): void;
}

/** The store's read methods: what may be called outside a unit of work. */
interface ReadMethods {
  users: 'byId' | 'byUsername' | 'byBadge' | 'list' | 'count';
  sessions: 'userFor';
  rooms: 'get' | 'list';
  devices: 'get' | 'list' | 'sensorsLastHeard';
  integrations: 'get' | 'list';
  bookings: 'get' | 'byIdempotencyKey' | 'list' | 'activeForRoom' | 'upcoming' | 'activeBetween' | 'dueForSweep' | 'ofSeries' | 'overlapping' | 'busy';
  series: 'get';
  feeds: 'of' | 'byToken';
  attendance: 'list';
  faults: 'get' | 'list';
  inspections: 'plan' | 'plans' | 'list' | 'latest' | 'lastResults';
  events: 'list';
  notifications: 'due' | 'list';
  meetings: 'get';
  actions: 'get' | 'list';
  minutes: 'get' | 'pending' | 'confirmations';
  materials: 'list';
}
/** Reads outside any unit of work, each call on its own (routes, fast paths, tests). */
export type Reads = { [K in keyof ReadMethods]: Pick<Store[K], ReadMethods[K] & keyof Store[K]> };

/** Everything a use case may touch, built once in the composition root. */
export interface AppDeps {
  /** Units of work: every use case's writes run in one transaction. */
  tx: Transactions;
  /** Plain reads, each call by itself. Never call these inside a unit of work: use its store. */
  reads: Reads;
  clock: Clock;
  bus: EventBus;
  /** Counts of what is not a domain event (refusals); the rest is counted from the bus. */
  metrics: Metrics;
  policy: CheckInPolicy;
  /** Zone of rooms that do not name their own (HUB_TIME_ZONE). */
  defaultTimeZone: string;
  log: Logger;
  /** The room states last published: what time alone may change, and the minute republish. */
  roomStates: RoomStateBoard;
  /** When each device was last heard from (contract §2 HUB_DEVICE_STALE). */
  activity: DeviceActivity;
  /** When a presence check-in was last looked for, per room. */
  presenceLooks: PresenceLooks;
  /** HUB_DEVICE_STALE: a device silent this long no longer speaks for its room. */
  deviceStaleMs: number;
  /** Badge enrolments waiting for a card (issue 9). */
  badgeCaptures: BadgeCaptures;
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
