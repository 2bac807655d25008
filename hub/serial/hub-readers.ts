/**
 * Readers plugged into the hub's own machine (HUB_SERIAL_READERS): one bridge
 * each, connecting over MQTT to the hub's own TCP port like any device, so
 * the broker's authentication, ACLs and redelivery rules apply to them too.
 */
import type { ReaderBridge } from './reader-bridge.js';
import { type BridgeContext, bridgeOptions, type SerialReaderEntry } from './reader-config.js';

export interface HubReaders {
  bridges: ReaderBridge[];
  stop(): Promise<void>;
}

/** The address to reach a listener bound to `host`: a wildcard bind is reached on loopback. */
export function loopbackFor(host: string): string {
  return host === '0.0.0.0' || host === '::' || host === '' ? '127.0.0.1' : host;
}

export async function startHubReaders(entries: SerialReaderEntry[], ctx: BridgeContext): Promise<HubReaders> {
  const bridges: ReaderBridge[] = [];
  const stop = async () => {
    await Promise.all(bridges.map((b) => b.stop()));
  };
  if (entries.length === 0) return { bridges, stop };
  // Loaded only when readers are configured: serialport and the MQTT client are about 8 MB
  // resident that a hub without serial readers does not need (issue 13, footprint).
  const { ReaderBridge } = await import('./reader-bridge.js');
  try {
    for (const entry of entries) {
      const bridge = await ReaderBridge.start(bridgeOptions(entry, ctx));
      bridge.on('reader', (state: string) => ctx.log?.info({ reader: entry.device, serial: entry.path, state, firmware: bridge.firmware }, 'serial reader'));
      bridges.push(bridge);
    }
  } catch (err) {
    await stop(); // e.g. a queue file that cannot be written: leave nothing half-started
    throw err;
  }
  return { bridges, stop };
}
