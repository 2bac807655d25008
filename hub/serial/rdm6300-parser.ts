/**
 * RDM6300-style 125 kHz readers (EM4100 cards), 9600 baud 8N1. The module
 * sends, and repeats while a card stays in the field:
 *
 *   0x02 | 10 ASCII hex: version byte + 4 data bytes | 2 ASCII hex: XOR of those 5 bytes | 0x03
 *
 * A streaming parser in the style of node-serialport's `@serialport/parser-*`:
 * bytes in, `{ uid }` out (the 10 hex characters, upper-case, as the contract
 * wants). Bad frames are counted and dropped; the buffer never holds more
 * than one incomplete frame (13 bytes).
 */
import { Transform, type TransformCallback } from 'node:stream';

const STX = 0x02;
const ETX = 0x03;
export const EM4100_FRAME_LENGTH = 14;

export interface Em4100Read {
  uid: string;
}

export type Rdm6300DropReason = 'no_etx' | 'not_hex' | 'checksum';

/** Decodes one 14-byte frame; returns the UID or why it is not a frame. Pure. */
export function decodeEm4100Frame(frame: ArrayLike<number>): { uid: string } | { bad: Rdm6300DropReason } {
  if (frame.length !== EM4100_FRAME_LENGTH || frame[0] !== STX || frame[13] !== ETX) return { bad: 'no_etx' };
  const text = String.fromCharCode(...Array.from(frame).slice(1, 13));
  if (!/^[0-9A-Fa-f]{12}$/.test(text)) return { bad: 'not_hex' };
  let xor = 0;
  for (let i = 0; i < 10; i += 2) xor ^= parseInt(text.slice(i, i + 2), 16);
  if (xor !== parseInt(text.slice(10, 12), 16)) return { bad: 'checksum' };
  return { uid: text.slice(0, 10).toUpperCase() };
}

/** Encodes a frame for a 10-hex-character EM4100 id (the emulator and tests use it). */
export function encodeEm4100Frame(uid: string): Buffer {
  if (!/^[0-9A-Fa-f]{10}$/.test(uid)) throw new RangeError('an EM4100 id is 10 hex characters (version byte + 4 data bytes)');
  let xor = 0;
  for (let i = 0; i < 10; i += 2) xor ^= parseInt(uid.slice(i, i + 2), 16);
  const text = uid.toUpperCase() + xor.toString(16).padStart(2, '0').toUpperCase();
  return Buffer.from([STX, ...Buffer.from(text, 'ascii'), ETX]);
}

export class Rdm6300Parser extends Transform {
  private buf: Buffer = Buffer.alloc(0);
  readonly dropped: Record<Rdm6300DropReason, number> = { no_etx: 0, not_hex: 0, checksum: 0 };

  constructor() {
    super({ readableObjectMode: true });
  }

  get droppedTotal(): number {
    return this.dropped.no_etx + this.dropped.not_hex + this.dropped.checksum;
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback): void {
    const b = this.buf.length ? Buffer.concat([this.buf, chunk]) : chunk;
    let pos = 0;
    for (;;) {
      const start = b.indexOf(STX, pos);
      if (start < 0) {
        pos = b.length; // noise between frames
        break;
      }
      if (b.length - start < EM4100_FRAME_LENGTH) {
        pos = start; // incomplete: wait for the rest
        break;
      }
      const r = decodeEm4100Frame(b.subarray(start, start + EM4100_FRAME_LENGTH));
      if ('uid' in r) {
        this.push({ uid: r.uid } satisfies Em4100Read);
        pos = start + EM4100_FRAME_LENGTH;
      } else {
        // Resynchronise on the next STX after this one: a real frame may start inside the bad one.
        this.dropped[r.bad]++;
        this.emit('dropped', r.bad);
        pos = start + 1;
      }
    }
    this.buf = Buffer.from(b.subarray(pos));
    cb();
  }

  override _flush(cb: TransformCallback): void {
    this.buf = Buffer.alloc(0);
    cb();
  }
}
