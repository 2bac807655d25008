/**
 * A streaming PN532 frame parser in the style of node-serialport's
 * `@serialport/parser-*`: bytes in, one object per frame out. It reads both
 * directions (the host driver and the chip emulator use it), resynchronises
 * on the start code `00 FF`, and drops what fails a checksum, counted and
 * never thrown. The buffer only ever holds one incomplete normal frame, so
 * it is bounded by the largest one (262 bytes).
 */
import { Transform, type TransformCallback } from 'node:stream';
import { TFI_ERROR } from './pn532-frame.js';

export type Pn532Message =
  | { kind: 'ack' }
  | { kind: 'nack' }
  | { kind: 'error' }
  | { kind: 'frame'; tfi: number; code: number; params: Buffer };

export type Pn532DropReason = 'length_checksum' | 'data_checksum' | 'extended_frame' | 'empty_frame';

export class Pn532Parser extends Transform {
  private buf: Buffer = Buffer.alloc(0);
  /** Frames dropped by reason; noise between frames is not a frame and is not counted here. */
  readonly dropped: Record<Pn532DropReason, number> = { length_checksum: 0, data_checksum: 0, extended_frame: 0, empty_frame: 0 };

  constructor() {
    super({ readableObjectMode: true });
  }

  get droppedTotal(): number {
    return Object.values(this.dropped).reduce((a, b) => a + b, 0);
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback): void {
    this.buf = this.buf.length ? Buffer.concat([this.buf, chunk]) : chunk;
    let pos = 0;
    for (;;) {
      const start = findStartCode(this.buf, pos);
      if (start < 0) {
        // Keep a trailing 0x00: it may be the first half of a start code split across reads.
        pos = this.buf.length > 0 && this.buf[this.buf.length - 1] === 0x00 ? this.buf.length - 1 : this.buf.length;
        break;
      }
      const step = this.frameAt(start);
      if (step === 0) {
        pos = start; // incomplete: wait for more bytes
        break;
      }
      pos = start + step;
    }
    // Copy the remainder (at most one frame) so a large read is not kept alive by a view into it.
    this.buf = Buffer.from(this.buf.subarray(pos));
    cb();
  }

  override _flush(cb: TransformCallback): void {
    this.buf = Buffer.alloc(0);
    cb();
  }

  /** Reads the frame whose start code `00 FF` is at `s`; returns the bytes consumed, or 0 when incomplete. */
  private frameAt(s: number): number {
    const b = this.buf;
    if (b.length < s + 4) return 0;
    const len = b[s + 2] as number;
    const lcs = b[s + 3] as number;
    if (len === 0x00 && lcs === 0xff) return this.emit1({ kind: 'ack' }, 4);
    if (len === 0xff && lcs === 0x00) return this.emit1({ kind: 'nack' }, 4);
    if (len === 0xff && lcs === 0xff) return this.discard('extended_frame', 2); // §6.2.1.3: not used by this driver
    if (((len + lcs) & 0xff) !== 0) return this.discard('length_checksum', 2);
    const end = s + 4 + len; // index of DCS
    if (b.length <= end) return 0;
    let sum = 0;
    for (let i = s + 4; i <= end; i++) sum = (sum + (b[i] as number)) & 0xff;
    if (sum !== 0) return this.discard('data_checksum', 2);
    const tfi = b[s + 4] as number;
    if (tfi === TFI_ERROR && len === 1) return this.emit1({ kind: 'error' }, len + 5);
    if (len < 2) return this.discard('empty_frame', len + 5);
    // Copy: the parsed params must not alias a buffer that later reads replace.
    return this.emit1({ kind: 'frame', tfi, code: b[s + 5] as number, params: Buffer.from(b.subarray(s + 6, end)) }, len + 5);
  }

  private emit1(msg: Pn532Message, consumed: number): number {
    this.push(msg);
    return consumed;
  }

  private discard(reason: Pn532DropReason, consumed: number): number {
    this.dropped[reason]++;
    this.emit('dropped', reason);
    return consumed;
  }
}

/** Index of the next `00 FF` at or after `from`, or -1. */
function findStartCode(b: Buffer, from: number): number {
  for (let i = from; i + 1 < b.length; i++) if (b[i] === 0x00 && b[i + 1] === 0xff) return i;
  return -1;
}
