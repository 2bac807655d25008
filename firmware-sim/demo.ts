/**
 * `npm start -- --demo`: a demo site and a simulated day of meetings against
 * the running hub, told in plain words. The day includes an on-time and a late
 * sign-in, a no-show release, a presence check-in, a ghost meeting, a walk-up
 * booking and a fault report. The hub's clock runs `speed` times real time.
 */
import { DateTime } from 'luxon';
import type { HubConfig } from '../hub/config.js';
import type { AcceleratedClock } from '../hub/clock.js';
import type { Hub } from '../hub/main.js';
import { readFileSync } from 'node:fs';
import { roomEventPayload, type RoomStatePayload, roomStatePayload } from '../shared/schemas/mqtt.js';
import { DEMO_PEOPLE, DEMO_ROOMS, provisionDemoSite } from './demo-site.js';
import { HubApi } from './hub-api.js';
import { SimPanel } from './panel.js';
import type { DeviceCredentials } from './device-client.js';
import { SimReader } from './reader.js';
import { startSerialReaderRig } from './serial-reader-rig.js';
import { runScenario, type Step } from './scenario.js';
import { SimSensor } from './sensor.js';

const STATUS_WORDS: Record<string, string> = {
  free: 'free',
  reserved: 'free, a meeting starts soon',
  awaiting_checkin: 'waiting for check-in',
  in_use: 'in use',
  closed: 'closed (outside opening hours)',
  out_of_service: 'out of service',
};

