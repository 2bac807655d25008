/**
 * The embedded Aedes broker on TCP, TLS and WebSocket (`/mqtt` on the HTTP
 * and HTTPS servers): authentication against device token hashes, contract §2 ACLs,
 * the limits of contract §9, and counting of everything refused.
 *
 * A device message is handled inside `authorizePublish`, which Aedes calls
 * before it writes the PUBACK: the PUBACK leaves only once the message's
 * effects (and its id) are committed (contract §2). Messages of one device
 * go through one lane, in order, so PUBACKs keep the order of the PUBLISHes
 * (MQTT-4.6.0-2) and a flooding device waits in its own lane.
 */
import type { IncomingMessage, Server as HttpServer } from 'node:http';
import type { Server as HttpsServer } from 'node:https';
import { isUtf8 } from 'node:buffer';
import { createServer, type Server as NetServer, type Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { createServer as createTlsServer } from 'node:tls';
import { Aedes, type Client, type PublishPacket } from 'aedes';
import { createWebSocketStream, WebSocketServer } from 'ws';
import { deviceStatusPayload } from '../../shared/schemas/mqtt.js';
import type { Topics } from '../../shared/topics.js';
import type { Logger } from '../app/deps.js';
import type { DeviceRecord } from '../app/ports.js';
import { KeyedQueue } from '../lib/serial.js';
import type { HubMetrics } from '../metrics.js';
import { type DeviceIdentity, integrationMayReceive, integrationMaySubscribe, type IntegrationReadable, mayPublish, maySubscribe } from './acl.js';
import { CONNACK_UNACCEPTABLE_PROTOCOL, connectProtocolLevel, FrameGuard } from './frame-guard.js';
import { DeviceRateLimiter } from './rate-limiter.js';
import type { SharedBrokerState } from '../cluster/redis-broker.js';

type AuthError = Error & { returnCode: number };
const IDENTIFIER_REJECTED = 2;
const BAD_USERNAME_OR_PASSWORD = 4;
const NOT_AUTHORIZED = 5;
/** `$` topics are not matched by `#` (MQTT-4.7.2-1) and devices may not subscribe to them. */
const REFUSED_SINK = '$hub/refused';

export interface BrokerLimits {
  /** Largest packet (remaining length) of an authenticated client (HUB_MQTT_MAX_PAYLOAD). */
  maxPacket: number;
  /** Largest packet before CONNECT is accepted, and all bytes read until then. */
  preAuthMaxPacket: number;
  preAuthMaxBytes: number;
  /** Connections at once, all transports (HUB_MQTT_MAX_CONNECTIONS). */
  maxConnections: number;
  /** A connection that sends no CONNECT this long is closed. */
  connectTimeoutMs: number;
  /** Per-device message rate: sustained per second, and the burst allowed. */
  deviceRate: number;
  deviceBurst: number;
}

export const DEFAULT_LIMITS: BrokerLimits = {
  maxPacket: 64 * 1024,
  preAuthMaxPacket: 8 * 1024,
  preAuthMaxBytes: 16 * 1024,
  maxConnections: 10_000,
  connectTimeoutMs: 10_000,
  deviceRate: 50,
  deviceBurst: 200,
};

/** Hub state kept on the Aedes client object. */
const DEVICE = Symbol('device');
const GUARD = Symbol('guard');
/** A read-only integration account (issue 13), instead of a device. */
const INTEGRATION = Symbol('integration');
type DeviceClient = Client & { [DEVICE]?: DeviceIdentity & { status: string }; [GUARD]?: ConnectionGuard; [INTEGRATION]?: string };
/** MQTT usernames of integrations (hub/app/integrations.ts); device ids have no colon. */
const INTEGRATION_USER = /^integration:([A-Za-z0-9_-]{1,64})$/;
interface ConnectionGuard {
  frames: FrameGuard;
  authenticated: boolean;
  emptyClientId: boolean;
}

export interface BrokerOptions {
  topics: Topics;
  metrics: HubMetrics;
  log: Logger;
  limits?: Partial<BrokerLimits>;
  authenticate(deviceId: string, token: string): Promise<DeviceRecord | null>;
  /**
   * Handles a device message that passed the ACL; resolves once its effects
   * are committed (or it is kept as a dead letter). Rejecting means it could
   * not be recorded: no PUBACK, the connection is closed and the device resends.
   */
  onDeviceMessage(device: DeviceIdentity, packet: PublishPacket): void | Promise<void>;
  onDeviceConnect?(device: DeviceIdentity & { status: string }): void;
  onDeviceDisconnect?(device: DeviceIdentity): void;
  /** Issue 13: read-only integration accounts (username `integration:<id>`); absent, none may connect. */
  authenticateIntegration?(id: string, token: string): Promise<{ id: string } | null>;
  /** What integrations may read besides room states and events (the Home Assistant discovery prefix...). */
  integrationReadable?: IntegrationReadable;
  /** Several hubs, one site (contract §9): messages and sessions shared through Redis. */
  shared?: SharedBrokerState;
  /** The contract §2 ACL unless replaced (the broker benchmark opens a test topic). */
  acl?: { mayPublish: typeof mayPublish; maySubscribe: typeof maySubscribe };
}

export class MqttBroker {
  readonly aedes: Aedes;
  private readonly listeners: NetServer[] = [];
  private wss: WebSocketServer | null = null;
  private readonly byDevice = new Map<string, Set<DeviceClient>>();
  private readonly lanes = new KeyedQueue();
  private readonly limits: BrokerLimits;
  private readonly limiter: DeviceRateLimiter;
  private open = 0;
  private closing = false;

  private constructor(aedes: Aedes, private readonly opts: BrokerOptions, limits: BrokerLimits) {
    this.aedes = aedes;
    this.limits = limits;
    this.limiter = new DeviceRateLimiter(limits.deviceRate, limits.deviceBurst);
  }

  static async create(opts: BrokerOptions): Promise<MqttBroker> {
    const limits = { ...DEFAULT_LIMITS, ...opts.limits };
    const { metrics, log } = opts;
    const acl = opts.acl ?? { mayPublish, maySubscribe };
    const readable = opts.integrationReadable ?? { prefixes: [] };
    let self!: MqttBroker;
    const shared = opts.shared ? { id: opts.shared.id, mq: opts.shared.mq, persistence: opts.shared.persistence } : {};
    const aedes = await Aedes.createBroker({
      ...shared,
      connectTimeout: limits.connectTimeoutMs,
      authenticate: (client, username, password, done) => {
        const refuse = (code: number, reason: string) => {
          metrics.refusedConnections.inc({ reason });
          const err = new Error(reason) as AuthError;
          err.returnCode = code;
          done(err, false);
        };
        const c = client as DeviceClient;
        // MQTT-3.1.3-8: a zero-length client id with CleanSession 0 is refused with 0x02.
        if (c[GUARD]?.emptyClientId && !client.clean) return refuse(IDENTIFIER_REJECTED, 'empty_client_id');
        if (!username || !password) return refuse(BAD_USERNAME_OR_PASSWORD, 'missing_credentials');
        const integration = INTEGRATION_USER.exec(username)?.[1];
        if (integration !== undefined) {
          if (!opts.authenticateIntegration) return refuse(NOT_AUTHORIZED, 'bad_credentials');
          opts.authenticateIntegration(integration, password.toString('utf8')).then(
            (found) => {
              if (!found) return refuse(NOT_AUTHORIZED, 'bad_credentials');
              // Its sessions are its own, apart from every device's (see below).
              client.id = `integration:${found.id}:${client.id}`;
              c[INTEGRATION] = found.id;
              if (c[GUARD]) {
                c[GUARD].authenticated = true;
                c[GUARD].frames.maxPacket = limits.maxPacket;
              }
              done(null, true);
            },
            (err) => {
              log.error({ err }, 'integration authentication failed');
              refuse(3, 'server_unavailable');
            },
          );
          return;
        }
        opts.authenticate(username, password.toString('utf8')).then(
          (device) => {
            if (!device) return refuse(NOT_AUTHORIZED, 'bad_credentials');
            // Each device's sessions are its own: the id Aedes keys sessions and takeovers by is
            // the device's id and the client's, so no client id lets one device take over, block
            // or read another's session (contract §2, MQTT-3.1.4-2 within one device).
            client.id = `${device.id}:${client.id}`;
            c[DEVICE] = { id: device.id, kind: device.kind, roomId: device.roomId, status: device.status };
            const guard = c[GUARD];
            if (guard) {
              guard.authenticated = true;
              guard.frames.maxPacket = limits.maxPacket;
            }
            done(null, true);
          },
          (err) => {
            log.error({ err }, 'device authentication failed');
            refuse(3, 'server_unavailable');
          },
        );
      },
      preConnect: (client, packet, done) => {
        const guard = (client as DeviceClient)[GUARD];
        if (guard) guard.emptyClientId = packet.clientId === '';
        done(null, true);
      },
      authorizePublish: (client, packet, callback) => {
        if (!client) return callback(null); // the hub's own messages
        const device = (client as DeviceClient)[DEVICE];
        if ((client as DeviceClient)[INTEGRATION] !== undefined) {
          // Issue 13: read-only. Acknowledged and dropped, like any refused publish (see sinkPacket).
          metrics.refusedPublishes.inc({ reason: 'read_only' });
          log.warn({ integration: (client as DeviceClient)[INTEGRATION], topic: packet.topic }, 'publish by a read-only integration refused');
          return self.sink(client, packet, callback);
        }
        if (!device || self.closing) {
          // The hub is shutting down: last wills published as it closes connections are not news.
          return self.sink(client, packet, callback);
        }
        // A hub of the site died: another hub publishes its stored last wills minutes later (Aedes'
        // will sweep). The device has reconnected here since, so its "lost" is not news.
        const willOf = (packet as PublishPacket & { brokerId?: string }).brokerId;
        if (willOf && willOf !== self.aedes.id) return self.sink(client, packet, callback);
        const fail = (err: Error) => {
          log.warn({ err, device: device.id, topic: packet.topic }, 'device message not recorded; no PUBACK, connection closed');
          callback(err);
        };
        let admitted: void | Promise<void>;
        try {
          admitted = self.lanes.runNow(device.id, () => self.admit(client, device, packet, acl));
        } catch (err) {
          return fail(err as Error);
        }
        if (admitted instanceof Promise) admitted.then(() => callback(null), fail);
        else callback(null);
      },
      authorizeSubscribe: (client, sub, callback) => {
        const device = (client as DeviceClient)[DEVICE];
        const integration = (client as DeviceClient)[INTEGRATION];
        if (device && acl.maySubscribe(opts.topics, device, sub.topic)) return callback(null, sub);
        if (integration !== undefined && integrationMaySubscribe(opts.topics, readable, sub.topic)) return callback(null, sub);
        metrics.refusedSubscriptions.inc();
        log.warn({ device: device?.id, integration, topic: sub.topic }, 'subscribe refused');
        callback(null, null); // a negative SUBACK, the connection stays up
      },
      // Integrations: every message is checked again before it is handed over (issue 13).
      authorizeForward: (client, packet) => {
        if ((client as DeviceClient)[INTEGRATION] === undefined) return packet;
        return integrationMayReceive(opts.topics, readable, packet.topic) ? packet : null;
      },
    });
    self = new MqttBroker(aedes, opts, limits);
    aedes.on('client', (c) => self.track(c as DeviceClient));
    aedes.on('clientDisconnect', (c) => self.untrack(c as DeviceClient));
    // Aedes reports a failed queueing of a QoS 1 message (the shared persistence refusing, e.g.
    // Redis closing as the hub stops) as a broker 'error': without a listener that ends the process.
    (aedes as unknown as NodeJS.EventEmitter).on('error', (err: Error) => {
      if (self.closing) log.debug({ err: err.message }, 'broker error while closing');
      else log.error({ err }, 'broker error');
    });
    aedes.on('clientError', (c, err) => log.debug({ client: c?.id, err: err.message }, 'mqtt client error'));
    aedes.on('connectionError', (c, err) => {
      // Refused before authentication, e.g. MQTT 5 (Aedes implements 3.1 and 3.1.1 only) or garbage bytes.
      metrics.refusedConnections.inc({ reason: /protocol version/i.test(err.message) ? 'protocol_version' : 'protocol_error' });
      log.debug({ client: c?.id, err: err.message }, 'mqtt connection error');
    });
    return self;
  }

  /** The per-device rate first (a flooding device waits in its own lane), then `check`. */
  private admit(client: Client, device: DeviceIdentity, packet: PublishPacket, acl: { mayPublish: typeof mayPublish }): void | Promise<void> {
    const wait = this.limiter.take(device.id, Date.now());
    if (wait <= 0) return this.check(client, device, packet, acl);
    this.opts.metrics.throttledMessages.inc();
    return new Promise<void>((r) => setTimeout(r, wait)).then(() => this.check(client, device, packet, acl));
  }

  /** ACL, encoding and status checks, then the hub's handling (see BrokerOptions.onDeviceMessage). */
  private check(client: Client, device: DeviceIdentity, packet: PublishPacket, acl: { mayPublish: typeof mayPublish }): void | Promise<void> {
    const { metrics, topics, log } = this.opts;
    if (!acl.mayPublish(topics, device, packet.topic)) {
      metrics.refusedPublishes.inc({ reason: 'acl' });
      log.warn({ device: device.id, topic: packet.topic }, 'publish refused');
      return this.sinkPacket(client, packet);
    }
    const kind = topics.parse(packet.topic)?.kind ?? 'unknown';
    // Contract §2: payloads are UTF-8 JSON; anything else is refused and counted.
    if ((typeof packet.payload !== 'string' && !isUtf8(packet.payload)) || (kind === 'device_status' && !isValidStatus(packet.payload))) {
      metrics.invalidPayloads.inc({ kind });
      // A bad retained status would be kept and handed to every subscriber: it goes nowhere.
      return this.sinkPacket(client, packet);
    }
    metrics.mqttMessagesIn.inc({ kind });
    return this.opts.onDeviceMessage(device, packet);
  }

  /**
   * Refused like Mosquitto does for MQTT 3.1.1: acknowledged, then dropped into a
   * sink topic nobody may subscribe to. Closing the connection instead (Aedes'
   * default) makes a client resend its stored QoS 1 message after every reconnect.
   */
  private sinkPacket(client: Client, packet: PublishPacket): void {
    packet.topic = `${REFUSED_SINK}/${client.id}`;
    packet.retain = false;
  }

  private sink(client: Client, packet: PublishPacket, callback: (err?: Error | null) => void) {
    this.sinkPacket(client, packet);
    callback(null);
  }

  private track(c: DeviceClient) {
    const integration = c[INTEGRATION];
    if (integration !== undefined) this.keep(`integration:${integration}`, c);
    const d = c[DEVICE];
    if (!d) return;
    this.keep(d.id, c);
    this.opts.onDeviceConnect?.(d);
  }

  private untrack(c: DeviceClient) {
    const integration = c[INTEGRATION];
    if (integration !== undefined) this.forget(`integration:${integration}`, c);
    const d = c[DEVICE];
    if (!d) return;
    this.forget(d.id, c);
    this.opts.onDeviceDisconnect?.(d);
  }

  /** Connections by device id (and `integration:<id>`: no device id has a colon). */
  private keep(key: string, c: DeviceClient) {
    let set = this.byDevice.get(key);
    if (!set) this.byDevice.set(key, (set = new Set()));
    set.add(c);
    this.opts.metrics.connectedClients.set(this.aedes.connectedClients);
  }

  private forget(key: string, c: DeviceClient) {
    this.byDevice.get(key)?.delete(c);
    if (this.byDevice.get(key)?.size === 0) this.byDevice.delete(key);
    this.opts.metrics.connectedClients.set(this.aedes.connectedClients);
  }

  /** Drops every connection of an integration account (revocation). */
  disconnectIntegration(id: string) {
    for (const c of this.byDevice.get(`integration:${id}`) ?? []) c.close();
  }

  /** Drops every connection of a device (revocation). */
  disconnect(deviceId: string) {
    for (const c of this.byDevice.get(deviceId) ?? []) c.close();
  }

  /**
   * Calls `handler` with every message on `topic` (wildcards allowed) published on any hub
   * of the site, this one included: how a hub sees the room states the others publish.
   */
  watch(topic: string, handler: (packet: PublishPacket) => void): Promise<void> {
    return new Promise((resolve) =>
      this.aedes.subscribe(
        topic,
        (packet, done) => {
          try {
            handler(packet as PublishPacket);
          } finally {
            done();
          }
        },
        () => resolve(),
      ),
    );
  }

  /** Resolves when every device message received so far has been handled (tests, shutdown). */
  idle(): Promise<void> {
    return this.lanes.idle();
  }

  isConnected(deviceId: string): boolean {
    return (this.byDevice.get(deviceId)?.size ?? 0) > 0;
  }

  publish(topic: string, payload: unknown, opts: { retain: boolean; qos?: 0 | 1; kind: string }): Promise<void> {
    return this.publishText(topic, JSON.stringify(payload), opts);
  }

  /** A payload as it is (an empty retained one clears the topic's retained message). */
  publishText(topic: string, text: string, opts: { retain: boolean; qos?: 0 | 1; kind: string }): Promise<void> {
    this.opts.metrics.mqttMessagesOut.inc({ kind: opts.kind });
    return new Promise((resolve, reject) =>
      this.aedes.publish(
        { cmd: 'publish', topic, payload: Buffer.from(text), qos: opts.qos ?? 1, retain: opts.retain, dup: false } as never,
        (err?: Error | null) => (err ? reject(err) : resolve()),
      ),
    );
  }

  /**
   * Hands a new connection to Aedes with the limits of contract §9 in front:
   * past the maximum a connection is closed at once, and every packet's
   * declared size is checked before it is buffered (until CONNECT is accepted,
   * a few KB in all: an unauthenticated connection costs little, and the
   * connect timeout ends it).
   */
  private accept(stream: Duplex, req?: IncomingMessage): void {
    const { metrics } = this.opts;
    if (this.open >= this.limits.maxConnections) {
      metrics.refusedConnections.inc({ reason: 'too_many_connections' });
      stream.destroy();
      return;
    }
    this.open++;
    const guard: ConnectionGuard = { frames: new FrameGuard(this.limits.preAuthMaxPacket), authenticated: false, emptyClientId: false };
    let ended = false;
    const end = () => {
      if (ended) return;
      ended = true;
      this.open--;
    };
    stream.once('close', end);
    const client = this.aedes.handle(stream, req as never) as DeviceClient & { _parser: { parse(buf: Buffer): unknown } };
    client[GUARD] = guard;
    const parser = client._parser;
    const parse = parser.parse.bind(parser);
    let preAuthBytes = 0;
    let refusedLevel = false;
    parser.parse = (buf: Buffer) => {
      if (refusedLevel) return;
      if (preAuthBytes === 0 && !guard.authenticated) {
        // [MQTT-3.1.2-2]: a level neither 3.1 (3), 3.1.1 (4) nor 5 (Aedes answers 5 itself) gets CONNACK 0x01.
        const level = connectProtocolLevel(buf);
        if (level !== undefined && (level < 3 || level > 5)) {
          refusedLevel = true;
          stream.write(CONNACK_UNACCEPTABLE_PROTOCOL);
          stream.end();
          return this.opts.metrics.refusedConnections.inc({ reason: 'protocol_level' });
        }
      }
      if (!guard.authenticated && (preAuthBytes += buf.length) > this.limits.preAuthMaxBytes) return this.refuseConnection(stream, 'pre_auth_bytes');
      const verdict = guard.frames.scan(buf);
      if (!verdict.ok) return this.refuseConnection(stream, verdict.reason);
      return parse(buf);
    };
  }

  private refuseConnection(stream: Duplex, reason: string): void {
    this.opts.metrics.refusedConnections.inc({ reason });
    this.opts.log.warn({ reason }, 'mqtt connection closed by a limit');
    stream.destroy();
  }

  /** MQTT over TCP. TCP_NODELAY: without it each QoS 1 round trip waits on Nagle (~88 ms on loopback). */
  listenTcp(port: number, host: string): Promise<number> {
    return this.listenOn(createServer(), 'connection', port, host);
  }

  /** Contract §9: MQTT over TLS (HUB_MQTTS_PORT), the same broker behind a TLS handshake. */
  listenTls(port: number, host: string, tls: { cert: Buffer; key: Buffer }): Promise<number> {
    const server = createTlsServer({ cert: tls.cert, key: tls.key });
    // A client that fails the handshake (wrong CA, plain MQTT on the TLS port) is its own problem.
    server.on('tlsClientError', () => this.opts.metrics.refusedConnections.inc({ reason: 'tls_handshake' }));
    return this.listenOn(server, 'secureConnection', port, host);
  }

  private listenOn(server: NetServer, event: 'connection' | 'secureConnection', port: number, host: string): Promise<number> {
    server.on(event, (socket: Socket) => {
      socket.setNoDelay(true);
      socket.on('error', () => {});
      this.accept(socket);
    });
    this.listeners.push(server);
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        resolve((server.address() as { port: number }).port);
      });
    });
  }

  /** MQTT over WebSocket at `/mqtt` on the HTTP server (and on the HTTPS one: WSS). */
  attachWebSocket(http: HttpServer | HttpsServer) {
    // A WebSocket message is buffered whole before MQTT sees it: cap it near the packet limit.
    this.wss ??= new WebSocketServer({ noServer: true, perMessageDeflate: false, maxPayload: this.limits.maxPacket + 1024 });
    const wss = this.wss;
    http.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
      if (!req.url || new URL(req.url, 'http://x').pathname !== '/mqtt') return socket.destroy();
      (socket as Socket).setNoDelay?.(true);
      wss.handleUpgrade(req, socket, head, (ws) => {
        const stream = createWebSocketStream(ws);
        stream.on('error', () => stream.destroy());
        this.accept(stream, req);
      });
    });
  }

  async close(): Promise<void> {
    this.closing = true;
    for (const c of this.wss?.clients ?? []) c.terminate();
    this.wss?.close();
    // server.close() waits for every open connection to end, and only aedes.close() ends
    // them: stop accepting first, then close the clients, then wait for the listener.
    const listenerClosed = Promise.all(this.listeners.map((l) => new Promise<void>((r) => l.close(() => r()))));
    await new Promise<void>((r) => this.aedes.close(() => r()));
    await listenerClosed;
    await this.opts.shared?.close();
    await this.lanes.idle(); // messages already being handled finish (their PUBACK may not reach the device)
  }
}

function isValidStatus(payload: Buffer | string): boolean {
  try {
    return deviceStatusPayload.safeParse(JSON.parse(payload.toString())).success;
  } catch {
    return false;
  }
}
