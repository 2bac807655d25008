import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** Re-renders its host every `intervalMs` while connected (countdowns, ages). */
export class Ticker implements ReactiveController {
  private timer: ReturnType<typeof setInterval> | null = null;
  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly intervalMs = 1000,
  ) {
    host.addController(this);
  }
  hostConnected() {
    this.timer = setInterval(() => this.host.requestUpdate(), this.intervalMs);
  }
  hostDisconnected() {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
