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
