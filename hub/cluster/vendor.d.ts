/** aedes-persistence-redis ships no types: the part the hub uses. */
declare module 'aedes-persistence-redis/asyncPersistence.js' {
  import type { Redis } from 'ioredis';
  export default class AsyncRedisPersistence {
    constructor(opts: { conn?: Redis; maxSessionDelivery?: number; packetTTL?: (packet: unknown) => number });
    setup(broker: unknown): Promise<void>;
    createRetainedStreamCombi(patterns: string[]): AsyncIterable<unknown>;
    storeRetained(packet: unknown): Promise<void>;
    outgoingEnqueueCombi(subs: unknown[], packet: unknown): Promise<void>;
    destroy(): Promise<void>;
  }
}
