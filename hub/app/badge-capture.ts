/**
 * Enrolling a badge by tapping it (issue 9): the administration office picks
 * a reader and waits; the next card nobody holds that is tapped on that
 * reader is the new badge. Unknown cards are otherwise ignored, as before.
 */
import { NotFoundError, StateConflictError, TimeoutError } from '../domain/errors.js';
import { type Actor, requireAdmin } from './actor.js';
import type { AppDeps } from './deps.js';

export interface CapturedBadge {
  uid: string;
  at: number;
}

export class BadgeCaptures {
  private readonly waiting = new Map<string, Set<(b: CapturedBadge) => void>>();

  /** Waits for the next unknown card on the reader; null when the time runs out or `signal` aborts. */
  wait(readerId: string, timeoutMs: number, signal?: AbortSignal): Promise<CapturedBadge | null> {
    return new Promise((resolve) => {
      const set = this.waiting.get(readerId) ?? new Set();
      this.waiting.set(readerId, set);
      const done = (b: CapturedBadge | null) => {
        clearTimeout(timer);
        set.delete(take);
        if (set.size === 0) this.waiting.delete(readerId);
        resolve(b);
      };
      const take = (b: CapturedBadge) => done(b);
      const timer = setTimeout(() => done(null), timeoutMs);
      signal?.addEventListener('abort', () => done(null), { once: true });
      set.add(take);
    });
  }

  /** An unknown card was tapped on the reader: every enrolment waiting on it gets it. */
  offer(readerId: string, badge: CapturedBadge): boolean {
    const set = this.waiting.get(readerId);
    if (!set?.size) return false;
    for (const take of [...set]) take(badge);
    return true;
  }
}

export async function captureBadge(deps: AppDeps, readerId: string, timeoutMs: number, actor: Actor, signal?: AbortSignal): Promise<CapturedBadge> {
  requireAdmin(actor);
  const device = await deps.reads.devices.get(readerId);
  if (!device) throw new NotFoundError('device', readerId);
  if (device.revokedAt !== null) throw new StateConflictError('the device is revoked');
  if (device.kind === 'sensor') throw new StateConflictError('a sensor reads no badges; pick a reader or a panel');
  const badge = await deps.badgeCaptures.wait(readerId, timeoutMs, signal);
  if (!badge) throw new TimeoutError(`no unknown card was tapped on ${readerId} in time`);
  return badge;
}
