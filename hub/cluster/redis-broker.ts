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
 *
 * A Redis outage (measured by test/integration/cluster-outage.test.ts, docs/cluster.md):
 * each hub carries on as a hub alone for its own devices. Device messages are
 * handled and acknowledged as always (the PUBACK follows the database, not Redis);
 * what the hub publishes reaches its own clients only (local delivery), and
 * retained states and QoS 1 queues for offline sessions are not stored while
 * Redis is away. Without this, a publish waited for Redis (ioredis' offline queue,
 * 20 retries) and then failed after the commit: the device saw no PUBACK, the
 * next packets of its connection waited behind it, and the emitter's unhandled
 * 'error' event ended the process. When Redis is back, `onBack` tells the site,
 * and the timers' leader publishes every room's state again (join-site.ts).
 */
import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import AsyncRedisPersistence from 'aedes-persistence-redis/asyncPersistence.js';
import { Redis, type RedisOptions } from 'ioredis';
import MQEmitterRedis from 'mqemitter-redis';
import type { Logger } from '../app/deps.js';

const QUEUED_PACKET_TTL_S = 86_400;

/**
 * Every connection tries again every 100 ms, then every second at most (ioredis'
 * default backs off to 2 s): a hub is back within a second of Redis. A command
 * sent as the socket closed fails after one retry instead of twenty.
 */
const CONNECTION: RedisOptions = { retryStrategy: (times) => Math.min(times * 100, 1_000), maxRetriesPerRequest: 1 };

/** The persistence's calls on the publish path: skipped while Redis is away (see above); its reads never throw into Aedes. */
class AedesRedisPersistence extends AsyncRedisPersistence {
  constructor(
    opts: ConstructorParameters<typeof AsyncRedisPersistence>[0],
    private readonly away: () => boolean,
    private readonly missed: (what: string, err?: unknown) => void,
  ) {
    super(opts);
  }

  // Aedes pipes this stream with no error handler: a Redis failure while it is read (a
  // SUBSCRIBE acknowledged just before Redis went away, found by the outage test) would
  // end the process. The subscriber misses the retained messages; the republish brings them.
  override createRetainedStreamCombi(patterns: string[]) {
    const retained = super.createRetainedStreamCombi(patterns);
    const missed = this.missed;
    async function* safely() {
      try {
        yield* retained;
      } catch (err) {
        missed('retained messages for a new subscription', err);
      }
    }
    return Readable.from(safely()) as unknown as AsyncIterable<unknown>;
  }

  // The retained copy is lost; the leader publishes every room's state again when Redis is back.
  override async storeRetained(packet: unknown): Promise<void> {
    if (this.away()) return;
    await super.storeRetained(packet).catch((err) => this.missed('retained message', err));
  }

  // A failure here would leave Aedes' publish unfinished for ever (it emits 'error' and never calls back).
  override async outgoingEnqueueCombi(subs: unknown[], packet: unknown): Promise<void> {
    if (!subs?.length) return;
    if (this.away()) return;
    await super.outgoingEnqueueCombi(subs, packet).catch((err) => this.missed('queued message for offline sessions', err));
  }
}

interface Emitter {
  emit(msg: unknown, done?: (err?: unknown) => void): void;
  /** MQEmitter's own emit: this process' subscribers only. */
  _emit(msg: unknown, done?: (err?: unknown) => void): void;
  state: NodeJS.EventEmitter;
}

export interface SharedBrokerState {
  /** The Aedes broker id: the node id and a per-start suffix (a restarted hub must not reuse its packet keys, moscajs/aedes#775). */
  id: string;
  mq: unknown;
  persistence: AedesRedisPersistence;
  /** Whether all three Redis connections are ready (shown by /api/health). */
  redisUp(): boolean;
  /** Called each time Redis is back after an outage (every connection ready again, subscriptions renewed). */
  onBack(listener: () => void): void;
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

export function sharedBrokerState(redisUrl: string, nodeId: string, log: Logger): SharedBrokerState {
  const pubConn = handleUnawaited(new Redis(redisUrl, CONNECTION), ['quit']);
  const subConn = handleUnawaited(new Redis(redisUrl, CONNECTION), ['quit']);
  const conn = handleUnawaited(new Redis(redisUrl, CONNECTION), ['lrem', 'rpush', 'quit']);
  const conns = [pubConn, subConn, conn];
  const up = () => conns.every((c) => c.status === 'ready');
  const listeners: (() => void)[] = [];
  // Set when a connection is lost (or cannot be made), cleared when all three are ready again.
  // Not `!up()`: before the first connection is made, commands wait in ioredis' queue as before.
  let down = false;
  let closing = false;
  const away = () => down;
  const lost = (err?: unknown) => {
    if (down || closing) return;
    down = true;
    log.error({ err }, 'Redis is unreachable: this hub serves its own devices alone until it is back');
  };
  const missed = (what: string, err?: unknown) => {
    if (err) log.warn({ err, what }, 'not sent to Redis');
  };
  for (const c of conns) {
    c.on('error', (err) => lost(err));
    // Only a connection that will try again is an outage (not one the hub closes).
    c.on('reconnecting', () => lost());
    c.on('ready', () => {
      if (!down || !up()) return;
      down = false;
      log.warn('Redis is back: the site is one again');
      for (const l of listeners) l();
    });
  }

  const mq = MQEmitterRedis({ pubConn, subConn }) as unknown as Emitter;
  // Its connection errors come out here; without a listener they end the process.
  mq.state.on('error', (err: unknown) => lost(err));
  const emit = mq.emit.bind(mq);
  const local = mq._emit.bind(mq);
  mq.emit = (msg, done) => {
    // Redis away: this hub's own subscribers still get the message (Redis would have
    // brought it back to them); the other hubs' get the leader's republish later.
    if (away()) return local(msg, done);
    emit(msg, (err) => {
      if (!err) return done?.();
      missed('message to the other hubs', err);
      local(msg, done);
    });
  };
  const persistence = new AedesRedisPersistence({ conn, packetTTL: () => QUEUED_PACKET_TTL_S }, away, missed);
  return {
    id: `${nodeId}-${randomBytes(3).toString('hex')}`,
    mq,
    persistence,
    redisUp: up,
    onBack: (l) => void listeners.push(l),
    async close() {
      closing = true;
      await persistence.destroy().catch(() => conn.disconnect());
    },
  };
}
