/**
 * A simulated device's MQTT side, as real firmware would do it: username =
 * device id, password = token, retained `online` status, and a retained
 * `lost` last will (contract §2).
 */
import { randomBytes } from 'node:crypto';
import type { IClientOptions, MqttClient } from 'mqtt';
import { connectDevice, type DeviceLink, statusMessage } from '../hub/serial/device-mqtt.js';
import { createTopics, type Topics } from '../shared/topics.js';

export interface DeviceCredentials extends DeviceLink {
  firmware?: string;
}

export class SimDevice {
  readonly topics: Topics;
  private seq = 0;
  private readonly prefix = randomBytes(3).toString('hex');

  protected constructor(
    readonly client: MqttClient,
    readonly creds: DeviceCredentials,
  ) {
    this.topics = createTopics(creds.topicRoot);
  }

  protected static async open(creds: DeviceCredentials, extra: Partial<IClientOptions> = {}): Promise<MqttClient> {
    const topics = createTopics(creds.topicRoot);
    const client = connectDevice(creds, extra);
    await new Promise<void>((resolve, reject) => {
      const refused = (err: Error) => {
        client.end(true);
        reject(err);
      };
      client.once('error', refused);
      client.once('connect', () => {
        // Once in, a device rides out a hub restart as firmware does: errors while
        // reconnecting (connection refused) are not the end of it.
        client.off('error', refused);
        client.on('error', () => {});
        resolve();
      });
    });
    const status = statusMessage('online', new Date(), creds.firmware ?? 'sim-1.0.0');
    await client.publishAsync(topics.deviceStatus(creds.deviceId), JSON.stringify(status), { qos: 1, retain: true });
    return client;
  }

  /** A unique message id: QoS 1 redelivery of the same id is idempotent at the hub. */
  nextId(): string {
    return `${this.creds.deviceId}-${this.prefix}-${++this.seq}`;
  }

  async publish(topic: string, payload: object, qos: 0 | 1 = 1): Promise<void> {
    await this.client.publishAsync(topic, JSON.stringify(payload), { qos });
  }

  /** A clean shutdown: says offline, then disconnects (no last will). */
  async close(): Promise<void> {
    if (this.client.connected) {
      const status = statusMessage('offline', new Date());
      const said = this.client.publishAsync(this.topics.deviceStatus(this.creds.deviceId), JSON.stringify(status), { qos: 1, retain: true }).catch(() => {});
      // A hub that went away never acknowledges: do not wait for it for ever.
      await Promise.race([said, new Promise((r) => setTimeout(r, 1000))]);
    }
    await this.client.endAsync(!this.client.connected);
  }

  /** Drops the connection without a goodbye, so the broker publishes the last will. */
  kill(): void {
    this.client.stream?.destroy();
    this.client.end(true);
  }
}
