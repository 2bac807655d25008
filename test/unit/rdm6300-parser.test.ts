/** RDM6300 / EM4100 frames and the streaming parser. */
import { describe, expect, it } from 'vitest';
import { decodeEm4100Frame, type Em4100Read, encodeEm4100Frame, Rdm6300Parser } from '../../hub/serial/rdm6300-parser.js';
import { feed, splitAt } from '../support/feed.js';

/** A card printed "0004718265" (0x0047FEB9) with version byte 0x1A: 1A ^ 00 ^ 47 ^ FE ^ B9 = 1A. */
const FRAME = Buffer.concat([Buffer.from([0x02]), Buffer.from('1A0047FEB9' + '1A', 'ascii'), Buffer.from([0x03])]);
const OTHER = encodeEm4100Frame('0F00C0FFEE');

const parse = (chunks: Uint8Array[]) => {
  const p = new Rdm6300Parser();
  return { p, out: feed<Em4100Read>(p, chunks).map((r) => r.uid) };
};

describe('EM4100 frame codec', () => {
  it('checks the XOR checksum of the five bytes', () => {
    expect(decodeEm4100Frame(FRAME)).toEqual({ uid: '1A0047FEB9' });
    expect(encodeEm4100Frame('1a0047feb9')).toEqual(FRAME);
    const bad = Buffer.from(FRAME);
    bad[12] = 0x33; // checksum "03"
    expect(decodeEm4100Frame(bad)).toEqual({ bad: 'checksum' });
    const notHex = Buffer.from(FRAME);
    notHex[3] = 0x47; // 'G'
    expect(decodeEm4100Frame(notHex)).toEqual({ bad: 'not_hex' });
    expect(decodeEm4100Frame(FRAME.subarray(0, 13))).toEqual({ bad: 'no_etx' });
  });

  it('accepts lower-case hex from a module and reports the UID upper-case', () => {
    const lower = Buffer.concat([Buffer.from([0x02]), Buffer.from('0f00c0ffee' + 'de', 'ascii'), Buffer.from([0x03])]);
    expect(decodeEm4100Frame(lower)).toEqual({ uid: '0F00C0FFEE' });
  });
});

describe('Rdm6300Parser', () => {
  it('reads several frames in one read (a card held on the reader repeats)', () => {
    expect(parse([Buffer.concat([FRAME, FRAME, OTHER])]).out).toEqual(['1A0047FEB9', '1A0047FEB9', '0F00C0FFEE']);
  });

  it('reads frames split at every possible point', () => {
    const stream = Buffer.concat([FRAME, OTHER]);
    for (let cut = 1; cut < stream.length; cut++) {
      for (const cut2 of [cut + 1, cut + 7]) {
        expect(parse(splitAt(stream, [cut, cut2])).out, `cuts ${cut},${cut2}`).toEqual(['1A0047FEB9', '0F00C0FFEE']);
      }
    }
  });

  it('skips garbage between frames without counting it as a frame', () => {
    const { p, out } = parse([Buffer.from('\r\nnoise'), FRAME, Buffer.from([0xff, 0x00, 0x41]), OTHER]);
    expect(out).toEqual(['1A0047FEB9', '0F00C0FFEE']);
    expect(p.droppedTotal).toBe(0);
  });

  it('drops and counts a frame with a bad checksum and still reads the next', () => {
    const bad = Buffer.from(FRAME);
    bad[12] = 0x33;
    const { p, out } = parse([bad, OTHER]);
    expect(out).toEqual(['0F00C0FFEE']);
    expect(p.dropped).toEqual({ no_etx: 0, not_hex: 0, checksum: 1 });
  });

  it('finds a frame that begins inside a truncated one (a card pulled away mid-frame)', () => {
    const { p, out } = parse([FRAME.subarray(0, 6), FRAME]);
    expect(out).toEqual(['1A0047FEB9']);
    expect(p.dropped.no_etx).toBe(1);
  });

  it('keeps at most one incomplete frame in its buffer', () => {
    const p = new Rdm6300Parser();
    feed(p, [Buffer.alloc(50_000, 0x41), Buffer.from([0x02, 0x31, 0x32])]);
    expect((p as unknown as { buf: Buffer }).buf.length).toBe(3);
  });
});
