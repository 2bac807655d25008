/**
 * `npm start` runs the hub; `npm start -- --demo [--demo-speed N]` also runs
 * the device simulator through a day of meetings on a separate demo database.
 */
import { rmSync } from 'node:fs';
import { DateTime } from 'luxon';
import { AcceleratedClock } from './clock.js';
import { ConfigError, type HubConfig, loadConfig } from './config.js';
import { type Hub, startHub } from './main.js';
import { assertPortsFree, PortInUseError } from './ports.js';

function demoSetup(config: HubConfig, args: string[]) {
  const i = args.indexOf('--demo-speed');
  const speed = i >= 0 ? Number(args[i + 1]) : 60;
  if (!(speed >= 1 && speed <= 600)) throw new ConfigError('--demo-speed must be between 1 and 600');
  // The demo day starts at 08:40 today in the hub's zone, on its own database.
  const start = DateTime.now().setZone(config.timeZone).set({ hour: 8, minute: 40, second: 0, millisecond: 0 }).toMillis();
  if (!process.env.DATABASE_URL) {
    const file = `${config.dataDir}/demo.db`;
    for (const f of [file, `${file}-wal`, `${file}-shm`]) rmSync(f, { force: true });
    config.databaseUrl = `file:${file}`;
    // The demo's admin is new on every run: keep its password apart from the real hub's.
    config.adminPasswordFile = `${config.dataDir}/demo-admin-password.txt`;
  }
  config.sweepIntervalMs = 500; // fine-grained timers for the fast clock
  if (!process.env.HUB_LOG_LEVEL) config.logLevel = 'warn';
  return new AcceleratedClock(start, speed);
}

/** What the console says once the hub listens (issue 13: every start says where the initial password is). */
function readyLines(hub: Pick<Hub, 'httpPort' | 'mqttPort' | 'httpsPort' | 'mqttsPort' | 'adminPasswordFile'>): string[] {
  const lines = [`Meeting hub ready: http://localhost:${hub.httpPort}  (API /api, OpenAPI /api/openapi.json, metrics /metrics; MQTT tcp ${hub.mqttPort}, ws /mqtt)`];
  if (hub.httpsPort !== undefined) lines.push(`  with TLS: https://localhost:${hub.httpsPort}  (wss /mqtt; MQTT over TLS ${hub.mqttsPort})`);
  if (hub.adminPasswordFile) lines.push(`The initial admin password is in ${hub.adminPasswordFile}: sign in as admin, change the password, then delete that file.`);
  return lines;
}

async function main() {
  const args = process.argv.slice(2);
  const config = loadConfig();
  const demo = args.includes('--demo');
  // Before the demo clears its database: a taken port changes nothing on disk.
  await assertPortsFree(config);
  const clock = demo ? demoSetup(config, args) : undefined;
  const hub = await startHub(config, { clock });
  for (const line of readyLines(hub)) console.log(line);
  let sim: { stop(): Promise<void> } | undefined;
  if (clock) {
    const { runDemo } = await import('../firmware-sim/demo.js');
    sim = await runDemo(hub, config, clock);
  }
  const shutdown = async () => {
    await sim?.stop();
    await hub.stop();
    process.exit(0);
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch((err) => {
  if (err instanceof ConfigError || err instanceof PortInUseError) console.error(`hub: ${err.message}`);
  else console.error('hub failed to start:', err);
  process.exit(1);
});
