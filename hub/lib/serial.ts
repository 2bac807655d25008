/** Running async work one at a time: in all (SerialGate) or per key (KeyedQueue). */

export class KeyedQueue {
  private readonly tails = new Map<string, Promise<unknown>>();

  /** Runs `work` after every earlier work of the same key has settled. */
  run<T>(key: string, work: () => Promise<T>): Promise<T> {
    const prev = this.tails.get(key);
    const next = prev ? prev.then(work, work) : work();
    const tail = next.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return next;
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
