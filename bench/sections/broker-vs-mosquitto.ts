/**
 * The hub's broker against Mosquitto on the same workloads: QoS 0 and QoS 1,
 * 64-byte payloads, one-to-one and one-to-many, and request/response round
 * trips. Reported as ratios (hub / Mosquitto).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mqtt, { type MqttClient } from 'mqtt';
import { freePort, ROOT } from '../lib/hub-process.js';
import { sampleProcess } from '../lib/proc.js';
import { sleep } from '../lib/pool.js';
import { round, summarize } from '../lib/stats.js';

const PAYLOAD = Buffer.alloc(64, 'x');

interface Broker {
  name: string;
  pid: number;
  url: string;
  stop(): Promise<void>;
}

async function waitPort(url: string) {
  for (let i = 0; i < 200; i++) {
    const ok = await new Promise<boolean>((r) => {
      const c = mqtt.connect(url, { reconnectPeriod: 0, connectTimeout: 500, username: 'probe', password: 'x' });
      c.once('connect', () => { c.end(true); r(true); });
      c.once('error', () => { c.end(true); r(false); });
    });
    if (ok) return;
    await sleep(50);
  }
  throw new Error(`broker at ${url} did not come up`);
}

async function startChild(name: string, cmd: string, args: string[], port: number): Promise<Broker> {
  const child: ChildProcess = spawn(cmd, args, { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  const url = `mqtt://127.0.0.1:${port}`;
  await waitPort(url);
  return {
    name,
    pid: child.pid!,
    url,
    stop: async () => {
      child.kill('SIGTERM');
      await new Promise<void>((r) => (child.exitCode !== null ? r() : child.once('exit', () => r())));
    },
  };
}

export async function startHubBroker(): Promise<Broker> {
  const port = await freePort();
  return startChild('hub', process.execPath, ['--import', 'tsx', 'bench/broker-server.ts', String(port)], port);
}

export async function startMosquitto(): Promise<Broker | null> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'bench-mosq-'));
  const conf = join(dir, 'mosquitto.conf');
  writeFileSync(conf, `listener ${port} 127.0.0.1\nallow_anonymous true\nset_tcp_nodelay true\npersistence false\nlog_dest none\nmax_queued_messages 100000\n`);
  try {
    return await startChild('mosquitto', '/usr/sbin/mosquitto', ['-c', conf], port);
  } catch {
    return null;
  }
}

const client = (url: string, id: string) =>
  new Promise<MqttClient>((resolve, reject) => {
    const c = mqtt.connect(url, { clientId: id, username: id, password: 'x', reconnectPeriod: 0, protocolVersion: 4 });
    c.once('connect', () => {
      (c.stream as { setNoDelay?: (v: boolean) => void }).setNoDelay?.(true);
      resolve(c);
    });
    c.once('error', reject);
  });

export interface FlowResult {
  messages: number;
  delivered: number;
  seconds: number;
  perSecond: number;
  brokerCpuUsPerDelivery: number;
}

/** One publisher to `subscribers` subscribers; returns deliveries per second and broker CPU per delivery. */
async function flow(b: Broker, qos: 0 | 1, subscribers: number, messages: number): Promise<FlowResult> {
  const topic = `bench/${qos}/${subscribers}/${Date.now()}`;
  const subs = await Promise.all(Array.from({ length: subscribers }, (_, i) => client(b.url, `sub-${i}-${Date.now()}`)));
  const pub = await client(b.url, `pub-${Date.now()}`);
  let delivered = 0;
  const expected = messages * subscribers;
  const all = new Promise<void>((resolve) => {
    for (const s of subs) s.on('message', () => (++delivered >= expected ? resolve() : undefined));
  });
  await Promise.all(subs.map((s) => s.subscribeAsync(topic, { qos })));
  const cpu0 = sampleProcess(b.pid).cpuMs;
  const t0 = performance.now();
  const window = 200; // messages in flight
  let inflight = 0;
  for (let i = 0; i < messages; i++) {
    while (inflight >= window) await new Promise((r) => setImmediate(r));
    inflight++;
    pub.publish(topic, PAYLOAD, { qos }, () => inflight--);
  }
  await Promise.race([all, sleep(60_000)]);
  const seconds = (performance.now() - t0) / 1000;
  const cpu = sampleProcess(b.pid).cpuMs - cpu0;
  await Promise.all([...subs, pub].map((c) => c.endAsync(true)));
  return { messages, delivered, seconds: round(seconds, 2), perSecond: round(delivered / seconds, 0), brokerCpuUsPerDelivery: round((cpu * 1000) / Math.max(1, delivered), 2) };
}

async function requestResponse(b: Broker, n: number) {
  const requester = await client(b.url, `req-${Date.now()}`);
  const responder = await client(b.url, `resp-${Date.now()}`);
  await responder.subscribeAsync('bench/rr/req', { qos: 1 });
  await requester.subscribeAsync('bench/rr/resp', { qos: 1 });
  responder.on('message', (_t, p) => responder.publish('bench/rr/resp', p, { qos: 1 }));
  const rtt: number[] = [];
  for (let i = 0; i < n; i++) {
    const got = new Promise<void>((r) => requester.once('message', () => r()));
    const t0 = performance.now();
    requester.publish('bench/rr/req', PAYLOAD, { qos: 1 });
    await got;
    rtt.push(performance.now() - t0);
  }
  await Promise.all([requester.endAsync(true), responder.endAsync(true)]);
  return summarize(rtt);
}

export async function brokerWorkloads(b: Broker, scale: number) {
  return {
    qos0OneToOne: await flow(b, 0, 1, 50_000 * scale),
    qos1OneToOne: await flow(b, 1, 1, 20_000 * scale),
    qos0OneToMany: await flow(b, 0, 20, 5_000 * scale),
    qos1OneToMany: await flow(b, 1, 20, 2_000 * scale),
    requestResponse: await requestResponse(b, Math.max(200, 2000 * scale)),
  };
}
