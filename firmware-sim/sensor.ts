/** A simulated occupancy sensor (PIR / people counter): reports presence (contract §2). */
import { type DeviceCredentials, SimDevice } from './device-client.js';

export class SimSensor extends SimDevice {
  static async connect(creds: DeviceCredentials): Promise<SimSensor> {
    return new SimSensor(await SimDevice.open(creds), creds);
  }

  async report(present: boolean, count?: number, at: Date = new Date()): Promise<void> {
    const payload = { id: this.nextId(), at: at.toISOString(), present, ...(count !== undefined ? { count } : {}) };
    await this.publish(this.topics.sensorOccupancy(this.creds.deviceId), payload);
  }
}
