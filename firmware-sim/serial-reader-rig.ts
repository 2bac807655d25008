/**
 * A badge reader "on a serial port" without hardware: an emulated PN532 on
 * one end of a socat pty, the reader bridge on the other, publishing to the
 * hub as the reader device. The demo uses it for the Alpha room.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Clock } from '../hub/app/ports.js';
import { ReaderBridge } from '../hub/serial/reader-bridge.js';
import type { TapPayload } from '../shared/schemas/mqtt.js';
import type { DeviceCredentials } from './device-client.js';
import { Pn532Emulator } from './pn532-emulator.js';
import { PtyPair, socatMissing } from './pty-pair.js';

export interface SerialReaderRig {
  /** Presents the card; it is taken away once the bridge has read it. */
  tap(uid: string): Promise<void>;
  close(): Promise<void>;
}

/** The rig, or why it cannot run here (socat is not installed). */
export async function startSerialReaderRig(creds: DeviceCredentials, clock: Clock): Promise<SerialReaderRig | { missing: string }> {
  const missing = socatMissing();
  if (missing) return { missing };
  const dir = mkdtempSync(join(tmpdir(), 'reader-rig-'));
  const pair = await PtyPair.start(dir);
  const chip = await Pn532Emulator.open(pair.deviceSide);
  const bridge = await ReaderBridge.start({ ...creds, serial: pair.hostSide, protocol: 'pn532', queueFile: join(dir, 'queue.jsonl'), clock });
  return {
    async tap(uid) {
      chip.present(uid);
      // Taken away once the bridge has read it, as a person would; after 2 s at the latest.
      const done = () => {
        clearTimeout(timer);
        bridge.off('tap', onTap);
        chip.remove();
      };
      const onTap = (tap: TapPayload) => tap.uid === uid.toUpperCase() && done();
      const timer = setTimeout(done, 2000).unref();
      bridge.on('tap', onTap);
    },
    async close() {
      await bridge.stop();
      await chip.close();
      await pair.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
