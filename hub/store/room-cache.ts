/**
 * Rooms change rarely and are read on every device message, booking and
 * state publish: keep them in memory. A transaction writes through to the
 * database and sees its own writes at once; other readers see them only after
 * it commits (a rolled-back change never reaches the cache).
 */
import type { RoomRecord, Store } from '../app/ports.js';

export class RoomCache {
  private rooms: Map<string, RoomRecord> | null = null;

  async load(store: Store['rooms']): Promise<void> {
    this.rooms ??= new Map((await store.list()).map((r) => [r.id, r]));
  }

  get(id: string): RoomRecord | null {
    return this.loaded().get(id) ?? null;
  }

  list(): RoomRecord[] {
    return [...this.loaded().values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  /** After commit: what the transaction wrote becomes visible to all. */
  merge(written: Map<string, RoomRecord>): void {
    for (const [id, r] of written) this.loaded().set(id, r);
  }

  /** Everything read again (another hub changed many rooms). */
  replace(rooms: readonly RoomRecord[]): void {
    this.rooms = new Map(rooms.map((r) => [r.id, r]));
  }

  /** Forget everything (another process changed rooms): the next load reads the database. */
  invalidate(): void {
    this.rooms = null;
  }

  private loaded(): Map<string, RoomRecord> {
    if (!this.rooms) throw new Error('room cache used before load');
    return this.rooms;
  }
}

/**
 * The store with rooms read from the cache; `written` collects this
 * transaction's room writes (merged by the caller after commit), or null for
 * a reader that writes through at once.
 */
export function withRoomCache(store: Store, cache: RoomCache, written: Map<string, RoomRecord> | null, opts: { readThrough?: boolean } = {}): Store {
  const readThrough = (r: RoomRecord | null) => {
    if (r) cache.merge(new Map([[r.id, r]]));
    return r;
  };
  const remember = (r: RoomRecord) => {
    if (written) written.set(r.id, r);
    else cache.merge(new Map([[r.id, r]]));
    return r;
  };
  return {
    ...store,
    rooms: {
      ...store.rooms,
      create: async (r) => remember(await store.rooms.create(r)),
      // A room another hub created is not in this hub's cache yet: read it through.
      // With other hubs writing rooms too (contract §9) a transaction reads the row itself:
      // the cache may be a notification behind.
      get: async (id) => written?.get(id) ?? (opts.readThrough ? await store.rooms.get(id) : (cache.get(id) ?? readThrough(await store.rooms.get(id)))),
      list: async () => {
        const all = new Map(cache.list().map((r) => [r.id, r]));
        for (const [id, r] of written ?? []) all.set(id, r);
        return [...all.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      },
      update: async (id, patch) => remember(await store.rooms.update(id, patch)),
    },
  };
}
