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
  private readonly realStart = Date.now();
  constructor(
    private readonly start: number,
    readonly speed: number,
  ) {}
  now(): number {
    return Math.floor(this.start + (Date.now() - this.realStart) * this.speed);
  }
  /** Real milliseconds until the simulated clock reaches `at`. */
  realDelayUntil(at: number): number {
    return Math.max(0, (at - this.now()) / this.speed);
  }
}
