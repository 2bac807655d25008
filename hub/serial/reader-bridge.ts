/**
 * A badge reader on a serial port, made an MQTT reader device (contract §2):
 *
 *   port (node-serialport) -> protocol session -> debounce -> on-disk queue -> MQTT QoS 1 -> hub
 *
 * - The reader: opened, driven by its protocol, watched for unplugging (port
 *   close or error, or its device node going away), reopened with backoff.
 * - Taps: one per presentation of a card (per-UID debounce), each with a
 *   unique id, queued on disk first and delivered in order once the hub
 *   acknowledges (PUBACK); the hub ignores a repeated `{device}:{id}`, so a
 *   redelivery after a crash is harmless.
 * - Status: retained `online` with the reader's firmware while the reader
 *   answers, `offline` while it is unplugged or the bridge stops; `lost` as
 *   the last will when the bridge itself disappears.
 */
import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { stat } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import type { MqttClient } from 'mqtt';
import type { TapPayload } from '../../shared/schemas/mqtt.js';
import { createTopics, type Topics } from '../../shared/topics.js';
import type { Logger } from '../app/deps.js';
import type { Clock } from '../app/ports.js';
import { systemClock } from '../clock.js';
import { TapDebouncer } from './debounce.js';
import { connectDevice, type DeviceLink, statusMessage } from './device-mqtt.js';
import { PROTOCOLS, type ReaderProtocol, type ReaderSession, type SessionOptions } from './reader-protocols.js';
import { closeSerialPort, openSerialPort, type SerialPort } from './serial-port.js';
import { TapQueue } from './tap-queue.js';

export interface ReaderBridgeOptions extends DeviceLink {
  /** The serial device, e.g. /dev/ttyUSB0. */
  serial: string;
  protocol: ReaderProtocol;
  /** The JSON-lines file that keeps undelivered taps. */
  queueFile: string;
  /** A card seen again within this long of its last read is the same tap (default 3 s). */
  debounceMs?: number;
  baudRate?: number;
  /** Time for the taps' `at` (the hub's clock when the bridge runs inside the hub). */
  clock?: Clock;
  log?: Logger;
  reopenMinMs?: number;
  reopenMaxMs?: number;
  /** How often the device node is checked (an RDM6300 never writes, so a hang-up is not seen otherwise). */
  livenessMs?: number;
  mqttReconnectMs?: number;
  /** PEM of the CA that signed the hub's certificate, for mqtts:// and wss:// to a hub with a private CA. */
  ca?: Buffer;
  session?: SessionOptions;
}

export type ReaderState = 'opening' | 'online' | 'unplugged' | 'stopped';

const silent: Logger = { info() {}, warn() {}, error() {}, debug() {} };

export class ReaderBridge extends EventEmitter {
  readerState: ReaderState = 'opening';
  firmware: string | null = null;
  readonly stats = { reads: 0, taps: 0, delivered: 0, opens: 0 };
  private current: ReaderSession | null = null;
  private badFramesBefore = 0;
  readonly client: MqttClient;
  private readonly topics: Topics;
  private readonly debouncer: TapDebouncer;
  private readonly log: Logger;
  private readonly clock: Clock;
  private stopped = false;
  private wakeStop!: () => void;
  private readonly stopping = new Promise<void>((resolve) => (this.wakeStop = resolve));
  private loop: Promise<void> = Promise.resolve();
  private draining: Promise<void> | null = null;

  private constructor(
    private readonly opts: ReaderBridgeOptions,
    readonly queue: TapQueue,
  ) {
    super();
    this.topics = createTopics(opts.topicRoot);
    this.debouncer = new TapDebouncer(opts.debounceMs ?? 3000);
    this.log = opts.log ?? silent;
    this.clock = opts.clock ?? systemClock;
    this.client = connectDevice(opts, { reconnectPeriod: opts.mqttReconnectMs ?? 1000, ...(opts.ca ? { ca: opts.ca } : {}) });
    let lastError = '';
    this.client.on('connect', () => {
      lastError = '';
      this.publishStatus();
      void this.drain();
    });
    this.client.on('error', (err) => {
      // MQTT.js retries every reconnect period: say it once per kind of failure, not every second.
      if (err.message !== lastError) this.log.warn({ err: err.message, device: opts.deviceId }, 'reader bridge: cannot reach the hub; retrying');
      lastError = err.message;
    });
  }

  /** Starts the bridge; neither a missing reader nor an unreachable hub stops it from starting. */
  static async start(opts: ReaderBridgeOptions): Promise<ReaderBridge> {
    const queue = await TapQueue.open(opts.queueFile, { log: opts.log });
    const bridge = new ReaderBridge(opts, queue);
    if (queue.size) bridge.log.info({ queued: queue.size, device: opts.deviceId }, 'reader bridge: taps waiting from before');
    bridge.loop = bridge.serialLoop();
    return bridge;
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.wakeStop();
    await this.loop;
    this.setReader('stopped', null);
    if (this.client.connected) {
      await this.client
        .publishAsync(this.topics.deviceStatus(this.opts.deviceId), JSON.stringify(statusMessage('offline', new Date(this.clock.now()))), { qos: 1, retain: true })
        .catch(() => {});
    }
    // Undelivered taps stay in the queue file for the next start.
    await this.client.endAsync(!this.client.connected);
    await this.draining;
    await this.queue.close();
  }

