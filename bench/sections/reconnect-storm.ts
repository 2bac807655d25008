/**
 * Reconnect storm: every device of the site connects at once (as after a
 * Wi-Fi outage); time until all are connected and every panel has its room's
 * retained state; how many were refused or timed out; the hub's memory then.
 */
import { type Conn, connectDevice, endAll, topics } from '../lib/devices.js';
import type { HubProcess } from '../lib/hub-process.js';
import { memoryNow } from './memory.js';
import { round } from '../lib/stats.js';
import type { SiteRoom } from '../lib/site.js';

export interface StormResult {
  devices: number;
  allConnectedMs: number;
  allPanelsCurrentMs: number;
  refused: number;
  timedOut: number;
  rssMbConnected: number;
  /** V8 heap used then (the hub's /api/health). */
  heapUsedMbConnected: number;
}

export async function reconnectStorm(hub: HubProcess, site: SiteRoom[], timeoutMs = 60_000): Promise<StormResult> {
  const url = `mqtt://127.0.0.1:${hub.mqttPort}`;
  const t0 = performance.now();
  let refused = 0;
  let timedOut = 0;
  let lastConnect = 0;
  let lastState = 0;
  const connect = (id: string, token: string) =>
    connectDevice(url, id, token, timeoutMs).then(
      (c) => {
        lastConnect = Math.max(lastConnect, performance.now() - t0);
        return c;
      },
      (err: Error & { code?: number }) => {
        if (/timeout/i.test(err.message)) timedOut++;
        else refused++;
        return null;
      },
    );
  const tasks: Promise<Conn | null>[] = [];
  for (const r of site) {
    tasks.push(
      connect(r.panel.id, r.panel.token).then(async (c) => {
        if (!c) return null;
        const got = new Promise<void>((resolve) => c.client.once('message', () => resolve()));
        await c.client.subscribeAsync(topics.roomState(r.room), { qos: 1 });
        await got; // the retained state
        lastState = Math.max(lastState, performance.now() - t0);
        return c;
      }),
    );
    tasks.push(connect(r.reader.id, r.reader.token));
    tasks.push(connect(r.sensor.id, r.sensor.token));
  }
  const conns = (await Promise.all(tasks)).filter((c): c is Conn => c !== null);
  const mem = await memoryNow(hub);
  await endAll(conns);
  return {
    devices: site.length * 3,
    allConnectedMs: round(lastConnect, 0),
    allPanelsCurrentMs: round(lastState, 0),
    refused,
    timedOut,
    rssMbConnected: mem.rssMb,
    heapUsedMbConnected: mem.heapUsedMb,
  };
}
