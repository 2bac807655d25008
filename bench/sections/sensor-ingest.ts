/**
 * Sensor ingest: occupancy messages at rising rates; the highest rate whose
 * p99 publish-to-handled time (the hub's own histogram) stays under 50 ms and
 * where every message is handled; and the hub's CPU time per message.
 */
import type { Conn } from '../lib/devices.js';
import { topics } from '../lib/devices.js';
import type { HubProcess } from '../lib/hub-process.js';
import { sampleProcess } from '../lib/proc.js';
import { sleep } from '../lib/pool.js';
import { type HistogramSnapshot, histogramQuantile, round } from '../lib/stats.js';

export interface IngestStep {
  targetPerSecond: number;
  sentPerSecond: number;
  handledPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  cpuUsPerMessage: number;
  allHandled: boolean;
}

export interface IngestResult {
  steps: IngestStep[];
  sustainedPerSecond: number;
  cpuUsPerMessageAtSustained: number;
}

const LABELS = { kind: 'sensor_occupancy' };

/** The hubs' ingest histograms summed (several hubs of one site: each handles its own devices' messages). */
async function ingestLag(hubs: HubProcess[]): Promise<HistogramSnapshot> {
  const all = await Promise.all(hubs.map((h) => h.histogram('hub_mqtt_ingest_lag_seconds', LABELS)));
  const buckets = all[0]!.buckets.map((b, i) => ({ le: b.le, count: all.reduce((sum, h) => sum + (h.buckets[i]?.count ?? 0), 0) }));
  return { buckets, count: all.reduce((sum, h) => sum + h.count, 0) };
}

const cpuOf = (hubs: HubProcess[]) => hubs.reduce((sum, h) => sum + sampleProcess(h.pid).cpuMs, 0);

export async function sensorIngest(hubOrSite: HubProcess | HubProcess[], sensors: Conn[], rates: number[], secondsPerStep: number): Promise<IngestResult> {
  const hubs = Array.isArray(hubOrSite) ? hubOrSite : [hubOrSite];
  const steps: IngestStep[] = [];
  let seq = 0;
  for (const rate of rates) {
    const before = await ingestLag(hubs);
    const cpuBefore = cpuOf(hubs);
    const t0 = performance.now();
    const total = Math.round(rate * secondsPerStep);
    let sent = 0;
    // Paced in 10 ms slices, round-robin over the sensors, QoS 0 (what sensors use).
    while (sent < total) {
      const due = Math.min(total, Math.ceil(((performance.now() - t0) / 1000) * rate));
      for (; sent < due; sent++) {
        const s = sensors[sent % sensors.length]!;
        s.client.publish(topics.sensorOccupancy(s.id), JSON.stringify({ id: `i${++seq}`, at: new Date().toISOString(), present: false, count: 0 }), { qos: 0 });
      }
      await sleep(10);
    }
    const sendSeconds = (performance.now() - t0) / 1000;
    // Wait for the hub to finish (bounded).
    let after = await ingestLag(hubs);
    const deadline = Date.now() + 15_000;
    while (after.count - before.count < total && Date.now() < deadline) {
      await sleep(100);
      after = await ingestLag(hubs);
    }
    const handled = after.count - before.count;
    const elapsed = (performance.now() - t0) / 1000;
    const cpu = cpuOf(hubs) - cpuBefore;
    steps.push({
      targetPerSecond: rate,
      sentPerSecond: round(total / sendSeconds, 0),
      handledPerSecond: round(handled / elapsed, 0),
      p50Ms: round(histogramQuantile(0.5, after, before) * 1000),
      p99Ms: round(histogramQuantile(0.99, after, before) * 1000),
      cpuUsPerMessage: round((cpu * 1000) / Math.max(1, handled), 1),
      allHandled: handled >= total,
    });
    await sleep(500);
  }
  const ok = steps.filter((s) => s.allHandled && s.p99Ms < 50 && s.sentPerSecond >= 0.95 * s.targetPerSecond);
  const best = ok.at(-1);
  return { steps, sustainedPerSecond: best?.targetPerSecond ?? 0, cpuUsPerMessageAtSustained: best?.cpuUsPerMessage ?? NaN };
}
