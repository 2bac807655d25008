/** Running async work one at a time: in all (SerialGate) or per key (KeyedQueue). */

export class KeyedQueue {
  private readonly tails = new Map<string, Promise<unknown>>();

  /** Runs `work` after every earlier work of the same key has settled. */
  run<T>(key: string, work: () => Promise<T>): Promise<T> {
    const prev = this.tails.get(key);
    const next = prev ? prev.then(work, work) : work();
    this.track(key, next);
    return next;
  }

  /**
   * Like `run`, but when nothing of the key is queued `work` runs at once, and
   * a result that is not a promise comes back as it is: no tick lost on a hot path.
   */
  runNow<T>(key: string, work: () => T | Promise<T>): T | Promise<T> {
    if (this.tails.has(key)) return this.run(key, async () => work());
    const r = work();
    if (r instanceof Promise) this.track(key, r);
    return r;
  }

  private track(key: string, next: Promise<unknown>): void {
    const tail = next.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
  }

  get size(): number {
    return this.tails.size;
  }

  /** Resolves when no work is queued or running. */
  async idle(): Promise<void> {
    while (this.tails.size > 0) await Promise.all([...this.tails.values()]);
  }
}

export class SerialGate {
  private readonly queue = new KeyedQueue();
  run<T>(work: () => Promise<T>): Promise<T> {
    return this.queue.run('', work);
  }
}
