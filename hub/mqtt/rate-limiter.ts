/**
 * A token bucket per device (contract §9: a per-device message rate). A
 * device within its rate passes at once; beyond it each message waits for
 * its token, so a flooding device is slowed (its connection stops being read,
 * TCP pushes back) and the others, and the API, are not.
 */
export class DeviceRateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    /** Messages per second, sustained. */
    private readonly rate: number,
    /** Messages allowed at once after a quiet spell. */
    private readonly burst: number,
  ) {}

  /** Takes a token for one message: returns how many milliseconds it must wait for it (0: go). */
  take(deviceId: string, now: number): number {
    let b = this.buckets.get(deviceId);
    if (!b) this.buckets.set(deviceId, (b = { tokens: this.burst, at: now }));
    b.tokens = Math.min(this.burst, b.tokens + ((now - b.at) / 1000) * this.rate);
    b.at = now;
    b.tokens -= 1;
    if (this.buckets.size > 50_000) this.sweep(now);
    return b.tokens >= 0 ? 0 : Math.ceil((-b.tokens / this.rate) * 1000);
  }

  /** Full buckets carry no information: forget them. */
  private sweep(now: number): void {
    for (const [id, b] of this.buckets) {
      if (b.tokens + ((now - b.at) / 1000) * this.rate >= this.burst) this.buckets.delete(id);
    }
  }
}
