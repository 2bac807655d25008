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
import { histogramQuantile, round } from '../lib/stats.js';

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

export async function sensorIngest(hub: HubProcess, sensors: Conn[], rates: number[], secondsPerStep: number): Promise<IngestResult> {
  const steps: IngestStep[] = [];
  let seq = 0;
  for (const rate of rates) {
    const before = await hub.histogram('hub_mqtt_ingest_lag_seconds', LABELS);
    const cpuBefore = sampleProcess(hub.pid).cpuMs;
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
    let after = await hub.histogram('hub_mqtt_ingest_lag_seconds', LABELS);
    const deadline = Date.now() + 15_000;
    while (after.count - before.count < total && Date.now() < deadline) {
      await sleep(100);
      after = await hub.histogram('hub_mqtt_ingest_lag_seconds', LABELS);
    }
    const handled = after.count - before.count;
    const elapsed = (performance.now() - t0) / 1000;
    const cpu = sampleProcess(hub.pid).cpuMs - cpuBefore;
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
