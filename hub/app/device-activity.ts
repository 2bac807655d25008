/**
 * When each device was last heard from, and whether it said it is gone
 * (contract §2): a device speaks for its room while it has sent anything
 * within HUB_DEVICE_STALE and has not said `offline` or `lost`; a clean
 * disconnect alone changes nothing. Kept in memory for the hot path and
 * written to the database in batches (`lastSeenAt`), so the sweep (and a
 * restarted hub) judges staleness from there.
 */
export class DeviceActivity {
  private readonly heardAt = new Map<string, number>();
  private readonly dirty = new Set<string>();
  private readonly connections = new Map<string, number>();
  /** Devices whose last word was `offline` or `lost` (or that were revoked). */
  private readonly silenced = new Set<string>();

  heard(deviceId: string, at: number): void {
    this.heardAt.set(deviceId, at);
    this.dirty.add(deviceId);
  }

  connected(deviceId: string, status: string): void {
    this.connections.set(deviceId, (this.connections.get(deviceId) ?? 0) + 1);
    this.setStatus(deviceId, status);
  }

  disconnected(deviceId: string): void {
    const n = (this.connections.get(deviceId) ?? 1) - 1;
    if (n > 0) this.connections.set(deviceId, n);
    else this.connections.delete(deviceId);
  }

  isConnected(deviceId: string): boolean {
    return this.connections.has(deviceId);
  }

  setStatus(deviceId: string, status: string): void {
    if (status === 'offline' || status === 'lost' || status === 'revoked') this.silenced.add(deviceId);
    else this.silenced.delete(deviceId);
  }

  /** It said offline or lost: a new message from it means it is back. */
  isSilenced(deviceId: string): boolean {
    return this.silenced.has(deviceId);
  }

  /**
   * What to write as `lastSeenAt`, grouped by time: each device heard since
   * the last flush at when it was heard (to 10 s, rounded down: a device is
   * never made to look fresher than it is), and every device connected to
   * this hub at `now` (a connection is a sign of life too).
   */
  takeSeen(now: number): Map<number, string[]> {
    const groups = new Map<number, string[]>();
    const add = (at: number, id: string) => {
      const list = groups.get(at) ?? [];
      list.push(id);
      groups.set(at, list);
    };
    for (const id of this.dirty) if (!this.connections.has(id)) add(Math.floor((this.heardAt.get(id) ?? now) / 10_000) * 10_000, id);
    for (const id of this.connections.keys()) add(now, id);
    this.dirty.clear();
    return groups;
  }

  /** Forgets a removed device. */
  forget(deviceId: string): void {
    this.heardAt.delete(deviceId);
    this.dirty.delete(deviceId);
    this.silenced.delete(deviceId);
  }
}
