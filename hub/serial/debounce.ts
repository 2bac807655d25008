/**
 * A card held on a reader is read again and again (the PN532 is polled, an
 * RDM6300 repeats its frame): one tap per presentation, not one per read.
 * A UID counts as a new tap only when it was last seen longer than `windowMs`
 * ago. Pure: time is passed in (a monotonic clock in the bridge).
 */
export class TapDebouncer {
  private readonly lastSeen = new Map<string, number>();

  constructor(readonly windowMs: number) {}

  /** Records a read of `uid` at `now`; true when it is a new tap. */
  accept(uid: string, now: number): boolean {
    const last = this.lastSeen.get(uid);
    this.lastSeen.set(uid, now);
    this.prune(now);
    return last === undefined || now - last > this.windowMs;
  }

  /** Cards seen within the window: bounded by how many cards a person can hold up in that time. */
  get size(): number {
    return this.lastSeen.size;
  }

  private prune(now: number): void {
    for (const [uid, at] of this.lastSeen) if (now - at > this.windowMs) this.lastSeen.delete(uid);
  }
}
