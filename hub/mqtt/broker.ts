/**
 * The embedded Aedes broker on TCP and on WebSocket (`/mqtt` on the HTTP
 * server). Authentication against device token hashes, contract §2 ACLs,
 * and counting of everything refused.
 */
import type { IncomingMessage, Server as HttpServer } from 'node:http';
import { createServer, type Server as NetServer, type Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { Aedes, type AedesPublishPacket, type Client } from 'aedes';
import { createWebSocketStream, WebSocketServer } from 'ws';
import { deviceStatusPayload } from '../../shared/schemas/mqtt.js';
import type { Topics } from '../../shared/topics.js';
import type { Logger } from '../app/deps.js';
import type { DeviceRecord } from '../app/ports.js';
import type { HubMetrics } from '../metrics.js';
import { type DeviceIdentity, mayPublish, maySubscribe } from './acl.js';

type AuthError = Error & { returnCode: number };
const BAD_USERNAME_OR_PASSWORD = 4;
/** `$` topics are not matched by `#` (MQTT-4.7.2-1) and devices may not subscribe to them. */
const REFUSED_SINK = '$hub/refused';

function isValidStatus(payload: Buffer | string): boolean {
  try {
    return deviceStatusPayload.safeParse(JSON.parse(payload.toString())).success;
  } catch {
    return false;
  }
}
const NOT_AUTHORIZED = 5;

/** The authenticated device, kept on the Aedes client object. */
const DEVICE = Symbol('device');
type DeviceClient = Client & { [DEVICE]?: DeviceIdentity };

export interface BrokerOptions {
  topics: Topics;
  metrics: HubMetrics;
  log: Logger;
  authenticate(deviceId: string, token: string): Promise<DeviceRecord | null>;
  /** Called for every message a device publishes, after authorization. */
  onDeviceMessage(device: DeviceIdentity, packet: AedesPublishPacket): void;
  onDeviceDisconnect?(device: DeviceIdentity): void;
  /** The contract §2 ACL unless replaced (the broker benchmark opens a test topic). */
  acl?: { mayPublish: typeof mayPublish; maySubscribe: typeof maySubscribe };
}

export class MqttBroker {
  readonly aedes: Aedes;
  private tcp: NetServer | null = null;
  private wss: WebSocketServer | null = null;
  private readonly byDevice = new Map<string, Set<DeviceClient>>();

  private constructor(aedes: Aedes, private readonly opts: BrokerOptions) {
    this.aedes = aedes;
  }

  static async create(opts: BrokerOptions): Promise<MqttBroker> {
    const { metrics, topics, log } = opts;
    const acl = opts.acl ?? { mayPublish, maySubscribe };
    let self: MqttBroker | undefined;
    const aedes = await Aedes.createBroker({
      authenticate: (client, username, password, done) => {
        const refuse = (code: number, reason: string) => {
          metrics.refusedConnections.inc({ reason });
          const err = new Error(reason) as AuthError;
          err.returnCode = code;
          done(err, false);
        };
        if (!username || !password) return refuse(BAD_USERNAME_OR_PASSWORD, 'missing_credentials');
        opts.authenticate(username, password.toString('utf8')).then(
          (device) => {
            if (!device) return refuse(NOT_AUTHORIZED, 'bad_credentials');
            // A second connection with the same client id takes over (MQTT-3.1.4-2), but only
            // for the same device: one device may not knock another off by borrowing its client id.
            const holder = (self?.aedes as unknown as { clients: Record<string, DeviceClient> } | undefined)?.clients[client.id];
            if (holder && holder !== client && holder[DEVICE] && holder[DEVICE].id !== device.id) {
              return refuse(NOT_AUTHORIZED, 'client_id_of_another_device');
            }
            (client as DeviceClient)[DEVICE] = { id: device.id, kind: device.kind, roomId: device.roomId };
            done(null, true);
          },
          (err) => {
            log.error({ err }, 'device authentication failed');
            refuse(3, 'server_unavailable');
          },
        );
      },
      authorizePublish: (client, packet, callback) => {
        if (!client) return callback(null); // the hub's own messages
        const device = (client as DeviceClient)[DEVICE];
        if (device && acl.mayPublish(topics, device, packet.topic)) {
          if (topics.parse(packet.topic)?.kind !== 'device_status' || isValidStatus(packet.payload)) return callback(null);
          // A bad retained status would be kept and handed to every subscriber: drop it here.
          metrics.invalidPayloads.inc({ kind: 'device_status' });
        } else {
          metrics.refusedPublishes.inc({ reason: 'acl' });
          log.warn({ device: device?.id, topic: packet.topic }, 'publish refused');
        }
        // Refused like Mosquitto does for MQTT 3.1.1: acknowledged, then dropped into a
        // sink topic nobody may subscribe to. Closing the connection instead (Aedes'
        // default) makes a client resend its stored QoS 1 message after every reconnect.
        packet.topic = `${REFUSED_SINK}/${client.id}`;
        packet.retain = false;
        callback(null);
      },
      authorizeSubscribe: (client, sub, callback) => {
        const device = (client as DeviceClient)[DEVICE];
        if (device && acl.maySubscribe(topics, device, sub.topic)) return callback(null, sub);
        metrics.refusedSubscriptions.inc();
        log.warn({ device: device?.id, topic: sub.topic }, 'subscribe refused');
        callback(null, null); // a negative SUBACK, the connection stays up
      },
    });
    self = new MqttBroker(aedes, opts);
    aedes.on('client', (c) => self!.track(c as DeviceClient));
    aedes.on('clientDisconnect', (c) => self!.untrack(c as DeviceClient));
    aedes.on('publish', (packet, client) => {
      const device = client ? (client as DeviceClient)[DEVICE] : undefined;
      if (!device || packet.topic.startsWith(REFUSED_SINK)) return;
      metrics.mqttMessagesIn.inc({ kind: topics.parse(packet.topic)?.kind ?? 'unknown' });
      opts.onDeviceMessage(device, packet);
    });
    aedes.on('clientError', (c, err) => log.debug({ client: c?.id, err: err.message }, 'mqtt client error'));
    aedes.on('connectionError', (c, err) => {
      // Refused before authentication, e.g. MQTT 5 (Aedes implements 3.1 and 3.1.1 only) or garbage bytes.
      metrics.refusedConnections.inc({ reason: /protocol version/i.test(err.message) ? 'protocol_version' : 'protocol_error' });
      log.debug({ client: c?.id, err: err.message }, 'mqtt connection error');
    });
    return self;
  }

  private track(c: DeviceClient) {
    const d = c[DEVICE];
    if (!d) return;
    let set = this.byDevice.get(d.id);
    if (!set) this.byDevice.set(d.id, (set = new Set()));
    set.add(c);
    this.opts.metrics.connectedClients.set(this.aedes.connectedClients);
  }

  private untrack(c: DeviceClient) {
    const d = c[DEVICE];
    if (!d) return;
    this.byDevice.get(d.id)?.delete(c);
    if (this.byDevice.get(d.id)?.size === 0) this.byDevice.delete(d.id);
    this.opts.metrics.connectedClients.set(this.aedes.connectedClients);
    this.opts.onDeviceDisconnect?.(d);
  }

  /** Drops every connection of a device (revocation). */
  disconnect(deviceId: string) {
    for (const c of this.byDevice.get(deviceId) ?? []) c.close();
  }

  isConnected(deviceId: string): boolean {
    return (this.byDevice.get(deviceId)?.size ?? 0) > 0;
  }

  publish(topic: string, payload: unknown, opts: { retain: boolean; qos?: 0 | 1; kind: string }): Promise<void> {
    this.opts.metrics.mqttMessagesOut.inc({ kind: opts.kind });
    return new Promise((resolve, reject) =>
      this.aedes.publish(
        { cmd: 'publish', topic, payload: Buffer.from(JSON.stringify(payload)), qos: opts.qos ?? 1, retain: opts.retain, dup: false },
        (err?: Error | null) => (err ? reject(err) : resolve()),
      ),
    );
  }

  /** MQTT over TCP. TCP_NODELAY: without it each QoS 1 round trip waits on Nagle (~88 ms on loopback). */
  listenTcp(port: number, host: string): Promise<number> {
    const server = createServer((socket: Socket) => {
      socket.setNoDelay(true);
      this.aedes.handle(socket);
    });
    this.tcp = server;
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        resolve((server.address() as { port: number }).port);
      });
    });
  }

  /** MQTT over WebSocket at `/mqtt` on the HTTP server. */
  attachWebSocket(http: HttpServer) {
    const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false });
    this.wss = wss;
    http.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
      if (!req.url || new URL(req.url, 'http://x').pathname !== '/mqtt') return socket.destroy();
      (socket as Socket).setNoDelay?.(true);
      wss.handleUpgrade(req, socket, head, (ws) => {
        const stream = createWebSocketStream(ws);
        stream.on('error', () => stream.destroy());
        this.aedes.handle(stream, req);
      });
    });
  }

  async close(): Promise<void> {
    for (const c of this.wss?.clients ?? []) c.terminate();
    this.wss?.close();
    // server.close() waits for every open connection to end, and only aedes.close() ends
    // them: stop accepting first, then close the clients, then wait for the listener.
    const listenerClosed = new Promise<void>((r) => (this.tcp ? this.tcp.close(() => r()) : r()));
    await new Promise<void>((r) => this.aedes.close(() => r()));
    await listenerClosed;
  }
}
