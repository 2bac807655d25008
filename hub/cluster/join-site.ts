/**
 * Wires a hub into its site (contract §9): the site link's messages to the room
 * cache and the broker, its leadership to the scheduler, and the room states any
 * hub publishes to this hub's board. The composition root calls it when
 * HUB_REDIS_URL is set.
 */
import type { Topics } from '../../shared/topics.js';
import { roomStatePayload } from '../../shared/schemas/mqtt.js';
import type { AppDeps } from '../app/deps.js';
import type { MqttBroker } from '../mqtt/broker.js';
import type { Scheduler } from '../scheduler.js';
import type { PrismaTransactions } from '../store/prisma-transactions.js';
import type { SharedBrokerState } from './redis-broker.js';
import { SiteLink } from './site-link.js';

/** Hubs come back from a Redis outage within about a second of each other: one republish covers those that are back. */
const REDIS_BACK_REPUBLISH_MS = 250;

export interface JoinSiteOptions {
  databaseUrl: string;
  nodeId: string;
  deps: AppDeps;
  tx: PrismaTransactions;
  broker: MqttBroker;
  /** The broker's Redis state: told when Redis is back after an outage. */
  shared: Pick<SharedBrokerState, 'onBack'>;
  topics: Topics;
  /** The scheduler, once built (leadership may come before it exists: the first pass runs anyway). */
  scheduler(): Scheduler | undefined;
}

export async function joinSite(o: JoinSiteOptions): Promise<SiteLink> {
  const { deps } = o;
  const log = deps.log;
  // Redis back after an outage: what the hubs published meanwhile reached only their own
  // devices (redis-broker.ts), so the leader publishes every room's state again, with a new seq.
  let republish: NodeJS.Timeout | null = null;
  const redisBack = () => {
    if (!site.isLeader || republish) return;
    republish = setTimeout(() => {
      republish = null;
      log.warn('Redis is back: publishing every room state again');
      void o.scheduler()?.takeOver();
    }, REDIS_BACK_REPUBLISH_MS);
    republish.unref();
  };
  const site: SiteLink = new SiteLink({
    databaseUrl: o.databaseUrl,
    nodeId: o.nodeId,
    log,
    onMessage: (m) => {
      if (m.type === 'rooms') void o.tx.reloadRooms(m.rooms).catch((err) => log.error({ err }, 'could not reload rooms another hub changed'));
      else if (m.type === 'drop_device') o.broker.disconnect(m.device);
      else if (m.type === 'drop_integration') o.broker.disconnectIntegration(m.integration);
      else if (m.type === 'redis_back') redisBack();
    },
    // The timers follow the lock; a new leader first makes every retained state current.
    onLeadership: (leader) => {
      if (leader) void o.scheduler()?.takeOver();
    },
    onHubsLeft: (left) => {
      log.warn({ left }, 'hubs left the site');
      if (site.isLeader) void o.scheduler()?.takeOver();
    },
  });
  // States published by any hub of the site reach this hub's board (and its site view).
  await o.broker.watch(o.topics.roomState('+'), (packet) => {
    try {
      const state = roomStatePayload.safeParse(JSON.parse(packet.payload.toString()));
      if (state.success) deps.roomStates.observe(state.data);
    } catch {
      // not JSON: not a state this site published
    }
  });
  o.shared.onBack(() => {
    redisBack();
    site.notify({ type: 'redis_back', from: o.nodeId }).catch((err) => log.warn({ err }, 'could not tell the site that Redis is back'));
  });
  await site.start();
  return site;
}