export async function runDemo(hub: Hub, config: HubConfig, clock: AcceleratedClock): Promise<{ stop(): Promise<void> }> {
  // The day waits while the site is set up: on a slow machine, setting up must not eat the morning.
  clock.hold();
  const tz = config.timeZone;
  const day = DateTime.fromMillis(clock.now(), { zone: tz }).startOf('day');
  const at = (hhmm: string) => {
    const [h, m] = hhmm.split(':').map(Number) as [number, number];
    return day.set({ hour: h, minute: m }).toMillis();
  };
  const hhmm = (ms: number) => DateTime.fromMillis(ms, { zone: tz }).toFormat('HH:mm');
  const say = (room: string, text: string) => console.log(`[${hhmm(clock.now())}] ${room.padEnd(16)} ${text}`);

  // The demo talks to the hub as anyone would: the HTTP API as the administration office, MQTT as devices.
  const password = config.adminPassword ?? readFileSync(config.adminPasswordFile, 'utf8').trim();
  const api = await HubApi.signIn(`http://127.0.0.1:${hub.httpPort}`, 'admin', password);
  const tokens = await provisionDemoSite(api, tz);
  const iso = (ms: number) => new Date(ms).toISOString();
  const meeting = (room: string, title: string, from: string, to: string, host: string, attendees: string[], extra: { private?: boolean } = {}) =>
    api.post('/api/bookings', { room, title, start: iso(at(from)), end: iso(at(to)), headcount: attendees.length + 1, host, attendees, ...extra });
  await meeting('alpha', 'Weekly team meeting 周例会', '09:00', '10:00', 'liwei', ['zhangmin', 'chenjie']);
  await meeting('beta', 'Supplier call 供应商电话会', '09:30', '10:30', 'wangfang', []);
  await meeting('gamma', 'Monthly review 月度总结', '10:00', '11:30', 'zhangmin', ['liwei', 'chenjie']);
  await meeting('alpha', 'Complaint analysis 投诉分析', '14:00', '15:00', 'chenjie', ['liwei'], { private: true });
  await meeting('gamma', 'Training 培训', '15:30', '16:30', 'liwei', ['zhangmin']);

  const url = `mqtt://127.0.0.1:${hub.mqttPort}`;
  const names = new Map<string, string>(DEMO_ROOMS.map((r) => [r.id, r.name]));
  const badge = Object.fromEntries(DEMO_PEOPLE.map((p) => [p.id, p.badgeUid]));
  const panels: Record<string, SimPanel> = {};
  const readers: Record<string, { tap(uid: string, at: Date): Promise<unknown>; close(): Promise<void> }> = {};
  const sensors: Record<string, SimSensor> = {};
  for (const r of DEMO_ROOMS) {
    const t = tokens[r.id]!;
    panels[r.id] = await SimPanel.connect({ url, deviceId: t.panel.id, token: t.panel.token, room: r.id });
    readers[r.id] = r.id === 'alpha' ? await alphaReader({ url, deviceId: t.reader.id, token: t.reader.token }) : await SimReader.connect({ url, deviceId: t.reader.id, token: t.reader.token });
    sensors[r.id] = await SimSensor.connect({ url, deviceId: t.sensor.id, token: t.sensor.token });
    narrate(panels[r.id]!, r.id);
  }

  /** Alpha's reader is a PN532 emulator on a pty, read by the reader bridge, where socat is installed. */
  async function alphaReader(creds: DeviceCredentials) {
    const rig = await startSerialReaderRig(creds, clock);
    if (!('missing' in rig)) {
      console.log('Alpha\'s badge reader: an emulated PN532 on a pseudo-terminal, read by the reader bridge over serial.');
      return rig;
    }
    console.log(`Alpha's badge reader is simulated over MQTT: ${rig.missing}.`);
    return SimReader.connect(creds);
  }

  function narrate(panel: SimPanel, room: string) {
    let last = '';
    const name = names.get(room) ?? room;
    const tell = (s: RoomStatePayload) => {
      if (s.status === last) return;
      last = s.status;
      const what = s.current ? ` · "${s.current.title}" ${hhmm(Date.parse(s.current.start))}-${hhmm(Date.parse(s.current.end))}` : s.freeUntil ? ` until ${hhmm(Date.parse(s.freeUntil))}` : '';
      say(name, `is ${STATUS_WORDS[s.status]}${what}`);
    };
    if (panel.state) tell(panel.state); // the retained state may have come before this listener
    panel.client.on('message', (topic, payload) => {
      const kind = panel.topics.parse(topic)?.kind;
      const json = (() => { try { return JSON.parse(payload.toString()); } catch { return null; } })();
      if (kind === 'room_state') {
        const s = roomStatePayload.safeParse(json);
        if (s.success) tell(s.data);
      } else if (kind === 'room_event') {
        const e = roomEventPayload.safeParse(json);
        if (!e.success) return;
        // biome-ignore lint/suspicious/noExplicitAny: the narration reads optional fields of every event type alike
        const ev = e.data as Record<string, any>;
        if (ev.type === 'signed_in') say(name, `${ev.user?.name} signed in with their badge (${ev.attendance === 'on_time' ? 'on time' : 'late'})`);
        if (ev.type === 'checked_in') say(name, `meeting checked in (by ${ev.evidence === 'presence' ? 'the occupancy sensor: people present for 2 minutes' : ev.evidence})`);
        if (ev.type === 'released') say(name, `booking released: nobody checked in within 10 minutes of the start (no-show); the host is told`);
        if (ev.type === 'ended' && ev.reason === 'room_empty') say(name, 'meeting ended early: the room was empty for 15 minutes with no badge tap (ghost meeting)');
        if (ev.type === 'ended' && ev.reason === 'ended_early') say(name, 'meeting ended early from the panel');
        if (ev.type === 'booked') say(name, 'new booking');
        if (ev.type === 'fault_reported') say(name, `fault reported: ${ev.equipment} (R9: administration follows it to repair)`);
      }
    });
  }

  const simNow = () => new Date(clock.now());
  const tap = async (room: string, person: string) => {
    await readers[room]!.tap(badge[person]!, simNow());
  };
  const presence = (room: string, present: boolean, count = 0) => sensors[room]!.report(present, count, simNow());
  const steps: Step[] = [
    { at: at('08:41'), run: async () => { for (const r of DEMO_ROOMS) await presence(r.id, false); } },
    { at: at('08:52'), run: () => tap('alpha', 'liwei') },
    { at: at('08:53'), run: () => presence('alpha', true, 2) },
    { at: at('09:04'), run: () => tap('alpha', 'zhangmin') },
    { at: at('09:52'), run: () => presence('gamma', true, 3) },
    { at: at('09:53'), run: () => presence('gamma', true, 3) },
    { at: at('09:55'), run: () => presence('gamma', true, 3) },
    { at: at('10:00'), run: () => presence('alpha', false) },
    { at: at('10:44'), run: () => presence('beta', true, 2) },
    { at: at('10:45'), run: async () => {
      const r = await panels.beta!.request('book_now', { minutes: 30 });
      say(names.get('beta')!, r.ok ? 'someone walked up and booked 30 minutes on the door panel' : `walk-up refused: ${r.error?.message}`);
    } },
    { at: at('10:20'), run: () => presence('gamma', false) },
    { at: at('10:40'), run: async () => {
      const r = await panels.alpha!.request('report_fault', { equipment: 'projector', description: 'HDMI: no signal' });
      if (!r.ok) say(names.get('alpha')!, `fault report refused: ${r.error?.message}`);
    } },
    { at: at('11:10'), run: () => presence('beta', false) },
    { at: at('13:56'), run: () => tap('alpha', 'chenjie') },
    { at: at('13:57'), run: () => presence('alpha', true, 2) },
    { at: at('14:40'), run: async () => { await panels.alpha!.request('end'); } },
  ];
  console.log(`\nDemo: a simulated day in ${tz}, ${clock.speed}x real time (one simulated minute every ${Math.round(60 / clock.speed)} s).`);
  console.log('Three rooms, each with a door panel, a badge reader and an occupancy sensor, simulated.');
  console.log(`Sign in to the API as admin: the password is HUB_ADMIN_PASSWORD, or the one in ${config.adminPasswordFile}.\n`);
  clock.resume();
  const run = runScenario(clock, steps, (err) => console.error('demo step failed:', err));
  let stopped = false;
  // Issue 13: the day ends with what to try next. Alpha's simulated panel steps aside so its link works in a browser.
  void run.done.then(async () => {
    if (stopped) return;
    await panels.alpha!.close().catch(() => {});
    const base = hub.httpsPort !== undefined ? `https://localhost:${hub.httpsPort}` : `http://localhost:${hub.httpPort}`;
    const panel = tokens.alpha!.panel;
    console.log(closingLine(base, `${base}/panel/#${new URLSearchParams({ device: panel.id, token: panel.token, room: 'alpha' })}`));
  });
  return {
    async stop() {
      stopped = true;
      run.stop();
      await Promise.all([...Object.values(panels), ...Object.values(readers), ...Object.values(sensors)].map((d) => d.close().catch(() => {})));
    },
  };
}

/** The demo's last words: where to look next, with the hub still running. */
export function closingLine(base: string, panelLink: string): string {
  return [
    '',
    'The demo day is over; the hub keeps running (Ctrl-C stops it). Try next:',
    `  - open Alpha's door panel in a browser: ${panelLink}`,
    `  - the dashboard, signed in as admin: ${base}/`,
    `  - the API reference: ${base}/docs`,
  ].join('\n');
}
