/**
 * The composition root: builds every part from a parsed config and wires them.
 * No module-level singletons; a test can start several hubs in one process.
 */
import { existsSync } from 'node:fs';
import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { pino } from 'pino';
import { createTopics } from '../shared/topics.js';
import { bootstrapUsers } from './app/auth.js';
import type { AppDeps } from './app/deps.js';
import { BadgeCaptures } from './app/badge-capture.js';
import { DeviceActivity } from './app/device-activity.js';
import { authenticateDevice, deviceHealthCounts } from './app/devices.js';
import { authenticateIntegration } from './app/integrations.js';
import { EventBus } from './app/event-bus.js';
import { deliverDueMail } from './app/mail-outbox.js';
import { NodemailerMailer } from './notify/nodemailer-mailer.js';
import { PresenceLooks } from './app/handle-occupancy.js';
import type { Clock } from './app/ports.js';
import { registerProjections } from './app/projections.js';
import { RoomStateBoard, roomStatusCounts } from './app/room-state.js';
import { SiteFeed } from './app/site-view.js';
import { systemClock } from './clock.js';
import { type HubConfig, parseDuration } from './config.js';
import { buildHttpServer, closeHttpServer } from './http/server.js';
import { HubMetrics } from './metrics.js';
import { MqttBroker } from './mqtt/broker.js';
import { createMqttPublisher } from './mqtt/publisher.js';
import { DeviceRouter } from './mqtt/router.js';
import { availabilityTopic, HaDiscovery } from './mqtt/ha-discovery.js';
import { PACKAGE_VERSION } from './paths.js';
import { assertPortsFree, listenOr, portClaims } from './ports.js';
import { flushActivity, Scheduler } from './scheduler.js';
import { type HubReaders, loopbackFor, startHubReaders } from './serial/hub-readers.js';
import { openDatabase } from './store/open.js';
import { PrismaTransactions } from './store/prisma-transactions.js';
import { sharedBrokerState } from './cluster/redis-broker.js';
import { joinSite } from './cluster/join-site.js';
import { SITE_CHANNEL, type SiteLink } from './cluster/site-link.js';

const VERSION = PACKAGE_VERSION;

export interface HubOptions {
  clock?: Clock;
  /** Start the periodic scheduler (tests drive `tick()` themselves). */
  timers?: boolean;
  logger?: pino.Logger;
}

export interface Hub {
  httpPort: number;
  mqttPort: number;
  /** With TLS (contract §9): HTTPS/WSS and MQTT over TLS. */
  httpsPort: number | undefined;
  mqttsPort: number | undefined;
  /** The initial admin password file while it exists: every start says where it is. */
  adminPasswordFile: string | undefined;
  deps: AppDeps;
  metrics: HubMetrics;
  broker: MqttBroker;
  /** Bridges of the readers on this machine's serial ports (HUB_SERIAL_READERS). */
  readers: HubReaders;
  /** One scheduler pass: device activity, releases, ghost meetings, time-driven room states. */
  tick(): Promise<void>;
  /** Resolves when every device message received so far has been handled. */
  idle(): Promise<void>;
  /** One pass over the mail outbox (contract §5). */
  deliverMail(): Promise<void>;
  stop(): Promise<void>;
}

export { PortInUseError } from './ports.js';

