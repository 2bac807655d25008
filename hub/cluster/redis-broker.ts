/**
 * The broker's shared state for a site of several hubs, as Aedes documents for
 * clusters (contract §9): `mqemitter-redis` carries every message published on
 * one hub to the subscribers of all (Redis pub/sub), and `aedes-persistence-redis`
 * keeps retained messages, subscriptions, sessions and QoS 1 queues in Redis, so a
 * device that reconnects to another hub finds its session and every panel its
 * room's retained state.
 *
 * aedes-persistence-redis 11.2.x is the line aedes 1.2.0 declares as its peer
 * (12.x is outside that range). Its queued packets have no expiry unless given one
 * (moscajs/aedes-persistence-redis#73: Redis memory grows with sessions that never
 * come back): queued messages for an offline device live a day at most; a panel
 * that comes back gets the retained room state anyway.
 */
import { randomBytes } from 'node:crypto';
import AsyncRedisPersistence from 'aedes-persistence-redis/asyncPersistence.js';
import { Redis } from 'ioredis';
import MQEmitterRedis from 'mqemitter-redis';

const QUEUED_PACKET_TTL_S = 86_400;

export interface SharedBrokerState {
  /** The Aedes broker id: the node id and a per-start suffix (a restarted hub must not reuse its packet keys, moscajs/aedes#775). */
  id: string;
  mq: unknown;
  persistence: AsyncRedisPersistence;
  /** Closes the persistence's Redis connection (Aedes closes the emitter itself). */
  close(): Promise<void>;
}

export function sharedBrokerState(redisUrl: string, nodeId: string): SharedBrokerState {
  const mq = MQEmitterRedis({ connectionString: redisUrl });
  const conn = new Redis(redisUrl, { maxRetriesPerRequest: 3 });
  const persistence = new AsyncRedisPersistence({ conn, packetTTL: () => QUEUED_PACKET_TTL_S });
  return {
    id: `${nodeId}-${randomBytes(3).toString('hex')}`,
    mq,
    persistence,
    async close() {
      await persistence.destroy().catch(() => conn.disconnect());
    },
  };
}
