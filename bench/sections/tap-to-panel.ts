/**
 * Tap to panel: from a reader publishing a tap to the room's panel receiving
 * the new room state (checked in), on a site of N rooms whose sensors each
 * report occupancy every 10 s in the background.
 */
import type { SiteRoom } from '../lib/site.js';
import { type Conn, connectDevice, endAll, nextState, topics } from '../lib/devices.js';
import type { HubProcess } from '../lib/hub-process.js';
import { pool, sleep } from '../lib/pool.js';
import { summarize, type Summary } from '../lib/stats.js';

export interface TapResult {
  rooms: number;
  taps: number;
  latencyMs: Summary;
  samples: number[];
  sensorMessagesPerSecond: number;
  failures: number;
}

export interface ConnectedSite {
  panels: Conn[];
  readers: Conn[];
  sensors: Conn[];
  stopBackground(): void;
  close(): Promise<void>;
}

/** Which hub a room's device connects to (several hubs, one site); by default all to one. */
export type HubFor = (kind: 'panel' | 'reader' | 'sensor', roomIndex: number) => HubProcess;

export async function connectSite(hub: HubProcess, site: SiteRoom[], hubFor: HubFor = () => hub): Promise<ConnectedSite> {
  const url = (kind: 'panel' | 'reader' | 'sensor', i: number) => `mqtt://127.0.0.1:${hubFor(kind, i).mqttPort}`;
  const panels = await pool(site, 50, async (r, i) => {
    const c = await connectDevice(url('panel', i), r.panel.id, r.panel.token);
    await c.client.subscribeAsync([topics.roomState(r.room), topics.panelResponse(r.panel.id)], { qos: 1 });
    return c;
  });
  const readers = await pool(site, 50, (r, i) => connectDevice(url('reader', i), r.reader.id, r.reader.token));
  const sensors = await pool(site, 50, (r, i) => connectDevice(url('sensor', i), r.sensor.id, r.sensor.token));
  // Every sensor reports every 10 s, phases spread (the background load of the issue).
  let seq = 0;
  const timers = sensors.map((s, i) =>
    setTimeout(function report() {
      s.client.publish(topics.sensorOccupancy(s.id), JSON.stringify({ id: `${s.id}-${++seq}`, at: new Date().toISOString(), present: false, count: 0 }), { qos: 0 });
      timers[i] = setTimeout(report, 10_000);
    }, (i * 10_000) / sensors.length),
  );
  return {
    panels,
    readers,
    sensors,
    stopBackground: () => timers.forEach(clearTimeout),
    async close() {
      timers.forEach(clearTimeout);
      await endAll([...panels, ...readers, ...sensors]);
    },
  };
}

export async function tapToPanel(hub: HubProcess, site: SiteRoom[], conns: ConnectedSite, taps: number): Promise<TapResult> {
  const samples: number[] = [];
  let failures = 0;
  let n = 0;
  const rounds = Math.ceil(taps / site.length);
  for (let round = 0; round < rounds && n < taps; round++) {
    // Untimed set-up: a meeting in each room whose check-in window is open now.
    const start = Date.now() - 20_000;
    const bookings = await pool(site, 8, async (r) => {
      const res = await hub.api('POST', '/api/bookings', { room: r.room, title: 'Bench meeting', start: new Date(start).toISOString(), end: new Date(start + 30 * 60_000).toISOString(), headcount: 2, host: r.host });
      return res.status === 201 ? (res.body.id as string) : null;
    });
    await sleep(200); // let the booked states reach the panels
    for (let i = 0; i < site.length && n < taps; i++, n++) {
      const r = site[i]!;
      const id = bookings[i];
      if (!id) {
        failures++;
        continue;
      }
      const panel = conns.panels[i]!.client;
      const arrived = nextState(panel, r.room, (s) => s.current?.bookingId === id && s.current.checkedIn === true);
      const t0 = performance.now();
      conns.readers[i]!.client.publish(topics.readerTap(r.reader.id), JSON.stringify({ id: `tap-${round}-${i}-${Date.now()}`, at: new Date().toISOString(), uid: r.badge }), { qos: 1 });
      try {
        await arrived;
        samples.push(performance.now() - t0);
      } catch {
        failures++;
      }
    }
    // Untimed: end every meeting so the next round can book again.
    await pool(site, 8, async (r, i) => {
      if (!bookings[i]) return;
      const panel = conns.panels[i]!;
      const id = `end-${round}-${i}`;
      const answered = new Promise<void>((resolve) => {
        const on = (t: string, p: Buffer) => {
          if (t.endsWith('/response') && JSON.parse(p.toString()).id === id) {
            panel.client.off('message', on);
            resolve();
          }
        };
        panel.client.on('message', on);
        setTimeout(() => { panel.client.off('message', on); resolve(); }, 5000);
      });
      panel.client.publish(topics.panelRequest(r.panel.id), JSON.stringify({ id, at: new Date().toISOString(), action: 'end' }), { qos: 1 });
      await answered;
    });
  }
  return { rooms: site.length, taps: samples.length, latencyMs: summarize(samples), samples, sensorMessagesPerSecond: site.length / 10, failures };
}
