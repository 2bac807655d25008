/**
 * `npm run bench:cluster` (and `-- --quick`): several hubs, one site (issue 12,
 * contract §9). For 1, 2 and 3 hubs sharing one PostgreSQL database and one
 * Redis (plus one hub alone without Redis, the default, as the reference):
 * tap-to-panel latency with every room's reader on another hub than its panel
 * (the tap crosses Redis), sensor ingest with the sensors spread over the hubs,
 * and what each hub costs PostgreSQL and Redis (connections, memory).
 * Loopback only, every loop bounded; reports, never fails.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import pg from 'pg';
import { type HubProcess, ROOT, startHubProcess } from './lib/hub-process.js';
import { pgDatabase } from './lib/pg.js';
import { runBench } from './lib/runner.js';
import { machine, sampleProcess } from './lib/proc.js';
import { provisionSite } from './lib/site.js';
import { round } from './lib/stats.js';
import { sensorIngest } from './sections/sensor-ingest.js';
import { connectSite, tapToPanel } from './sections/tap-to-panel.js';

const quick = process.argv.includes('--quick');
const P = quick ? { rooms: 60, taps: 120, ingestRates: [500, 1000, 2000], ingestSeconds: 1 } : { rooms: 1000, taps: 2000, ingestRates: [1000, 2500, 5000, 7500, 10_000], ingestSeconds: 3 };
/** Its own database number: the run empties it. */
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379/14';
const log = (msg: string) => process.stdout.write(`[bench:cluster] ${msg}\n`);

interface Run {
  label: string;
  hubs: number;
  redis: boolean;
  tapP50Ms: number;
  tapP99Ms: number;
  tapFailures: number;
  ingestSustainedPerSecond: number;
  cpuUsPerMessage: number;
  ingestSteps: unknown[];
  perHub: { rssMb: number; pgConnections: number; redisConnections: number };
  redisUsedMb: number;
  redisKeys: number;
}

async function pgConnections(url: string): Promise<number> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const r = await c.query<{ n: string }>('SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()');
    return Number(r.rows[0]!.n);
  } finally {
    await c.end();
  }
}

const info = async (r: Redis, section: string, field: string) => Number(new RegExp(`${field}:(\\d+)`).exec(await r.info(section))?.[1] ?? NaN);

async function runSite(hubCount: number, withRedis: boolean, redis: Redis | null): Promise<Run | null> {
  const db = await pgDatabase(log);
  if (!db) return null;
  const label = withRedis ? `${hubCount} hub${hubCount > 1 ? 's' : ''} + Redis` : '1 hub, no Redis';
  log(`${label}: ${P.rooms} rooms`);
  await redis?.flushdb();
  const redisClientsBefore = redis ? await info(redis, 'clients', 'connected_clients') : 0;
  const redisMemBefore = redis ? await info(redis, 'memory', 'used_memory') : 0;
  const env = (i: number): Record<string, string> => ({
    HUB_MQTT_DEVICE_RATE: '100000',
    HUB_MQTT_DEVICE_BURST: '100000',
    ...(withRedis ? { HUB_REDIS_URL: REDIS_URL, HUB_NODE_ID: `bench-${i}` } : {}),
  });
  const hubs: HubProcess[] = [await startHubProcess({ databaseUrl: db.url, env: env(0) })];
  for (let i = 1; i < hubCount; i++) hubs.push(await startHubProcess({ databaseUrl: db.url, env: env(i) }));
  try {
    const site = await provisionSite(hubs[0]!, P.rooms);
    // A room's panel and sensor on one hub, its reader on the next: with several hubs every tap crosses hubs.
    const conns = await connectSite(hubs[0]!, site, (kind, i) => hubs[(i + (kind === 'reader' ? 1 : 0)) % hubs.length]!);
    const tap = await tapToPanel(hubs[0]!, site, conns, P.taps);
    // Right after the taps, while the pools are warm (Prisma closes idle connections).
    const pgBusy = await pgConnections(db.url);
    log(`  tap to panel p50 ${tap.latencyMs.p50.toFixed(2)} ms, p99 ${tap.latencyMs.p99.toFixed(2)} ms (${tap.failures} failures)`);
    conns.stopBackground();
    const ingest = await sensorIngest(hubs, conns.sensors, P.ingestRates, P.ingestSeconds);
    log(`  sensor ingest sustained ${ingest.sustainedPerSecond}/s`);
    const pgConns = Math.max(pgBusy, await pgConnections(db.url));
    const rss = hubs.map((h) => sampleProcess(h.pid).rssMb);
    const redisClients = redis ? (await info(redis, 'clients', 'connected_clients')) - redisClientsBefore : 0;
    const redisUsed = redis ? (await info(redis, 'memory', 'used_memory')) - redisMemBefore : 0;
    const keys = redis ? await redis.dbsize() : 0;
    await conns.close();
    return {
      label,
      hubs: hubCount,
      redis: withRedis,
      tapP50Ms: round(tap.latencyMs.p50),
      tapP99Ms: round(tap.latencyMs.p99),
      tapFailures: tap.failures,
      ingestSustainedPerSecond: ingest.sustainedPerSecond,
      cpuUsPerMessage: ingest.cpuUsPerMessageAtSustained,
      ingestSteps: ingest.steps,
      perHub: { rssMb: round(rss.reduce((a, b) => a + b, 0) / hubCount, 0), pgConnections: round(pgConns / hubCount, 1), redisConnections: round(redisClients / hubCount, 1) },
      redisUsedMb: round(redisUsed / 2 ** 20, 1),
      redisKeys: keys,
    };
  } finally {
    await Promise.all(hubs.map((h) => h.stop()));
    await db.drop();
  }
}

