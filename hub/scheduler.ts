/**
 * Drives the time-based work: the due-release sweep and room-state refresh
 * every `sweepIntervalMs`, and a full republish every `republishIntervalMs`.
 * One run at a time; a failing run is logged and the next one still comes.
 */
import type { AppDeps } from './app/deps.js';
import { refreshRoomStates } from './app/room-state.js';
import { sweep } from './app/sweep.js';

export class Scheduler {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private lastFullRepublish = 0;

  constructor(
    private readonly deps: AppDeps,
    private readonly sweepIntervalMs: number,
    private readonly republishIntervalMs: number,
  ) {}

  start() {
    this.timer = setInterval(() => void this.tick(), this.sweepIntervalMs);
    this.timer.unref();
  }

  /** One pass: due transitions first, then any room whose state moved with time. */
  tick(): Promise<void> {
    if (this.running) return this.running;
    this.running = (async () => {
      try {
        await sweep(this.deps);
        const now = this.deps.clock.now();
        const all = now - this.lastFullRepublish >= this.republishIntervalMs;
        await refreshRoomStates(this.deps, all);
        if (all) this.lastFullRepublish = now;
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
