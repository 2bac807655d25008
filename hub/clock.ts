import type { Clock } from './app/ports.js';

export const systemClock: Clock = { now: () => Date.now() };

/** A clock that moves only when told: tests and scenario runs use it instead of sleeping. */
export class ManualClock implements Clock {
  constructor(private t: number) {}
  now(): number {
    return this.t;
  }
  set(ms: number | string): void {
    this.t = typeof ms === 'string' ? Date.parse(ms) : ms;
  }
  advance(ms: number): number {
    this.t += ms;
    return this.t;
  }
}

/** A clock that runs `speed` times faster than real time from `start` (the demo's simulated day). */
export class AcceleratedClock implements Clock {
  private realStart = Date.now();
  private held: number | null = null;
  constructor(
    private start: number,
    readonly speed: number,
  ) {}
  now(): number {
    return this.held ?? Math.floor(this.start + (Date.now() - this.realStart) * this.speed);
  }
  /** Stops simulated time (while a demo sets itself up, however long that takes on a busy machine). */
  hold(): void {
    this.held = this.now();
  }
  /** Simulated time goes on from where it was held. */
  resume(): void {
    if (this.held === null) return;
    this.start = this.held;
    this.realStart = Date.now();
    this.held = null;
  }
  /** Real milliseconds until the simulated clock reaches `at`. */
  realDelayUntil(at: number): number {
    return Math.max(0, (at - this.now()) / this.speed);
  }
}