  /** Frames dropped for bad checksums or framing since the bridge started (line noise, a failing reader). */
  badFrames(): number {
    return this.badFramesBefore + (this.current?.droppedFrames() ?? 0);
  }

  /** Opens the port, runs a protocol session until the reader goes away, and opens it again. */
  private async serialLoop(): Promise<void> {
    const min = this.opts.reopenMinMs ?? 250;
    const max = this.opts.reopenMaxMs ?? 5000;
    let delay = min;
    while (!this.stopped) {
      try {
        if (await this.runSession()) delay = min;
      } catch (err) {
        this.log.debug({ err: (err as Error).message, serial: this.opts.serial }, 'reader bridge: reader not available');
      }
      if (this.stopped) break;
      if (this.readerState !== 'unplugged') this.setReader('unplugged', null);
      await Promise.race([this.stopping, new Promise((r) => setTimeout(r, delay))]);
      delay = Math.min(delay * 2, max);
    }
  }

  /** One life of the reader on its port; true when it came online. */
  private async runSession(): Promise<boolean> {
    const spec = PROTOCOLS[this.opts.protocol];
    const port = await openSerialPort(this.opts.serial, this.opts.baudRate ?? spec.baudRate);
    let session: ReaderSession | null = null;
    const gone = this.watchPort(port);
    try {
      const starting = spec.start(port, (uid) => this.onRead(uid), this.opts.session ?? {});
      session = await Promise.race([starting, gone.promise.then(() => null), this.stopping.then(() => null)]);
      if (!session) {
        // Gone or stopping while the reader was being woken: end that session too when it comes.
        void starting.then((late) => late.stop(), () => {});
        return false;
      }
      this.stats.opens++;
      this.current = session;
      this.setReader('online', session.firmware);
      const why = await Promise.race([session.ended.then((e) => (e ? `reader stopped answering: ${e.message}` : 'stopped')), gone.promise, this.stopping.then(() => 'stopped')]);
      if (why !== 'stopped') this.log.warn({ serial: this.opts.serial, why, device: this.opts.deviceId }, 'reader bridge: reader lost');
      return true;
    } finally {
      gone.cancel();
      await session?.stop();
      this.badFramesBefore += session?.droppedFrames() ?? 0;
      this.current = null;
      await closeSerialPort(port);
    }
  }

  /** Resolves when the port hangs up: close or error, or its device node gone or replaced. */
  private watchPort(port: SerialPort) {
    let timer: NodeJS.Timeout | undefined;
    let resolve!: (why: string) => void;
    const promise = new Promise<string>((r) => (resolve = r));
    port.on('error', (err) => resolve(`port error: ${err.message}`));
    port.once('close', () => resolve('port closed'));
    void stat(this.opts.serial).then((first) => {
      timer = setInterval(() => {
        stat(this.opts.serial).then(
          (now) => now.rdev !== first.rdev && resolve('device node replaced'),
          () => resolve('device node gone'),
        );
      }, this.opts.livenessMs ?? 500);
    }, () => resolve('device node gone'));
    return { promise, cancel: () => clearInterval(timer) };
  }

  private onRead(uid: string): void {
    this.stats.reads++;
    if (!this.debouncer.accept(uid, performance.now())) return;
    const tap: TapPayload = { id: randomUUID(), at: new Date(this.clock.now()).toISOString(), uid, tech: PROTOCOLS[this.opts.protocol].tech };
    this.stats.taps++;
    this.emit('tap', tap);
    this.queue.push(tap).then(
      () => this.drain(),
      (err) => this.log.error({ err, tap }, 'reader bridge: could not queue a tap'),
    );
  }

  /** Delivers queued taps in order, one at a time, while connected. */
  private drain(): Promise<void> {
    this.draining ??= this.deliverQueued().finally(() => {
      this.draining = null;
      // A tap queued between the loop's last look and now would otherwise wait for the next one.
      if (this.client.connected && this.queue.size > 0 && !this.stopped) void this.drain();
    });
    return this.draining;
  }

  private async deliverQueued(): Promise<void> {
    try {
      while (this.client.connected && this.queue.size > 0 && !this.stopped) {
        const tap = this.queue.peek()!;
        // Resolves on PUBACK; if the connection drops first, MQTT.js sends it again on reconnect.
        // Stopping does not wait for that: the tap stays queued, and a second delivery is ignored by the hub.
        const acked = this.client.publishAsync(this.topics.readerTap(this.opts.deviceId), JSON.stringify(tap), { qos: 1 });
        await Promise.race([acked, this.stopping.then(() => Promise.reject(new Error('bridge stopping')))]);
        await this.queue.ack(tap.id);
        this.stats.delivered++;
        this.emit('delivered', tap);
      }
    } catch (err) {
      this.log.warn({ err: (err as Error).message, device: this.opts.deviceId }, 'reader bridge: delivery interrupted; taps stay queued');
    }
  }

  private setReader(state: ReaderState, firmware: string | null): void {
    this.readerState = state;
    if (firmware) this.firmware = firmware;
    this.emit('reader', state);
    this.publishStatus();
  }

  private publishStatus(): void {
    if (!this.client.connected) return;
    const online = this.readerState === 'online';
    const status = statusMessage(online ? 'online' : 'offline', new Date(this.clock.now()), online ? (this.firmware ?? undefined) : undefined);
    this.client.publish(this.topics.deviceStatus(this.opts.deviceId), JSON.stringify(status), { qos: 1, retain: true });
  }
}
