/**
 * Property-based tests of both serial parsers: whatever bytes arrive, in
 * whatever pieces, they neither throw nor grow without bound, and valid
 * frames hidden in noise are still found.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeFrame } from '../../hub/serial/pn532-frame.js';
import { type Pn532Message, Pn532Parser } from '../../hub/serial/pn532-parser.js';
import { type Em4100Read, encodeEm4100Frame, Rdm6300Parser } from '../../hub/serial/rdm6300-parser.js';
import { feed, splitAt } from '../support/feed.js';

const bufferOf = (p: Pn532Parser | Rdm6300Parser) => (p as unknown as { buf: Buffer }).buf.length;
const chunked = fc.tuple(fc.uint8Array({ maxLength: 2000 }), fc.array(fc.nat(2000), { maxLength: 20 }));
/** A PN532 frame as the chip or the host sends it. */
const pn532Frame = fc.record({ tfi: fc.constantFrom(0xd4, 0xd5), code: fc.nat(0xff), params: fc.uint8Array({ maxLength: 60 }) });
const em4100Uid = fc.uint8Array({ minLength: 5, maxLength: 5 }).map((b) => Buffer.from(b).toString('hex').toUpperCase());

describe('serial parsers on arbitrary bytes', () => {
  // The bound: one incomplete frame at most (PN532: 262 bytes; EM4100: 13).
  it.each([
    ['PN532', () => new Pn532Parser(), 262],
    ['RDM6300', () => new Rdm6300Parser(), 13],
  ] as const)('%s: never throws, and keeps at most one frame buffered', (_name, make, bound) => {
    fc.assert(
      fc.property(chunked, ([bytes, cuts]) => {
        const p = make();
        for (const part of splitAt(bytes, cuts)) {
          feed(p, [part]);
          expect(bufferOf(p)).toBeLessThanOrEqual(bound);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('valid frames in noise', () => {
  // Noise never holds a whole valid frame of its own: for PN532 it has no 0xFF (so no start
  // code); false starts with a wrong length checksum are mixed in explicitly.
  const pn532Noise = fc.array(
    fc.oneof(
      fc.uint8Array({ maxLength: 30 }).map((b) => b.map((x) => (x === 0xff ? 0xfe : x))),
      fc.nat(0xfe).map((len) => Uint8Array.from([0x00, 0xff, len, (0x100 - len + 1) & 0xff])),
    ),
    { maxLength: 4 },
  ).map((parts) => Buffer.concat(parts));

  it('PN532: every frame is found, in order, however the stream is cut', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(pn532Noise, pn532Frame), { minLength: 1, maxLength: 6 }), pn532Noise, fc.array(fc.nat(800), { maxLength: 12 }), (pairs, tail, cuts) => {
        const stream = Buffer.concat([...pairs.flatMap(([noise, f]) => [noise, encodeFrame(f.tfi, [f.code, ...f.params])]), tail]);
        const out = feed<Pn532Message>(new Pn532Parser(), splitAt(stream, cuts));
        expect(out).toEqual(pairs.map(([, f]) => ({ kind: 'frame', tfi: f.tfi, code: f.code, params: Buffer.from(f.params) })));
      }),
      { numRuns: 300 },
    );
  });

  it('RDM6300: every frame is found, in order, in arbitrary noise however the stream is cut', () => {
    // Random noise forms a valid EM4100 frame (STX, 12 hex digits with a matching XOR, ETX) with negligible odds.
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.uint8Array({ maxLength: 40 }), em4100Uid), { minLength: 1, maxLength: 6 }), fc.array(fc.nat(400), { maxLength: 12 }), (pairs, cuts) => {
        const stream = Buffer.concat(pairs.flatMap(([noise, uid]) => [noise, encodeEm4100Frame(uid)]));
        const out = feed<Em4100Read>(new Rdm6300Parser(), splitAt(stream, cuts));
        expect(out.map((r) => r.uid)).toEqual(pairs.map(([, uid]) => uid));
      }),
      { numRuns: 300 },
    );
  });
});
