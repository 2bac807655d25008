/**
 * Issue 13, part 3: the process and Node metrics under their standard names
 * (the stock Node.js dashboards), the site gauges, and the Grafana dashboard in
 * docs/ asking only for metrics the hub serves.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SimSensor } from '../../firmware-sim/sensor.js';
import { type Site, provisionRoom, startTestHub, type TestHub } from '../support/hub-fixture.js';
import { sumMetric } from '../support/hub-process.js';

describe('Prometheus metrics and the Grafana dashboard', () => {
  let t: TestHub;
  let alpha: Site;
  beforeAll(async () => {
    t = await startTestHub('sqlite');
    alpha = await provisionRoom(t, 'alpha');
    await provisionRoom(t, 'beta', { sensor: false });
    await t.hub.tick();
  });
  afterAll(() => t?.stop());
  const scrape = async () => (await fetch(`http://127.0.0.1:${t.hub.httpPort}/metrics`)).text();

  it('serves the default process and Node.js metrics without the hub_ prefix, and keeps hub_ on the app metrics', async () => {
    const text = await scrape();
    for (const name of [
      'process_resident_memory_bytes',
      'process_cpu_seconds_total',
      'process_start_time_seconds',
      'nodejs_heap_size_used_bytes',
      'nodejs_eventloop_lag_p99_seconds',
      'nodejs_version_info',
    ]) {
      expect(text, name).toMatch(new RegExp(`^${name}[ {]`, 'm'));
    }
    expect(text).not.toMatch(/^hub_process_|^hub_nodejs_/m);
    expect(text).toMatch(/^hub_mqtt_connected_clients /m);
    expect(sumMetric(text, 'process_resident_memory_bytes')).toBeGreaterThan(10 * 2 ** 20);
  });

  it('counts rooms by the state they last published and devices by health', async () => {
    let text = await scrape();
    expect(sumMetric(text, 'hub_rooms', { state: 'free' })).toBe(2);
    expect(sumMetric(text, 'hub_rooms', { state: 'in_use' })).toBe(0);
    expect(sumMetric(text, 'hub_rooms')).toBe(2);
    // alpha: panel, reader, sensor; beta: panel, reader. None has spoken yet.
    expect(sumMetric(text, 'hub_devices', { status: 'never_seen' })).toBe(5);
    expect(sumMetric(text, 'hub_devices', { status: 'online' })).toBe(0);

    const sensor = await SimSensor.connect({ url: t.mqttUrl, deviceId: alpha.sensor!.id, token: alpha.sensor!.token });
    try {
      text = await scrape();
      expect(sumMetric(text, 'hub_devices', { status: 'online' })).toBe(1);
      expect(sumMetric(text, 'hub_devices', { status: 'never_seen' })).toBe(4);
    } finally {
      await sensor.close();
    }
    expect((await t.api('DELETE', `/api/devices/${alpha.reader.id}`)).status).toBeLessThan(300);
    text = await scrape();
    expect(sumMetric(text, 'hub_devices', { status: 'revoked' })).toBe(1);
    expect(sumMetric(text, 'hub_devices')).toBe(5);
  });

  it('leaves archived rooms out of hub_rooms', async () => {
    expect((await t.api('PATCH', '/api/rooms/beta', { archived: true })).status).toBe(200);
    const text = await scrape();
    expect(sumMetric(text, 'hub_rooms')).toBe(1);
    expect(sumMetric(text, 'hub_rooms', { state: 'out_of_service' })).toBe(0);
  });

  it('the Grafana dashboard in docs/ asks only for metrics the hub serves', async () => {
    const dashboard = JSON.parse(readFileSync('docs/grafana/meeting-hub.json', 'utf8')) as { panels: { title: string; targets: { expr: string }[] }[] };
    const text = await scrape();
    const served = new Set([...text.matchAll(/^([a-z_:][a-z0-9_:]*)(?:\{| )/gm)].map((m) => m[1]!));
    // # TYPE lines name the families of counters and histograms that have no sample yet.
    for (const m of text.matchAll(/^# TYPE ([a-z_:][a-z0-9_:]*) (counter|gauge|histogram)/gm)) {
      served.add(m[1]!);
      if (m[2] === 'histogram') for (const s of ['_bucket', '_sum', '_count']) served.add(m[1]! + s);
    }
    const exprs = dashboard.panels.flatMap((p) => p.targets.map((x) => ({ panel: p.title, expr: x.expr })));
    expect(exprs.length).toBeGreaterThan(10);
    const functions = new Set(['sum', 'by', 'rate', 'increase', 'histogram_quantile', 'le', 'job', 'state', 'status', 'kind', 'reason', 'code', 'type', 'route', 'evidence']);
    for (const { panel, expr } of exprs) {
      const names = [
        ...expr
          .replace(/"[^"]*"/g, '')
          .replace(/\[[^\]]*\]/g, '')
          .matchAll(/[a-z_][a-z0-9_]*/g),
      ]
        .map((m) => m[0])
        .filter((n) => !functions.has(n));
      expect(names.length, `${panel}: ${expr}`).toBeGreaterThan(0);
      for (const n of names) expect(served.has(n), `${panel}: ${n} is not in /metrics`).toBe(true);
    }
  });
});