export async function startHub(config: HubConfig, opts: HubOptions = {}): Promise<Hub> {
  const log = opts.logger ?? pino({ level: config.logLevel });
  const clock = opts.clock ?? systemClock;
  const topics = createTopics(config.topicRoot);
  const metrics = new HubMetrics();
  // Issue 13: a taken port stops the hub before the database or the password file exist.
  await assertPortsFree(config);

  const database = await openDatabase(config.databaseUrl);
  if (database.migrationsApplied.length) log.info({ migrations: database.migrationsApplied }, 'database migrated');
  const tx = new PrismaTransactions(database.db, database.provider, config.timeZone, log, {
    onRetry: (code) => metrics.transactionRetries.inc({ code }),
    ...(config.site ? { site: { nodeId: config.site.nodeId, channel: SITE_CHANNEL } } : {}),
  });
  await tx.init();

  let broker: MqttBroker | undefined;
  const brokerRef = () => {
    if (!broker) throw new Error('broker not started');
    return broker;
  };
  const publisher = createMqttPublisher(brokerRef, topics);
  const deps: AppDeps = {
    tx,
    reads: tx.reads(),
    clock,
    bus: new EventBus(log, (listener, event) => metrics.count('listener_failures', { listener, event })),
    metrics,
    policy: config.policy,
    defaultTimeZone: config.timeZone,
    log,
    roomStates: new RoomStateBoard(publisher),
    activity: new DeviceActivity(),
    presenceLooks: new PresenceLooks(),
    deviceStaleMs: config.deviceStaleMs,
    badgeCaptures: new BadgeCaptures(),
  };
  registerProjections(deps, publisher);
  metrics.observeSite({ roomStates: () => roomStatusCounts(deps), deviceStatuses: () => deviceHealthCounts(deps) });
  const siteFeed = new SiteFeed(deps);
  deps.roomStates.onPublish = (next, prev) => siteFeed.statePublished(next, prev);
  // Contract §3: revoking a device drops its connection, wherever the revocation came from,
  // and (contract §9) on whichever hub of the site it is connected to.
  let site: SiteLink | null = null;
  const drop = (deviceId: string) => {
    brokerRef().disconnect(deviceId);
    site?.notify({ type: 'drop_device', from: config.site!.nodeId, device: deviceId }).catch((err) => log.error({ err }, 'could not tell the site to drop a device'));
  };
  deps.bus.on('device.revoked', 'broker', (e) => drop(e.device.id));
  deps.bus.on('device.token_reissued', 'broker', (e) => drop(e.device.id));
  // Issue 13: a revoked integration account is dropped the same way.
  deps.bus.on('integration.revoked', 'broker', (e) => {
    brokerRef().disconnectIntegration(e.integration.id);
    site?.notify({ type: 'drop_integration', from: config.site!.nodeId, integration: e.integration.id }).catch((err) => log.error({ err }, 'could not tell the site to drop an integration'));
  });
  await bootstrapUsers(deps, config.adminPassword, config.adminPasswordFile);
  const adminPasswordFile = existsSync(config.adminPasswordFile) ? config.adminPasswordFile : undefined;
  if (adminPasswordFile) log.warn({ file: adminPasswordFile }, 'the initial admin password is in this file: sign in as admin, change it, then delete the file');

  const router = new DeviceRouter(deps, topics, metrics, (deviceId, response) =>
    brokerRef().publish(topics.panelResponse(deviceId), response, { retain: false, kind: 'panel_response' }),
  );
  const shared = config.site ? sharedBrokerState(config.site.redisUrl, config.site.nodeId, log) : undefined;
  broker = await MqttBroker.create({
    ...(shared ? { shared } : {}),
    topics,
    metrics,
    log,
    limits: config.mqtt,
    authenticate: (id, token) => authenticateDevice(deps, id, token),
    authenticateIntegration: (id, token) => authenticateIntegration(deps, id, token),
    onDeviceMessage: (device, packet) => router.handle(device, packet),
    // Contract §2: a clean disconnect alone changes nothing; only a connection's count is kept.
    onDeviceConnect: (device) => deps.activity.connected(device.id, device.status),
    onDeviceDisconnect: (device) => deps.activity.disconnected(device.id),
    // Issue 13: with discovery on, integrations also read the discovery configs and the hub's availability.
    integrationReadable: { prefixes: config.haDiscovery.enabled ? [config.haDiscovery.prefix, availabilityTopic(topics)] : [] },
  });
  const haDiscovery = config.haDiscovery.enabled
    ? new HaDiscovery({ prefix: config.haDiscovery.prefix, topics, version: VERSION, publicUrl: config.publicUrl }, (t, text, o) => brokerRef().publishText(t, text, o), log)
    : null;
  if (haDiscovery) {
    deps.bus.on('room.created', 'ha-discovery', (e) => haDiscovery.roomChanged(e.room));
    deps.bus.on('room.updated', 'ha-discovery', (e) => haDiscovery.roomChanged(e.room));
    await haDiscovery.start(await deps.reads.rooms.list());
  }

  let scheduler: Scheduler | undefined;
  if (config.site && shared) {
    site = await joinSite({ databaseUrl: config.databaseUrl, nodeId: config.site.nodeId, deps, tx, broker, shared, topics, scheduler: () => scheduler });
  }
  const siteView = () => site?.view() ?? { node: config.nodeId, leader: true, hubs: [config.nodeId] };
  metrics.observeSiteMembers(() => {
    const v = siteView();
    return { node: v.node, hubs: v.hubs.length, leader: v.leader };
  });

  const http = await buildHttpServer({
    deps,
    metrics,
    health: () => {
      const m = process.memoryUsage();
      const mb = (v: number) => Math.round(v / 2 ** 20);
      return {
        version: VERSION,
        database: database.provider,
        mqttClients: broker!.aedes.connectedClients,
        // Contract §9: which hub answered, and the site as it sees it.
        node: siteView().node,
        // In a site, also whether this hub reaches Redis (down: it serves its own devices alone).
        site: shared ? { ...siteView(), redis: shared.redisUp() ? 'up' : 'down' } : siteView(),
        memoryMb: { rss: mb(m.rss), heapUsed: mb(m.heapUsed), heapTotal: mb(m.heapTotal), external: mb(m.external) },
      };
    },
    logger: log,
    trustProxy: config.trustProxy,
    siteFeed,
    version: VERSION,
    publicUrl: config.publicUrl,
    materialMaxBytes: config.materialMaxBytes,
    panelConfig: { locale: config.locale, topicRoot: config.topicRoot, publicUrl: config.publicUrl, mqttPort: () => mqttPort ?? config.mqttPort },
  });
  broker.attachWebSocket(http.server);

  // Contract §5: mail leaves through the outbox, by SMTP or as .eml files in the data folder.
  const mailer = new NodemailerMailer({ smtpUrl: config.mail.smtpUrl, from: config.mail.from, outboxDir: join(config.dataDir, 'outbox'), publicUrl: config.publicUrl });
  let mailing: Promise<unknown> | null = null;
  const deliverMail = () => (mailing ??= deliverDueMail(deps, mailer, config.locale).finally(() => (mailing = null)));
  const leads = () => site?.isLeader ?? true;
  const timers = new Scheduler(deps, config.sweepIntervalMs, config.republishIntervalMs, deliverMail, leads);
  scheduler = timers;
  let mqttPort: number | undefined;
  let mqttsPort: number | undefined;
  let https: HttpsServer | undefined;
  const [httpClaim, mqttClaim, httpsClaim, mqttsClaim] = portClaims(config);
  try {
    mqttPort = await listenOr(() => broker!.listenTcp(config.mqttPort, config.host), mqttClaim!);
    await listenOr(() => http.listen({ port: config.httpPort, host: config.host }), httpClaim!);
    if (config.tls) {
      const tls = config.tls;
      mqttsPort = await listenOr(() => broker!.listenTls(tls.mqttsPort, config.host, tls), mqttsClaim!);
      // Contract §9: the same routes over HTTPS, and WSS at /mqtt on it.
      const server = createHttpsServer({ cert: tls.cert, key: tls.key }, (req, res) => http.routing(req, res));
      https = server;
      broker.attachWebSocket(server);
      await listenOr(() => new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(tls.httpsPort, config.host, () => resolve());
      }), httpsClaim!);
    }
  } catch (err) {
    await broker.close().catch(() => {});
    await site?.close().catch(() => {});
    if (https?.listening) await closeServer(https);
    await http.close().catch(() => {});
    await tx.close();
    throw err;
  }
  const httpPort = (http.server.address() as AddressInfo).port;

  // Whatever fell due while the hub was down happens now (contract §4, issue 2).
  await timers.tick({ firstPass: true });
  let mailTimer: NodeJS.Timeout | null = null;
  if (opts.timers !== false) {
    timers.start();
    mailTimer = setInterval(() => {
      if (leads()) deliverMail().catch((err) => log.error({ err }, 'mail delivery failed'));
    }, config.mail.intervalMs);
    mailTimer.unref();
  }
  // Serial readers connect like any device, so only once the broker listens.
  const readers = await startHubReaders(config.serialReaders, {
    mqttUrl: `mqtt://${loopbackFor(config.host)}:${mqttPort}`,
    topicRoot: config.topicRoot,
    dataDir: config.dataDir,
    parseDuration,
    clock,
    log,
  });
  const httpsPort = https ? (https.address() as AddressInfo).port : undefined;
  log.info({ httpPort, mqttPort, httpsPort, mqttsPort, database: database.where, serialReaders: config.serialReaders.length }, 'hub started');

  return {
    httpPort,
    mqttPort,
    httpsPort,
    mqttsPort,
    adminPasswordFile,
    deps,
    metrics,
    broker,
    readers,
    tick: () => timers.tick(),
    idle: () => broker!.idle(),
    deliverMail: () => deliverMail().then(() => undefined),
    async stop() {
      await readers.stop(); // first, so they say offline while the broker still listens
      if (mailTimer) clearInterval(mailTimer);
      await timers.stop();
      await mailing;
      // The hub going away is not the devices going away: their status and the rooms'
      // occupancy stay as they were, for the start-up pass of the next run (the broker
      // ignores the last wills it publishes as it closes their connections).
      await haDiscovery?.stop().catch((err) => log.warn({ err }, 'could not say offline to Home Assistant'));
      await broker!.close();
      await site?.close();
      siteFeed.close();
      if (https) await closeServer(https);
      await closeHttpServer(http);
      await flushActivity(deps).catch((err) => log.warn({ err }, 'could not record device activity'));
      mailer.close();
      await tx.close();
    },
  };
}

/** Closes a server Fastify does not own (the HTTPS one), open keep-alive connections included. */
function closeServer(server: HttpsServer): Promise<void> {
  const closed = new Promise<void>((r) => server.close(() => r()));
  server.closeAllConnections();
  return closed;
}
