/** The benchmark's markdown: machine, versions, every figure with its unit, against the targets. */
import type { Summary } from './lib/stats.js';

type R = Record<string, any>;
const f = (v: number | undefined, d = 2) => (v === undefined || !Number.isFinite(v) ? 'n/a' : v.toFixed(d));
const row = (cells: (string | number)[]) => `| ${cells.join(' | ')} |`;
const lat = (s: Summary | undefined) => (s ? `${f(s.p50)} / ${f(s.p95)} / ${f(s.p99)} / ${f(s.max)}` : 'n/a');
const verdict = (ok: boolean | undefined) => (ok === undefined ? 'n/a' : ok ? 'met' : 'missed');

export function renderMarkdown(r: R): string {
  const m = r.machine;
  const tapS = r.tapToPanel?.sqlite;
  const tapP = r.tapToPanel?.postgresql;
  const b = r.bookings;
  const hub = r.broker?.hub;
  const mq = r.broker?.mosquitto;
  const ratio = (a?: number, c?: number) => (a && c ? (a / c).toFixed(2) : 'n/a');
  const lines: string[] = [];
  lines.push(`# Benchmarks (${r.mode} run)`, '');
  lines.push(`Run ${r.startedAt} to ${r.finishedAt}. Machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGb} GiB; ${m.platform}; Node ${m.node}.`);
  lines.push(`Versions: aedes ${m.versions.aedes}, mqtt.js ${m.versions.mqtt}, fastify ${m.versions.fastify}, prisma ${m.versions.prisma}, ${m.versions.mosquitto}.`);
  lines.push('Hub, load generator and brokers share this machine over loopback. Latencies in milliseconds as p50 / p95 / p99 / max.', '');

  lines.push('## Targets', '', row(['what', 'target', 'measured', '']), row(['---', '---', '---', '---']));
  lines.push(row(['tap to panel p99, SQLite', '< 10 ms', `${f(tapS?.latencyMs.p99)} ms`, verdict(tapS && tapS.latencyMs.p99 < 10)]));
  lines.push(row(['tap to panel p99, PostgreSQL', '< 10 ms', `${f(tapP?.latencyMs.p99)} ms`, verdict(tapP ? tapP.latencyMs.p99 < 10 : undefined)]));
  lines.push(row(['sensor ingest (p99 < 50 ms)', '≥ 10,000 msg/s', `${r.sensorIngest.sustainedPerSecond} msg/s`, verdict(r.sensorIngest.sustainedPerSecond >= 10_000)]));
  const q0 = hub && mq ? hub.qos0OneToOne.perSecond / mq.qos0OneToOne.perSecond : undefined;
  lines.push(row(['broker throughput vs Mosquitto (QoS 0, 1→1)', '≥ 0.9', ratio(hub?.qos0OneToOne.perSecond, mq?.qos0OneToOne.perSecond), verdict(q0 === undefined ? undefined : q0 >= 0.9)]));
  const storm = r.reconnectStorm;
  lines.push(row([`${storm.devices} devices reconnected and current`, '< 10 s', `${f(storm.allPanelsCurrentMs / 1000)} s`, verdict(storm.allPanelsCurrentMs < 10_000 && storm.refused + storm.timedOut === 0)]));
  lines.push(row(['resident memory idle', '< 150 MB', `${f(r.memory.idleMb, 1)} MB`, verdict(r.memory.idleMb < 150)]));
  lines.push(row([`resident memory with ${storm.devices} devices`, '< 250 MB', `${f(r.memory.connectedMb, 1)} MB`, verdict(r.memory.connectedMb < 250)]));
  lines.push(row(['booking creation p99 (sequential)', '< 20 ms', `${f(b.sequential.p99)} ms`, verdict(b.sequential.p99 < 20)]));
  lines.push('');

  lines.push('## 1. Tap to panel', '', `![tap to panel latency](tap-latency.svg)`, '');
  lines.push(row(['database', 'rooms', 'taps', 'sensor load', 'p50 / p95 / p99 / max (ms)', 'failures']), row(['---', '---', '---', '---', '---', '---']));
  for (const [name, t] of [['SQLite', tapS], ['PostgreSQL', tapP]] as const) {
    if (t) lines.push(row([name, t.rooms, t.taps, `${t.sensorMessagesPerSecond} msg/s`, lat(t.latencyMs), t.failures]));
  }
  lines.push('');

  lines.push('## 2. Sensor ingest', '', row(['target msg/s', 'sent msg/s', 'handled msg/s', 'p50 ms', 'p99 ms', 'hub CPU µs/msg', 'all handled']), row(['---', '---', '---', '---', '---', '---', '---']));
  for (const s of r.sensorIngest.steps) lines.push(row([s.targetPerSecond, s.sentPerSecond, s.handledPerSecond, f(s.p50Ms), f(s.p99Ms), f(s.cpuUsPerMessage, 1), s.allHandled ? 'yes' : 'no']));
  lines.push('', `Sustained: **${r.sensorIngest.sustainedPerSecond} msg/s** with p99 < 50 ms; hub CPU ${f(r.sensorIngest.cpuUsPerMessageAtSustained, 1)} µs per message there. Latency is the hub's own histogram from the message's timestamp to the end of its handling (bucket-interpolated).`, '');

  lines.push('## 3. Bookings (HTTP API)', '', row(['operation', 'n', 'p50 / p95 / p99 / max (ms)', 'per second']), row(['---', '---', '---', '---']));
  lines.push(row(['create, sequential', b.sequential.n, lat(b.sequential), b.sequential.perSecond]));
  lines.push(row(['create, 50 concurrent', b.concurrent50.n, lat(b.concurrent50), b.concurrent50.perSecond]));
  lines.push(row([`conflict (409)${b.conflict409.allConflicts ? '' : ' (not all 409!)'}`, b.conflict409.n, lat(b.conflict409), '']));
  lines.push(row(['availability, one room, one day', b.availabilityOneRoomDay.n, lat(b.availabilityOneRoomDay), '']));
  lines.push(row([`availability, all ${b.availabilityAllRoomsDay.rooms} rooms, one day (8 in flight)`, b.availabilityAllRoomsDay.perRoom.n, lat(b.availabilityAllRoomsDay.perRoom), `total ${b.availabilityAllRoomsDay.totalMs} ms`]));
  lines.push('');

  lines.push('## 4. Reconnect storm', '', row(['devices', 'all connected (ms)', 'all panels current (ms)', 'refused', 'timed out']), row(['---', '---', '---', '---', '---']));
  lines.push(row([storm.devices, storm.allConnectedMs, storm.allPanelsCurrentMs, storm.refused, storm.timedOut]), '');

  lines.push('## 5. Broker against Mosquitto', '');
  if (hub) {
    lines.push(row(['workload', 'hub msg/s', 'Mosquitto msg/s', 'throughput ratio', 'hub CPU µs/delivery', 'Mosquitto CPU µs/delivery', 'CPU ratio']), row(['---', '---', '---', '---', '---', '---', '---']));
    for (const [k, name] of [['qos0OneToOne', 'QoS 0, 1→1'], ['qos1OneToOne', 'QoS 1, 1→1'], ['qos0OneToMany', 'QoS 0, 1→20'], ['qos1OneToMany', 'QoS 1, 1→20']] as const) {
      const h = hub[k];
      const q = mq?.[k];
      lines.push(row([`${name} (${h.messages} msgs)`, h.perSecond, q?.perSecond ?? 'n/a', ratio(h.perSecond, q?.perSecond), f(h.brokerCpuUsPerDelivery), f(q?.brokerCpuUsPerDelivery), ratio(h.brokerCpuUsPerDelivery, q?.brokerCpuUsPerDelivery)]));
    }
    lines.push(row(['request/response QoS 1 p50 / p99 (ms)', `${f(hub.requestResponse.p50, 3)} / ${f(hub.requestResponse.p99, 3)}`, mq ? `${f(mq.requestResponse.p50, 3)} / ${f(mq.requestResponse.p99, 3)}` : 'n/a', `${ratio(hub.requestResponse.p50, mq?.requestResponse.p50)} / ${ratio(hub.requestResponse.p99, mq?.requestResponse.p99)}`, '', '', '']));
    lines.push('', "The hub's broker here is the hub's own MqttBroker (Aedes with the hub's authentication hook and TCP_NODELAY), with its ACL opened for `bench/#`; Mosquitto runs with `set_tcp_nodelay true` like the hub. 64-byte payloads; 200 messages in flight.", '');
  }

  lines.push('## 6. Memory (hub resident set; V8 heap used)', '', row(['idle', `with ${storm.devices} devices`, 'after the run']), row(['---', '---', '---']));
  lines.push(row([`${f(r.memory.idleMb, 1)} MB (heap ${f(r.memory.idleHeapUsedMb, 0)} MB)`, `${f(r.memory.connectedMb, 1)} MB (heap ${f(r.memory.connectedHeapUsedMb, 0)} MB)`, `${f(r.memory.afterRunMb, 1)} MB`]), '');
  lines.push('The hub runs as `npm start` runs it (MALLOC_ARENA_MAX=2, V8 `--max-semi-space-size=2 --heap-growing-percent=50`); `npm run bench:memory` measures these figures alone, idle, after provisioning and booking, and with every device connected.', '');

  const s = r.startup;
  lines.push('## 7. Start-up (spawn to healthy)', '', row(['database', 'time']), row(['---', '---']));
  lines.push(row(['empty', `${s.emptyMs} ms`]), row([`${s.loaded.rooms} rooms, ${s.loaded.bookings} bookings`, `${s.loaded.ms} ms`]), '');
  return lines.join('\n');
}
