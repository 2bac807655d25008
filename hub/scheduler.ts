/**
 * Drives the time-based work every `sweepIntervalMs`: due releases and ghost
 * meetings, rooms whose state moved with time, and the spread-out republish
 * that keeps every room's state at most `republishIntervalMs` old.
 * One pass at a time; a failing pass is logged and the next one still comes.
 */
import type { AppDeps } from './app/deps.js';
import { refreshTimeDrivenStates, republishStaleStates } from './app/room-state.js';
import { sweep } from './app/sweep.js';

/** Device message ids are kept this long for idempotency: a reader bridge queues taps up to a day. */
const PROCESSED_RETENTION_MS = 2 * 86_400_000;
const PRUNE_EVERY_MS = 3_600_000;

export class Scheduler {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private lastPrune = 0;

  constructor(
    private readonly deps: AppDeps,
    private readonly sweepIntervalMs: number,
    private readonly republishIntervalMs: number,
  ) {}

  start() {
    this.timer = setInterval(() => void this.tick(), this.sweepIntervalMs);
    this.timer.unref();
  }

  tick(): Promise<void> {
    if (this.running) return this.running;
    this.running = (async () => {
      try {
        await sweep(this.deps);
        await refreshTimeDrivenStates(this.deps);
        // Each pass resends the oldest share, so all rooms stay within the interval.
        const rooms = this.deps.roomStates.size;
        const share = Math.ceil((rooms * this.sweepIntervalMs) / this.republishIntervalMs) + 1;
        await republishStaleStates(this.deps, Math.max(0, this.republishIntervalMs - this.sweepIntervalMs), share);
        const now = this.deps.clock.now();
        if (now - this.lastPrune >= PRUNE_EVERY_MS) {
          this.lastPrune = now;
          await this.deps.store.processed.prune(now - PROCESSED_RETENTION_MS);
        }
      } catch (err) {
        this.deps.log.error({ err }, 'scheduler pass failed');
      } finally {
        this.running = null;
      }
    })();
    return this.running;
  }

  async stop() {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }
}
