/**
 * `npm run bench:memory`: the footprint figures of issue 13 alone, without the
 * rest of the benchmark: resident memory idle, after provisioning and booking
 * 1,000 rooms, and with their 3,000 devices connected; heap used each time.
 * `--rooms N` for another size; `--snapshot` also writes a heap snapshot of the
 * hub with every device connected (node --heapsnapshot-signal) into test-output/.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { bookingBench } from './sections/bookings.js';
import { idleMemory, memoryNow } from './sections/memory.js';
import { connectSite } from './sections/tap-to-panel.js';
import { ROOT, startHubProcess } from './lib/hub-process.js';
import { provisionSite } from './lib/site.js';

const arg = (name: string) => process.argv[process.argv.indexOf(name) + 1];
const rooms = process.argv.includes('--rooms') ? Number(arg('--rooms')) : 1000;
const snapshot = process.argv.includes('--snapshot');
/** `--node-args "--flag --flag"` and `--env A=1,B=2`: try runtime settings without a rebuild. */
const nodeArgs = process.argv.includes('--node-args') ? arg('--node-args')!.split(' ').filter(Boolean) : undefined;
const extraEnv = process.argv.includes('--env')
  ? Object.fromEntries(
      arg('--env')!
        .split(',')
        .map((kv) => kv.split('=') as [string, string]),
    )
  : {};
const log = (msg: string) => process.stdout.write(`[memory] ${msg}\n`);

async function main() {
  execFileSync(process.execPath, ['scripts/build-hub.mjs'], { cwd: ROOT, stdio: 'inherit' });
  const hub = await startHubProcess({ nodeArgs, env: { ...extraEnv, ...(snapshot ? { NODE_OPTIONS: '--heapsnapshot-signal=SIGUSR2' } : {}) } });
  try {
    const idle = await idleMemory(hub);
    log(`idle: rss ${idle.rssMb} MB, heap used ${idle.heapUsedMb} MB`);
    const site = await provisionSite(hub, rooms);
    await bookingBench(hub, site, Math.min(500, rooms));
    const booked = await memoryNow(hub);
    log(`${rooms} rooms provisioned and booked: rss ${booked.rssMb} MB, heap used ${booked.heapUsedMb} MB`);
    const conns = await connectSite(hub, site);
    await new Promise((r) => setTimeout(r, 2000));
    const connected = await memoryNow(hub);
    log(`${rooms * 3} devices connected: rss ${connected.rssMb} MB, heap used ${connected.heapUsedMb} MB (heap total ${connected.heapTotalMb} MB, external ${connected.externalMb} MB)`);
    if (snapshot) {
      const before = new Set(readdirSync(ROOT));
      process.kill(hub.pid, 'SIGUSR2');
      for (let i = 0; i < 600 && !readdirSync(ROOT).some((f) => f.endsWith('.heapsnapshot') && !before.has(f)); i++) await new Promise((r) => setTimeout(r, 500));
      await new Promise((r) => setTimeout(r, 3000));
      const file = readdirSync(ROOT).find((f) => f.endsWith('.heapsnapshot') && !before.has(f));
      if (file) {
        mkdirSync(join(ROOT, 'test-output'), { recursive: true });
        renameSync(join(ROOT, file), join(ROOT, 'test-output', file));
        log(`heap snapshot: test-output/${file}`);
      }
    }
    await conns.close();
    const after = await idleMemory(hub, 2000);
    log(`devices gone: rss ${after.rssMb} MB, heap used ${after.heapUsedMb} MB`);
    process.stdout.write(`${JSON.stringify({ rooms, devices: rooms * 3, idle, booked, connected, after })}\n`);
  } finally {
    await hub.stop();
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