function render(runs: Run[]): string {
  const ref = runs.find((r) => r.redis && r.hubs === 1) ?? runs[0]!;
  const ratio = (v: number, base: number) => (base ? `${(v / base).toFixed(2)}×` : '–');
  const rows = runs.map(
    (r) =>
      `| ${r.label} | ${r.tapP50Ms} | ${r.tapP99Ms} (${ratio(r.tapP99Ms, ref.tapP99Ms)}) | ${r.ingestSustainedPerSecond}/s (${ratio(r.ingestSustainedPerSecond, ref.ingestSustainedPerSecond)}) | ${r.cpuUsPerMessage} | ${r.perHub.rssMb} | ${r.perHub.pgConnections} | ${r.perHub.redisConnections} | ${r.redisUsedMb} MB, ${r.redisKeys} keys |`,
  );
  return [
    `## Several hubs, one site (${quick ? 'quick' : 'full'} run, ${P.rooms} rooms, ${new Date().toISOString().slice(0, 10)})`,
    '',
    'Ratios against one hub with Redis. Every process (hubs, PostgreSQL, Redis and the load generator) shares the same two cores, so more hubs add work (Redis hops, one more process) without adding CPU: the curve shows the cost of clustering, not its gain, which needs a machine per hub.',
    '',
    '| site | tap→panel p50 ms | tap→panel p99 ms | sensor ingest (p99 < 50 ms) | hub CPU µs/msg | RSS MB per hub | PG connections per hub | Redis connections per hub | Redis used |',
    '|---|---|---|---|---|---|---|---|---|',
    ...rows,
    '',
  ].join('\n');
}

async function main() {
  execFileSync(process.execPath, ['scripts/build-hub.mjs'], { cwd: ROOT, stdio: 'inherit' });
  const redis = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1, retryStrategy: () => null });
  redis.on('error', () => {});
  const haveRedis = await redis.connect().then(
    () => true,
    () => false,
  );
  const runs: Run[] = [];
  const single = await runSite(1, false, null);
  if (single) runs.push(single);
  if (haveRedis) {
    for (const n of [1, 2, 3]) {
      const r = await runSite(n, true, redis);
      if (r) runs.push(r);
    }
    await redis.flushdb();
  } else log(`Redis at ${REDIS_URL} not available: only the single hub is measured`);
  redis.disconnect();
  const md = render(runs);
  const outDir = quick ? join(ROOT, 'test-output', 'bench') : join(ROOT, 'docs');
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, quick ? 'cluster-bench-quick.json' : 'cluster-bench.json'), JSON.stringify({ machine: machine(), parameters: P, runs }, null, 2));
  writeFileSync(join(outDir, quick ? 'cluster-bench-quick.md' : 'cluster-bench.md'), md);
  process.stdout.write(`\n${md}\n`);
}

runBench(main, 20 * 60_000, log);
