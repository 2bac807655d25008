/**
 * Rooms change rarely and are read on every device message, booking and
 * state publish: keep them in memory, written through to the store. One hub
 * owns its cache; several hubs sharing a database will need invalidation
 * (Redis pub/sub) when that issue comes.
 */
import type { RoomRecord, Store } from '../app/ports.js';

export function withRoomCache(store: Store): Store {
  let cache: Map<string, RoomRecord> | null = null;
  const load = async () => {
    if (!cache) cache = new Map((await store.rooms.list()).map((r) => [r.id, r]));
    return cache;
  };
  return {
    ...store,
    rooms: {
      ...store.rooms,
      async create(r) {
        const created = await store.rooms.create(r);
        (await load()).set(created.id, created);
        return created;
      },
      async get(id) {
        return (await load()).get(id) ?? null;
      },
      async list() {
        return [...(await load()).values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      },
      async update(id, patch) {
        const updated = await store.rooms.update(id, patch);
        (await load()).set(id, updated);
        return updated;
      },
    },
  };
}
