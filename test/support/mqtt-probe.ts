/**
 * A bare MQTT 3.1.1 client for the conformance suite: packets built and parsed
 * by mqtt-packet (the codec MQTT.js and Aedes use), sent over a raw TCP socket,
 * so a test controls every packet (no automatic PUBACK, no reconnect, a
 * second CONNECT, a PUBLISH before CONNECT, raw bytes) and sees every packet
 * the broker sends, in order, and whether it closed the connection.
 */
import { connect as tcpConnect, type Socket } from 'node:net';
import { generate, type Packet, parser as mqttParser } from 'mqtt-packet';

export class MqttProbe {
  readonly received: Packet[] = [];
  readonly closed: Promise<void>;
  isClosed = false;
  private waiters: (() => void)[] = [];

  private constructor(readonly socket: Socket) {
    const parser = mqttParser({ protocolVersion: 4 });
    parser.on('packet', (p: Packet) => {
      this.received.push(p);
      this.wake();
    });
    parser.on('error', () => socket.destroy());
    socket.on('data', (d: Buffer) => parser.parse(d));
    socket.on('error', () => {});
    this.closed = new Promise((r) =>
      socket.once('close', () => {
        this.isClosed = true;
        this.wake();
        r();
      }),
    );
  }

  static open(port: number, host = '127.0.0.1'): Promise<MqttProbe> {
    return new Promise((resolve, reject) => {
      const socket = tcpConnect({ port, host });
      socket.setNoDelay(true);
      socket.once('connect', () => resolve(new MqttProbe(socket)));
      socket.once('error', reject);
    });
  }

  /** Opens, sends CONNECT and waits for the CONNACK. */
  static async connect(port: number, connect: Omit<Extract<Packet, { cmd: 'connect' }>, 'cmd'>): Promise<MqttProbe> {
    const p = await MqttProbe.open(port);
    p.send({ cmd: 'connect', protocolVersion: 4, protocolId: 'MQTT', keepalive: 60, clean: true, ...connect } as Packet);
    const ack = await p.next('connack');
    if (ack.returnCode !== 0) throw new Error(`CONNACK ${ack.returnCode}`);
    return p;
  }

  private wake() {
    for (const w of this.waiters.splice(0)) w();
  }

  send(packet: Packet): void {
    this.socket.write(generate(packet));
  }

  raw(bytes: Buffer): void {
    this.socket.write(bytes);
  }

  /** The first packet of this kind (matching `where`) not yet taken; taken ones are removed. */
  async next<C extends Packet['cmd']>(cmd: C, opts: { timeoutMs?: number; where?: (p: Extract<Packet, { cmd: C }>) => boolean } = {}): Promise<Extract<Packet, { cmd: C }>> {
    const deadline = Date.now() + (opts.timeoutMs ?? 5000);
    for (;;) {
      const i = this.received.findIndex((p) => p.cmd === cmd && (!opts.where || opts.where(p as Extract<Packet, { cmd: C }>)));
      if (i >= 0) return this.received.splice(i, 1)[0] as Extract<Packet, { cmd: C }>;
      if (this.isClosed) throw new Error(`connection closed before a ${cmd}`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no ${cmd} within ${opts.timeoutMs ?? 5000} ms`);
      await new Promise<void>((r) => {
        const t = setTimeout(r, left);
        this.waiters.push(() => {
          clearTimeout(t);
          r();
        });
      });
    }
  }

  /** Nothing of this kind arrives within `ms` (what a test of "is not delivered" waits for). */
  async none(cmd: Packet['cmd'], ms: number, where?: (p: Packet) => boolean): Promise<boolean> {
    await new Promise((r) => setTimeout(r, ms));
    return !this.received.some((p) => p.cmd === cmd && (!where || where(p)));
  }

  /** Whether the broker closes the connection within `ms`. */
  async closesWithin(ms: number): Promise<boolean> {
    return Promise.race([this.closed.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), ms))]);
  }

  async subscribe(topic: string, qos: 0 | 1 = 1, messageId = 1): Promise<number[]> {
    this.send({ cmd: 'subscribe', messageId, subscriptions: [{ topic, qos }] });
    const ack = await this.next('suback', { where: (s) => s.messageId === messageId });
    return ack.granted as number[];
  }

  async publish(topic: string, payload: string | Buffer, opts: { qos?: 0 | 1; retain?: boolean; messageId?: number } = {}): Promise<void> {
    const qos = opts.qos ?? 0;
    const messageId = opts.messageId ?? 1;
    this.send({ cmd: 'publish', topic, payload, qos, retain: opts.retain ?? false, dup: false, ...(qos ? { messageId } : {}) });
    if (qos === 1) await this.next('puback', { where: (a) => a.messageId === messageId });
  }

  /** A clean end: DISCONNECT, then the socket. */
  async disconnect(): Promise<void> {
    if (!this.isClosed) {
      this.send({ cmd: 'disconnect' });
      this.socket.end();
    }
    await this.closed;
  }

  /** The network connection lost without DISCONNECT. */
  async drop(): Promise<void> {
    this.socket.destroy();
    await this.closed;
  }
}
