/**
 * The device side of the hub's MQTT contract (§2), as a reader bridge and the
 * simulator's devices speak it: username = device id, password = token,
 * MQTT 3.1.1, and a retained `lost` last will on the device's status topic.
 */
import mqtt, { type IClientOptions, type MqttClient } from 'mqtt';
import type { DeviceStatusPayload } from '../../shared/schemas/mqtt.js';
import { createTopics } from '../../shared/topics.js';

export interface DeviceLink {
  /** mqtt://host:port or ws://host:port/mqtt */
  url: string;
  deviceId: string;
  token: string;
  topicRoot?: string;
  protocolVersion?: 4 | 5;
}

export function statusMessage(state: DeviceStatusPayload['state'], at: Date, firmware?: string): DeviceStatusPayload {
  return { state, at: at.toISOString(), ...(firmware !== undefined ? { firmware } : {}) };
}

/** Starts connecting (and reconnecting) as the device; resolves nothing, so a hub that is down is no error. */
export function connectDevice(link: DeviceLink, extra: Partial<IClientOptions> = {}): MqttClient {
  const client = mqtt.connect(link.url, {
    clientId: link.deviceId,
    username: link.deviceId,
    password: link.token,
    protocolVersion: link.protocolVersion ?? 4,
    reconnectPeriod: 500,
    connectTimeout: 5000,
    will: {
      topic: createTopics(link.topicRoot).deviceStatus(link.deviceId),
      payload: Buffer.from(JSON.stringify(statusMessage('lost', new Date()))),
      qos: 1,
      retain: true,
    },
    ...extra,
  });
  // MQTT.js leaves Nagle on for mqtt:// sockets: with a PUBACK and a PUBLISH in
  // flight together each round trip waits ~44 ms per side. Set it on every (re)connect.
  client.on('connect', () => (client.stream as { setNoDelay?: (v: boolean) => void }).setNoDelay?.(true));
  return client;
}
