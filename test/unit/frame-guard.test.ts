import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { connectProtocolLevel, FrameGuard } from '../../hub/mqtt/frame-guard.js';
import { connectPacket, publishPacket, varint } from '../support/mqtt-raw.js';

/** An MQTT fixed header: type byte and the remaining length (MQTT-2.2.3). */
const header = (type: number, length: number): number[] => [type, ...varint(length)];
const packet = (type: number, length: number) => Uint8Array.from([...header(type, length), ...new Array(length).fill(0x61)]);

describe('FrameGuard (contract §9: a larger packet closes that connection, before it is buffered)', () => {
  it('lets packets within the limit through, several in one chunk and split anywhere', () => {
    const stream = Uint8Array.from([...packet(0x30, 100), ...packet(0xc0, 0), ...packet(0x32, 1000)]);
    for (let cut = 0; cut <= stream.length; cut += 37) {
      const g = new FrameGuard(1000);
      expect(g.scan(stream.subarray(0, cut))).toEqual({ ok: true });
      expect(g.scan(stream.subarray(cut))).toEqual({ ok: true });
    }
  });

  it('refuses a declared 250 MB PUBLISH from its header alone, before any of its body', () => {
    const g = new FrameGuard(8 * 1024);
    expect(g.scan(Uint8Array.from(header(0x30, 250 * 1024 * 1024)))).toEqual({ ok: false, reason: 'packet_too_large', declared: expect.any(Number) });
  });

  it('refuses as soon as a partial length is over the limit (later bytes only add)', () => {
    const g = new FrameGuard(100);
    // 0x80 0x02 would be 256: the first byte alone (0 with a continuation) is not over, the second is.
    expect(g.scan(Uint8Array.from([0x30, 0x80]))).toEqual({ ok: true });
    expect(g.scan(Uint8Array.from([0x02]))).toMatchObject({ ok: false, reason: 'packet_too_large', declared: 256 });
  });

  it('refuses a remaining length of more than four bytes as malformed', () => {
    const g = new FrameGuard(Number.MAX_SAFE_INTEGER);
    expect(g.scan(Uint8Array.from([0x30, 0xff, 0xff, 0xff, 0xff]))).toMatchObject({ ok: false, reason: 'malformed' });
  });

  it('applies a raised limit (after CONNECT is accepted) to the packets that follow', () => {
    const g = new FrameGuard(10);
    expect(g.scan(packet(0x10, 10))).toEqual({ ok: true });
    g.maxPacket = 64 * 1024;
    expect(g.scan(packet(0x30, 60 * 1024))).toEqual({ ok: true });
    expect(g.scan(Uint8Array.from(header(0x30, 65 * 1024)))).toMatchObject({ ok: false });
  });

  it('never refuses a stream of packets within the limit, however it is chunked (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 3000 }), { minLength: 1, maxLength: 12 }), fc.array(fc.integer({ min: 1, max: 700 }), { minLength: 1 }), (lengths, cuts) => {
        const bytes = Uint8Array.from(lengths.flatMap((n) => [...packet(0x30, n)]));
        const g = new FrameGuard(3000);
        let at = 0;
        for (let i = 0; at < bytes.length; i++) {
          const next = Math.min(bytes.length, at + cuts[i % cuts.length]!);
          if (!g.scan(bytes.subarray(at, next)).ok) return false;
          at = next;
        }
        return true;
      }),
    );
  });
});

describe('connectProtocolLevel ([MQTT-3.1.2-2]: the level a CONNECT asks for, before the parser sees it)', () => {
  it('reads the level of a CONNECT, and nothing from other packets or a chunk cut short', () => {
    const connect = connectPacket({ clientId: 'device-1', username: 'u', password: 'p' });
    expect(connectProtocolLevel(connect)).toBe(4);
    const v7 = Buffer.from(connect);
    v7[8] = 7;
    expect(connectProtocolLevel(v7)).toBe(7);
    expect(connectProtocolLevel(connect.subarray(0, 8))).toBeUndefined();
    expect(connectProtocolLevel(publishPacket({ topic: 'a', payload: 'b' }))).toBeUndefined();
    // A long CONNECT: a two-byte remaining length.
    const long = connectPacket({ clientId: 'x'.repeat(200), username: 'u', password: 'p' });
    expect(long[2]! & 0x80).toBe(0); // second length byte ends the varint
    expect(connectProtocolLevel(long)).toBe(4);
  });
});
