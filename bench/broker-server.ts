/**
 * The hub's broker alone (MqttBroker: Aedes with the hub's authentication
 * hook, TCP_NODELAY), with its ACL opened for `bench/#`, so the same
 * publish/subscribe workload can run through it and through Mosquitto.
 * Usage: tsx bench/broker-server.ts <port>
 */
import { pino } from 'pino';
import { createTopics } from '../shared/topics.js';
import { HubMetrics } from '../hub/metrics.js';
import { MqttBroker } from '../hub/mqtt/broker.js';

const port = Number(process.argv[2]);
const open = (_t: unknown, _d: unknown, topic: string) => topic.startsWith('bench/');
const broker = await MqttBroker.create({
  topics: createTopics(),
  metrics: new HubMetrics(),
  log: pino({ level: 'warn' }),
  authenticate: async (id) => ({ id, kind: 'sensor', roomId: 'bench', name: null, tokenHash: '', status: 'online', lastSeenAt: null, firmware: null, battery: null, revokedAt: null }),
  onDeviceMessage: () => {},
  // The workload is the broker's own throughput: no per-device rate limit.
  limits: { deviceRate: 1e9, deviceBurst: 1e9 },
  acl: { mayPublish: open, maySubscribe: open },
});
await broker.listenTcp(port, '127.0.0.1');
process.stdout.write('ready\n');
process.on('SIGTERM', () => void broker.close().then(() => process.exit(0)));
