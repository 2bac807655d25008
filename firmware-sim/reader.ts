/** A simulated badge reader: publishes taps as the reader device (contract §2). */
import { type DeviceCredentials, SimDevice } from './device-client.js';

export class SimReader extends SimDevice {
  static async connect(creds: DeviceCredentials): Promise<SimReader> {
    return new SimReader(await SimDevice.open(creds), creds);
  }

  /** A card presented to the reader; returns the message id. */
  async tap(uid: string, at: Date = new Date(), tech = 'iso14443a'): Promise<string> {
    const id = this.nextId();
    await this.publish(this.topics.readerTap(this.creds.deviceId), { id, at: at.toISOString(), uid, tech });
    return id;
  }
}
