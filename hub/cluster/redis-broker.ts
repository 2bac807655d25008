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
 *
 * One mismatch, found by the cluster test: aedes 1.2.0 pipes what
 * `createRetainedStreamCombi` returns (`stream.pipe`, as aedes-persistence 11's own
 * memory persistence returns a Readable), while aedes-persistence-redis (11.2.2 and
 * 12.0.0 alike) returns an async generator: the first SUBSCRIBE that matches a
 * retained topic threw and killed the hub. The subclass below hands Aedes a Readable.
 */
import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import AsyncRedisPersistence from 'aedes-persistence-redis/asyncPersistence.js';
import { Redis } from 'ioredis';
import MQEmitterRedis from 'mqemitter-redis';

const QUEUED_PACKET_TTL_S = 86_400;

class AedesRedisPersistence extends AsyncRedisPersistence {
  override createRetainedStreamCombi(patterns: string[]) {
    return Readable.from(super.createRetainedStreamCombi(patterns)) as unknown as AsyncIterable<unknown>;
  }
}

export interface SharedBrokerState {
  /** The Aedes broker id: the node id and a per-start suffix (a restarted hub must not reuse its packet keys, moscajs/aedes#775). */
  id: string;
  mq: unknown;
  persistence: AedesRedisPersistence;
  /** Closes the persistence's Redis connection (Aedes closes the emitter itself). */
  close(): Promise<void>;
}

/**
 * Commands the libraries send without handling their result: mqemitter-redis 7.2.1
 * closes with `quit()` and never handles its promise, which rejects ("Connection is
 * closed") when the socket closes first: an unhandled rejection ended the hub as it
 * stopped (found by stopping two hubs at once, about one stop in three).
 * aedes-persistence-redis does the same with the will list's `lrem`/`rpush` (a
 * failure there leaves a stale will entry, which Aedes' will sweep skips). Their
 * results are handled here; the callers see the same promise.
 */
function handleUnawaited(conn: Redis, names: readonly ('quit' | 'lrem' | 'rpush')[]): Redis {
  for (const name of names) {
    const send = conn[name].bind(conn) as (...args: unknown[]) => Promise<unknown>;
    (conn as unknown as Record<string, unknown>)[name] = (...args: unknown[]) => {
      const sent = send(...args);
      sent.catch(() => {});
      return sent;
    };
  }
  return conn;
}

export function sharedBrokerState(redisUrl: string, nodeId: string): SharedBrokerState {
  const mq = MQEmitterRedis({ pubConn: handleUnawaited(new Redis(redisUrl), ['quit']), subConn: handleUnawaited(new Redis(redisUrl), ['quit']) });
  const conn = handleUnawaited(new Redis(redisUrl, { maxRetriesPerRequest: 3 }), ['lrem', 'rpush', 'quit']);
  const persistence = new AedesRedisPersistence({ conn, packetTTL: () => QUEUED_PACKET_TTL_S });
  return {
    id: `${nodeId}-${randomBytes(3).toString('hex')}`,
    mq,
    persistence,
    async close() {
      await persistence.destroy().catch(() => conn.disconnect());
    },
  };
}
