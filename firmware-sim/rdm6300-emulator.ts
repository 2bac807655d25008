/**
 * An RDM6300 125 kHz module, emulated: it never listens, it only talks. While
 * an EM4100 card is in the field it sends the card's frame, again every
 * `repeatMs` as the real module does, until the card is taken away.
 * Attach it to the device side of a PtyPair.
 */
import type { Duplex } from 'node:stream';
import { encodeEm4100Frame } from '../hub/serial/rdm6300-parser.js';
import { closeSerialPort, openSerialPort, type SerialPort } from '../hub/serial/serial-port.js';

export class Rdm6300Emulator {
  private timer: NodeJS.Timeout | null = null;
  framesSent = 0;

  constructor(
    private readonly port: Duplex,
    private readonly repeatMs = 100,
  ) {
    port.on('error', () => {}); // a hung-up pty is the plug pulled, not a crash
  }

  static async open(path: string, repeatMs?: number): Promise<Rdm6300Emulator> {
    return new Rdm6300Emulator(await openSerialPort(path, 9600), repeatMs);
  }

  /** A card in the field: its 10 hex characters (version byte + 4 data bytes). */
  present(uid: string): void {
    const frame = encodeEm4100Frame(uid);
    this.remove();
    const send = () => {
      if (!this.port.writable) return;
      this.port.write(frame);
      this.framesSent++;
    };
    send();
    this.timer = setInterval(send, this.repeatMs);
  }

  /** Test hook: bytes on the line as they are, e.g. noise or a damaged frame. */
  sendRaw(bytes: Buffer): void {
    this.port.write(bytes);
  }

  remove(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  async close(): Promise<void> {
    this.remove();
    if ('isOpen' in this.port) await closeSerialPort(this.port as SerialPort);
    else this.port.destroy();
  }
}
