/**
 * A PN532 on HSU, emulated (the zwave-js MockController pattern): it parses
 * what the host writes, answers as the chip does, and reports a card while
 * one is presented. Attach it to the device side of a PtyPair.
 *
 * - Asleep after power-up: bytes are ignored until the HSU wake-up (0x55).
 * - Every well-formed command frame: ACK, then the response frame (§6.2.1).
 * - A frame failing a checksum: NACK. A host NACK: the last response again.
 *   A host ACK while a response is pending: the command is aborted (§6.2.1.3).
 * - GetFirmwareVersion, SAMConfiguration, RFConfiguration, InListPassiveTarget
 *   (106 kbps type A: 0 targets, or the presented card); a frame that is not
 *   for the chip (TFI ≠ D4) or an unknown command: ACK, then the error frame.
 */
import { EventEmitter } from 'node:events';
import type { Duplex } from 'node:stream';
import { ACK_FRAME, Cmd, ERROR_FRAME, HSU_WAKEUP, NACK_FRAME, responseFrame, TFI_HOST_TO_PN532 } from '../hub/serial/pn532-frame.js';
import { type Pn532Message, Pn532Parser } from '../hub/serial/pn532-parser.js';
import { closeSerialPort, openSerialPort, type SerialPort } from '../hub/serial/serial-port.js';

/** PN532 v1.6 with ISO 14443A, ISO 14443B and ISO 18092 support (what NXP ships). */
const FIRMWARE = [0x32, 0x01, 0x06, 0x07];
const WAKEUP_BYTE = HSU_WAKEUP[0]!;

export class Pn532Emulator extends EventEmitter {
  private awake = false;
  private card: Buffer | null = null;
  private lastResponse: Buffer | null = null;
  private pending: NodeJS.Timeout | null = null;
  private corruptNext = 0;
  private readonly parser = new Pn532Parser();
  /** Traffic, for tests to wait on (zwave-js style); commands counts frames per command code. */
  readonly seen = { commands: new Map<number, number>(), samConfigured: false, cardReports: 0, nacksSent: 0, resends: 0, aborts: 0, errorsSent: 0 };

  constructor(
    private readonly port: Duplex,
    private readonly opts: { responseDelayMs?: number } = {},
  ) {
    super();
    port.on('data', (chunk: Buffer) => this.onBytes(chunk));
    port.on('error', () => {}); // a hung-up pty is the plug pulled, not a crash
    this.parser.on('data', (m: Pn532Message) => this.onMessage(m));
    this.parser.on('dropped', () => this.send(NACK_FRAME, 'nacksSent'));
  }

  static async open(path: string, opts: { responseDelayMs?: number } = {}): Promise<Pn532Emulator> {
    return new Pn532Emulator(await openSerialPort(path, 115_200), opts);
  }

  /** A card in the field: 4, 7 or 10 UID bytes (ISO/IEC 14443-3 single, double, triple size). */
  present(uid: string): void {
    const bytes = Buffer.from(uid, 'hex');
    if (![4, 7, 10].includes(bytes.length) || bytes.toString('hex').toUpperCase() !== uid.toUpperCase()) {
      throw new RangeError(`an ISO 14443A UID is 4, 7 or 10 bytes of hex, not "${uid}"`);
    }
    this.card = bytes;
  }

  remove(): void {
    this.card = null;
  }

  /** Test hook: the next `n` response frames go out with a wrong data checksum. */
  corruptResponses(n = 1): void {
    this.corruptNext = n;
  }

  async close(): Promise<void> {
    if (this.pending) clearTimeout(this.pending);
    if ('isOpen' in this.port) await closeSerialPort(this.port as SerialPort);
    else this.port.destroy();
  }

  private onBytes(chunk: Buffer): void {
    if (!this.awake) {
      const at = chunk.indexOf(WAKEUP_BYTE);
      if (at < 0) return; // power-down: the UART is not listening (§7.2.11)
      this.awake = true;
      chunk = chunk.subarray(at + 1);
    }
    this.parser.write(chunk);
  }

  private onMessage(m: Pn532Message): void {
    if (m.kind === 'nack') {
      if (this.lastResponse) this.send(this.lastResponse, 'resends');
      return;
    }
    if (m.kind === 'ack') {
      if (this.pending) {
        clearTimeout(this.pending);
        this.pending = null;
        this.seen.aborts++;
      }
      return;
    }
    if (m.kind === 'error') return;
    this.send(ACK_FRAME);
    this.seen.commands.set(m.code, (this.seen.commands.get(m.code) ?? 0) + 1);
    this.emit('command', m.code);
    const params = m.tfi === TFI_HOST_TO_PN532 ? this.answer(m.code, m.params) : null;
    const response = params ? responseFrame(m.code, params) : ERROR_FRAME;
    if (!params) this.seen.errorsSent++;
    this.pending = setTimeout(() => {
      this.pending = null;
      this.lastResponse = response;
      this.send(this.corrupt(response));
    }, this.opts.responseDelayMs ?? 1);
  }

  /** The response parameters after the response code, or null for a syntax error. */
  private answer(code: number, p: Buffer): number[] | null {
    switch (code) {
      case Cmd.GetFirmwareVersion:
        return FIRMWARE;
      case Cmd.SAMConfiguration:
        if (p[0] === undefined || p[0] < 0x01 || p[0] > 0x04) return null;
        this.seen.samConfigured = true;
        return [];
      case Cmd.RFConfiguration:
        return [];
      case Cmd.InListPassiveTarget: {
        // MaxTg is 1 or 2 (§7.3.5); only 106 kbps type A cards are in this emulator's field.
        if (p[0] !== 0x01 && p[0] !== 0x02) return null;
        if (p[1] !== 0x00 || !this.card) return [0x00];
        this.seen.cardReports++;
        const uid = this.card;
        const sensRes = uid.length === 4 ? [0x00, 0x04] : uid.length === 7 ? [0x00, 0x44] : [0x00, 0x84];
        const selRes = uid.length === 4 ? 0x08 : 0x00; // MIFARE Classic 1K, or Ultralight/NTAG
        return [0x01, 0x01, ...sensRes, selRes, uid.length, ...uid];
      }
      default:
        return null;
    }
  }

  private corrupt(frame: Buffer): Buffer {
    if (this.corruptNext <= 0 || frame.length < 8) return frame;
    this.corruptNext--;
    const bad = Buffer.from(frame);
    bad[bad.length - 2] = (bad[bad.length - 2]! + 1) & 0xff; // DCS
    return bad;
  }

  private send(frame: Buffer, counter?: 'nacksSent' | 'resends'): void {
    if (counter) this.seen[counter]++;
    if (this.port.writable) this.port.write(frame);
  }
}
