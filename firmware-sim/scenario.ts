/**
 * A scenario is a list of steps at simulated clock times; the runner waits
 * (in real time, scaled by the clock's speed) until each is due, then runs it.
 */
import type { Clock } from '../hub/app/ports.js';

export interface Step {
  /** Simulated time at which the step runs (epoch ms). */
  at: number;
  run(): Promise<void>;
}

export interface ScenarioRun {
  done: Promise<void>;
  stop(): void;
}

export function runScenario(clock: Clock, steps: Step[], onError: (err: unknown) => void): ScenarioRun {
  let stopped = false;
  const done = (async () => {
    for (const step of [...steps].sort((a, b) => a.at - b.at)) {
      while (!stopped && clock.now() < step.at) await new Promise((r) => setTimeout(r, 50));
      if (stopped) return;
      try {
        await step.run();
      } catch (err) {
        onError(err);
      }
    }
  })();
  return { done, stop: () => (stopped = true) };
}
