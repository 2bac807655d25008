/**
 * `npm run bench` (full) and `npm run bench:quick` (small; CI runs it so the
 * benchmark never rots). Loopback only; every loop bounded in count and time.
 * Reports figures against the targets; never fails on them.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bookingBench } from './sections/bookings.js';
import { brokerWorkloads, startHubBroker, startMosquitto } from './sections/broker-vs-mosquitto.js';
import { idleMemory } from './sections/memory.js';
import { reconnectStorm } from './sections/reconnect-storm.js';
import { sensorIngest } from './sections/sensor-ingest.js';
import { startupBench } from './sections/startup.js';
import { connectSite, tapToPanel } from './sections/tap-to-panel.js';
import { latencyCdfSvg } from './lib/chart.js';
import { runBench } from './lib/runner.js';
import { ROOT, startHubProcess } from './lib/hub-process.js';
import { machine, sampleProcess } from './lib/proc.js';
import { pgDatabase } from './lib/pg.js';
import { provisionSite } from './lib/site.js';
import { round } from './lib/stats.js';
import { renderMarkdown } from './report.js';

const quick = process.argv.includes('--quick');
const P = quick
  ? { rooms: 50, taps: 100, ingestRates: [500, 1000, 2000], ingestSeconds: 1, bookings: 50, brokerScale: 0.1, yearRooms: 50, yearDays: 30 }
  : { rooms: 1000, taps: 2000, ingestRates: [1000, 2500, 5000, 7500, 10_000, 15_000, 20_000], ingestSeconds: 3, bookings: 500, brokerScale: 1, yearRooms: 1000, yearDays: 365 };

const log = (msg: string) => process.stdout.write(`[bench] ${msg}\n`);
const version = (pkg: string) => (JSON.parse(readFileSync(join(ROOT, 'node_modules', pkg, 'package.json'), 'utf8')) as { version: string }).version;

async function main() {
  execFileSync(process.execPath, ['scripts/build-hub.mjs'], { cwd: ROOT, stdio: 'inherit' });
  const startedAt = new Date().toISOString();
  const results: Record<string, unknown> = { mode: quick ? 'quick' : 'full', startedAt, parameters: P };
  const mosquittoVersion = (() => {
    try {
      return execFileSync('/usr/sbin/mosquitto', ['-h'], { encoding: 'utf8' }).split('\n')[0];
    } catch (e) {
      return String((e as { stdout?: string }).stdout ?? '').split('\n')[0] || 'unknown';
    }
  })();
  results.machine = { ...machine(), versions: { aedes: version('aedes'), mqtt: version('mqtt'), fastify: version('fastify'), prisma: version('prisma'), mosquitto: mosquittoVersion } };

  // 1 + 2 + 3 + 4 + 6 on SQLite; 1 again on PostgreSQL.
  log(`SQLite hub, ${P.rooms} rooms`);
  const hub = await startHubProcess();
  const idle = await idleMemory(hub);
  log(`  idle: rss ${idle.rssMb} MB, heap used ${idle.heapUsedMb} MB`);
  const site = await provisionSite(hub, P.rooms);
  let conns = await connectSite(hub, site);
  log('tap to panel (SQLite)');
  const tapSqlite = await tapToPanel(hub, site, conns, P.taps);
  log(`  p50 ${tapSqlite.latencyMs.p50.toFixed(2)} ms, p99 ${tapSqlite.latencyMs.p99.toFixed(2)} ms`);
  conns.stopBackground();
  log('sensor ingest');
  const ingest = await sensorIngest(hub, conns.sensors, P.ingestRates, P.ingestSeconds);
  log(`  sustained ${ingest.sustainedPerSecond}/s`);
  await conns.close();
  log('bookings');
  const bookings = await bookingBench(hub, site, P.bookings);
  log('reconnect storm');
  const storm = await reconnectStorm(hub, site);
  log(`  ${storm.devices} devices: connected in ${storm.allConnectedMs} ms, panels current in ${storm.allPanelsCurrentMs} ms`);
  log(`  with ${storm.devices} devices: rss ${storm.rssMbConnected} MB, heap used ${storm.heapUsedMbConnected} MB`);
  const afterRss = sampleProcess(hub.pid).rssMb;
  await hub.stop();
  results.tapToPanel = { sqlite: { ...tapSqlite, samples: undefined } };
  results.sensorIngest = ingest;
  results.bookings = bookings;
  results.reconnectStorm = storm;
  results.memory = { idleMb: idle.rssMb, idleHeapUsedMb: idle.heapUsedMb, connectedMb: storm.rssMbConnected, connectedHeapUsedMb: storm.heapUsedMbConnected, afterRunMb: round(afterRss, 1) };

  let tapPg: Awaited<ReturnType<typeof tapToPanel>> | null = null;
  const db = await pgDatabase(log);
  if (db) {
    log(`PostgreSQL hub, ${P.rooms} rooms`);
    const hubPg = await startHubProcess({ databaseUrl: db.url });
    const sitePg = await provisionSite(hubPg, P.rooms);
    conns = await connectSite(hubPg, sitePg);
    tapPg = await tapToPanel(hubPg, sitePg, conns, P.taps);
    log(`  p50 ${tapPg.latencyMs.p50.toFixed(2)} ms, p99 ${tapPg.latencyMs.p99.toFixed(2)} ms`);
    await conns.close();
    await hubPg.stop();
    await db.drop();
    (results.tapToPanel as Record<string, unknown>).postgresql = { ...tapPg, samples: undefined };
  }

  log('broker against Mosquitto');
  const hubBroker = await startHubBroker();
  const hubFlows = await brokerWorkloads(hubBroker, P.brokerScale);
  await hubBroker.stop();
  const mosquitto = await startMosquitto();
  if (mosquitto) {
    const mosqFlows = await brokerWorkloads(mosquitto, P.brokerScale);
    await mosquitto.stop();
    results.broker = { hub: hubFlows, mosquitto: mosqFlows };
  } else {
    results.broker = { hub: hubFlows, mosquitto: null };
    log('Mosquitto could not be started: no ratios');
  }

  log('start-up');
  results.startup = await startupBench(P.yearRooms, P.yearDays);
  results.finishedAt = new Date().toISOString();

  const outDir = quick ? join(ROOT, 'test-output', 'bench') : join(ROOT, 'docs');
  mkdirSync(outDir, { recursive: true });
  const svg = latencyCdfSvg(
    [
      { name: 'SQLite', samples: tapSqlite.samples, colour: '#1f6feb' },
      ...(tapPg ? [{ name: 'PostgreSQL', samples: tapPg.samples, colour: '#d1242f' }] : []),
    ],
    `Tap to panel, ${P.rooms} rooms, sensors every 10 s`,
  );
  writeFileSync(join(outDir, 'tap-latency.svg'), svg);
  writeFileSync(join(outDir, quick ? 'bench-quick.json' : 'benchmarks.json'), JSON.stringify(results, null, 2));
  const notes = readFileSync(join(ROOT, 'bench', 'NOTES.md'), 'utf8');
  const md = `${renderMarkdown(results as never)}\n${notes}`;
  writeFileSync(join(outDir, quick ? 'bench-quick.md' : 'benchmarks.md'), md);
  process.stdout.write(`\n${md}\n`);
}

runBench(main, quick ? 10 * 60_000 : 60 * 60_000, log);
