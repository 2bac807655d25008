/**
 * Issue 13 footprint: the hub's resident memory idle, then with a site of
 * 1,000 rooms (3,000 devices) provisioned, booked and all connected at once,
 * and the V8 heap then (from /api/health). Targets: < 150 MB idle, < 250 MB
 * with 3,000 devices.
 */
import type { HubProcess } from '../lib/hub-process.js';
import { sampleProcess } from '../lib/proc.js';
import { round } from '../lib/stats.js';

export interface MemoryFigures {
  rssMb: number;
  heapUsedMb: number;
  heapTotalMb: number;
  externalMb: number;
}

/** RSS from /proc (what the machine pays) and the heap as the hub sees it. */
export async function memoryNow(hub: HubProcess): Promise<MemoryFigures> {
  const health = await hub.api('GET', '/api/health');
  const m = (health.body as { memoryMb: { heapUsed: number; heapTotal: number; external: number } }).memoryMb;
  return { rssMb: round(sampleProcess(hub.pid).rssMb, 1), heapUsedMb: m.heapUsed, heapTotalMb: m.heapTotal, externalMb: m.external };
}

/** Waits for the hub to settle (start-up garbage collected, timers run) before the idle figure. */
export async function idleMemory(hub: HubProcess, settleMs = 3000): Promise<MemoryFigures> {
  await new Promise((r) => setTimeout(r, settleMs));
  return memoryNow(hub);
}
