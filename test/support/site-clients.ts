/**
 * Clients of a site of several hub processes (contract §9), shared by the cluster
 * tests: MQTT devices that know every hub, a room-state watcher, a panel request,
 * and the admin's site view (server-sent events, `GET /api/site/stream`).
 */
import mqtt from 'mqtt';
import type { HubProcess } from './hub-process.js';

export interface SiteDevice {
  id: string;
  token: string;
}

export interface RoomStateSeen {
  room: string;
  seq: number;
  status: string;
  current: { bookingId: string; checkedIn?: boolean; end?: string } | null;
  next: { bookingId: string } | null;
}

/** An MQTT device that knows every hub of the site and moves on to the next when one goes away. */
export function connectDevice(hubs: HubProcess[], device: SiteDevice, opts: { clean?: boolean; resubscribe?: boolean; timeoutMs?: number } = {}): Promise<mqtt.MqttClient> {
  return new Promise((resolve, reject) => {
    const c = mqtt.connect({
      servers: hubs.map((h) => ({ host: '127.0.0.1', port: h.mqttPort })),
      protocol: 'mqtt',
      username: device.id,
      password: device.token,
      clientId: device.id,
      protocolVersion: 4,
      reconnectPeriod: 100,
      clean: opts.clean ?? true,
      resubscribe: opts.resubscribe ?? true,
      connectTimeout: 3000,
    });
    c.on('error', () => {});
    const timer = setTimeout(() => {
      c.end(true);
      reject(new Error(`device ${device.id} did not connect`));
    }, opts.timeoutMs ?? 10_000);
    c.once('connect', () => {
      clearTimeout(timer);
      resolve(c);
    });
  });
}

/** Subscribes to a room's state and keeps the latest (by seq) and when it came. */
export async function watchRoom(client: mqtt.MqttClient, topicRoot: string, room: string) {
  const seen: { state: RoomStateSeen | null; at: number } = { state: null, at: 0 };
  client.on('message', (topic, payload) => {
    if (topic !== `${topicRoot}/room/${room}/state`) return;
    const s = JSON.parse(payload.toString()) as RoomStateSeen;
    if (!seen.state || s.seq > seen.state.seq) {
      seen.state = s;
      seen.at = Date.now();
    }
  });
  await client.subscribeAsync(`${topicRoot}/room/${room}/state`, { qos: 1 });
  return seen;
}

const responseTopics = new WeakMap<mqtt.MqttClient, Set<string>>();

/** Subscribes a panel to its responses once (a SUBSCRIBE needs the site's session store: not during a Redis outage). */
export async function subscribeResponses(client: mqtt.MqttClient, topicRoot: string, panelId: string): Promise<string> {
  const topic = `${topicRoot}/panel/${panelId}/response`;
  const done = responseTopics.get(client) ?? new Set<string>();
  responseTopics.set(client, done);
  if (!done.has(topic)) {
    await client.subscribeAsync(topic, { qos: 1 });
    done.add(topic);
  }
  return topic;
}

/** A panel's request (contract §2) and the hub's response to it. */
export async function panelRequest(client: mqtt.MqttClient, topicRoot: string, panelId: string, action: string, params: Record<string, unknown> = {}, timeoutMs = 5000) {
  const id = `${action}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
  const responses = await subscribeResponses(client, topicRoot, panelId);
  const answer = new Promise<{ id: string; ok: boolean; result?: unknown; error?: { code: string } }>((resolve, reject) => {
    const timer = setTimeout(() => {
      client.off('message', onMessage);
      reject(new Error(`no response to ${action} within ${timeoutMs} ms`));
    }, timeoutMs);
    const onMessage = (topic: string, payload: Buffer) => {
      if (topic !== responses) return;
      const r = JSON.parse(payload.toString());
      if (r.id !== id) return;
      clearTimeout(timer);
      client.off('message', onMessage);
      resolve(r);
    };
    client.on('message', onMessage);
  });
  // Together: a hub that is gone never acknowledges the request, and the missing answer says so.
  const [, response] = await Promise.all([client.publishAsync(`${topicRoot}/panel/${panelId}/request`, JSON.stringify({ id, at: new Date().toISOString(), action, ...params }), { qos: 1 }), answer]);
  return response;
}

export interface SiteStreamEvent {
  event: string;
  data: any;
  at: number;
}

/** The admin's live site view on one hub: every event received, parsed, with its arrival time. */
export async function openSiteStream(hub: HubProcess) {
  const controller = new AbortController();
  const res = await fetch(`http://127.0.0.1:${hub.httpPort}/api/site/stream`, { headers: { authorization: `Bearer ${hub.adminToken}` }, signal: controller.signal });
  if (res.status !== 200 || !res.headers.get('content-type')?.includes('text/event-stream')) throw new Error(`site stream: ${res.status} ${await res.text()}`);
  const events: SiteStreamEvent[] = [];
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  const reading = (async () => {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += decoder.decode(value, { stream: true });
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const event = /^event: (.*)$/m.exec(block)?.[1];
        const data = /^data: (.*)$/m.exec(block)?.[1];
        if (event && data) events.push({ event, data: JSON.parse(data), at: Date.now() });
      }
    }
  })().catch(() => {});
  return {
    events,
    close() {
      controller.abort();
      return reading;
    },
  };
}
