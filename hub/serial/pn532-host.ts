/**
 * The host side of a PN532 on HSU (UM0701-02 §6.2.1-§6.2.2): one command at
 * a time, each answered first by an ACK frame and then by the response frame.
 *
 * - No ACK in time, a NACK, or a garbled ACK: the command is sent again.
 * - A response failing its checksum: a NACK asks the chip to send it again.
 * - No response in time: an ACK aborts the command (§6.2.1.3), then it is sent again.
 * - The error frame (application-level syntax error): a Pn532Error.
 * After `attempts` tries the command fails; the bridge then reopens the port.
 */
import type { Duplex } from 'node:stream';
import {
  ACK_FRAME,
  Cmd,
  commandFrame,
  firmwareString,
  HSU_WAKEUP,
  NACK_FRAME,
  TFI_PN532_TO_HOST,
  uidFromTargetData,
} from './pn532-frame.js';
import { type Pn532Message, Pn532Parser } from './pn532-parser.js';

export class Pn532Error extends Error {}

export interface Pn532HostOptions {
  /** The chip ACKs within a few ms at 115200 baud. */
  ackTimeoutMs?: number;
  responseTimeoutMs?: number;
  attempts?: number;
}

type Inbound = Pn532Message | { kind: 'dropped' };

export class Pn532Host {
  private readonly parser = new Pn532Parser();
  private readonly inbox: Inbound[] = [];
  private wake: (() => void) | null = null;
  private detached = false;
  private readonly onData = (chunk: Buffer) => this.parser.write(chunk);
  private readonly ackTimeoutMs: number;
  private readonly responseTimeoutMs: number;
  private readonly attempts: number;
  readonly stats = { retries: 0, nacksSent: 0, aborts: 0 };

  constructor(
    private readonly port: Duplex,
    opts: Pn532HostOptions = {},
  ) {
    this.ackTimeoutMs = opts.ackTimeoutMs ?? 200;
    this.responseTimeoutMs = opts.responseTimeoutMs ?? 1000;
    this.attempts = opts.attempts ?? 3;
    port.on('data', this.onData);
    this.parser.on('data', (m: Pn532Message) => this.deliver(m));
    this.parser.on('dropped', () => this.deliver({ kind: 'dropped' }));
  }

  /** Frames dropped by the parser (bad checksums, extended frames). */
  get droppedFrames(): number {
    return this.parser.droppedTotal;
  }

  /**
   * Wakes the chip (HSU preamble before the first command, §7.2.11), leaves
   * LowVbat with SAMConfiguration normal mode, reads the firmware version, and
   * makes InListPassiveTarget try once per call so polling never blocks.
   */
  async begin(): Promise<string> {
    await this.command(Cmd.SAMConfiguration, [0x01, 0x14, 0x01], HSU_WAKEUP);
    const firmware = firmwareString(await this.command(Cmd.GetFirmwareVersion));
    await this.command(Cmd.RFConfiguration, [0x05, 0xff, 0x01, 0x00]);
    return firmware ?? 'PN532';
  }

  /** One InListPassiveTarget (1 target, 106 kbps type A): the UID in the field, or null. */
  async poll(): Promise<string | null> {
    return uidFromTargetData(await this.command(Cmd.InListPassiveTarget, [0x01, 0x00]));
  }

  /** Stops listening to the port; a command in progress fails at once. */
  detach(): void {
    this.detached = true;
    this.port.off('data', this.onData);
    this.wake?.();
  }

  /** Sends a command and returns the response's parameters (after the response code). */
  async command(code: number, params: number[] = [], preamble?: Buffer): Promise<Buffer> {
    const frame = commandFrame(code, params);
    for (let attempt = 1; attempt <= this.attempts && !this.detached; attempt++) {
      if (attempt > 1) this.stats.retries++;
      this.inbox.length = 0; // whatever is left belongs to an abandoned attempt
      this.port.write(preamble ? Buffer.concat([preamble, frame]) : frame);
      if (!(await this.awaitAck())) continue;
      const response = await this.awaitResponse(code + 1);
      if (response) return response;
      this.port.write(ACK_FRAME); // abort: the chip drops the command and listens again
      this.stats.aborts++;
    }
    throw new Pn532Error(`PN532 did not answer command 0x${code.toString(16).padStart(2, '0')} after ${this.attempts} attempts`);
  }

  private async awaitAck(): Promise<boolean> {
    const deadline = Date.now() + this.ackTimeoutMs;
    for (;;) {
      const m = await this.next(deadline);
      if (!m || m.kind === 'nack' || m.kind === 'dropped') return false;
      if (m.kind === 'ack') return true;
      if (m.kind === 'error') throw new Pn532Error('PN532 reported a syntax error');
      // a late response to an abandoned attempt: not ours
    }
  }

  private async awaitResponse(responseCode: number): Promise<Buffer | null> {
    const deadline = Date.now() + this.responseTimeoutMs;
    let nacks = 0;
    for (;;) {
      const m = await this.next(deadline);
      if (!m) return null;
      if (m.kind === 'error') throw new Pn532Error('PN532 reported a syntax error');
      if (m.kind === 'dropped' && nacks < this.attempts) {
        nacks++;
        this.stats.nacksSent++;
        this.port.write(NACK_FRAME); // §6.2.1.4: please send the last response again
      }
      if (m.kind === 'frame' && m.tfi === TFI_PN532_TO_HOST && m.code === responseCode) return m.params;
    }
  }

  private deliver(m: Inbound): void {
    this.inbox.push(m);
    this.wake?.();
  }

  /** The next message, or null at the deadline. */
  private async next(deadline: number): Promise<Inbound | null> {
    for (;;) {
      const m = this.inbox.shift();
      if (m) return m;
      if (this.detached) return null;
      const left = deadline - Date.now();
      if (left <= 0) return null;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, left);
        function done() {
          clearTimeout(timer);
          resolve();
        }
        this.wake = done;
      });
      this.wake = null;
    }
  }
}
