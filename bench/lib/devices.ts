/** Many device connections for load: plain MQTT.js clients speaking the contract, TCP_NODELAY on. */
import mqtt, { type MqttClient } from 'mqtt';
import { createTopics } from '../../shared/topics.js';

export const topics = createTopics();

export interface Conn {
  client: MqttClient;
  id: string;
}

export function connectDevice(url: string, id: string, token: string, timeoutMs = 30_000): Promise<Conn> {
  return new Promise((resolve, reject) => {
    const client = mqtt.connect(url, {
      clientId: id,
      username: id,
      password: token,
      protocolVersion: 4,
      reconnectPeriod: 0,
      connectTimeout: timeoutMs,
      keepalive: 120,
      will: { topic: topics.deviceStatus(id), payload: Buffer.from(JSON.stringify({ state: 'lost', at: new Date().toISOString() })), qos: 1, retain: true },
    });
    client.once('connect', () => {
      (client.stream as { setNoDelay?: (v: boolean) => void }).setNoDelay?.(true);
      resolve({ client, id });
    });
    client.once('error', (err) => {
      client.end(true);
      reject(err);
    });
    // Closed by the broker before CONNACK (a limit): MQTT.js says nothing else without reconnecting.
    client.once('close', () => {
      client.end(true);
      reject(new Error(`connection of ${id} closed before CONNACK`));
    });
  });
}

/** Resolves with the first room state on `room` that satisfies `pred` (event-driven, no polling). */
export function nextState(client: MqttClient, room: string, pred: (s: any) => boolean, timeoutMs = 10_000): Promise<any> {
  const topic = topics.roomState(room);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      client.off('message', on);
      reject(new Error(`no matching state for ${room} in ${timeoutMs} ms`));
    }, timeoutMs);
    function on(t: string, payload: Buffer) {
      if (t !== topic) return;
      const s = JSON.parse(payload.toString());
      if (!pred(s)) return;
      clearTimeout(timer);
      client.off('message', on);
      resolve(s);
    }
    client.on('message', on);
  });
}

export async function endAll(conns: Conn[]) {
  await Promise.all(conns.map((c) => c.client.endAsync(true).catch(() => {})));
}
