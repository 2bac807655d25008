/** PN532 frames and the streaming parser, against byte vectors written out from UM0701-02. */
import { describe, expect, it } from 'vitest';
import {
  ACK_FRAME,
  commandFrame,
  ERROR_FRAME,
  firmwareString,
  getFirmwareVersionCommand,
  HSU_WAKEUP,
  inListPassiveTargetCommand,
  maxRetriesCommand,
  NACK_FRAME,
  responseFrame,
  samConfigurationCommand,
  uidFromTargetData,
} from '../../hub/serial/pn532-frame.js';
import { type Pn532Message, Pn532Parser } from '../../hub/serial/pn532-parser.js';
import { feed, splitAt } from '../support/feed.js';

const bytes = (s: string) => Buffer.from(s.replace(/\s+/g, ''), 'hex');
/** GetFirmwareVersion's answer from a PN532 v1.6: IC 32, Ver 01, Rev 06, Support 07. */
const FIRMWARE_RESPONSE = bytes('00 00 FF 06 FA D5 03 32 01 06 07 E8 00');
/** InListPassiveTarget's answer with one MIFARE Classic card, UID D2 8A 2E 6A. */
const ONE_CARD = bytes('00 00 FF 0C F4 D5 4B 01 01 00 04 08 04 D2 8A 2E 6A DA 00');

const parse = (chunks: Uint8Array[]) => {
  const p = new Pn532Parser();
  return { p, out: feed<Pn532Message>(p, chunks) };
};

describe('PN532 frame encoding', () => {
  it('builds the commands byte for byte as the user manual shows them', () => {
    expect(getFirmwareVersionCommand()).toEqual(bytes('00 00 FF 02 FE D4 02 2A 00'));
    expect(samConfigurationCommand()).toEqual(bytes('00 00 FF 05 FB D4 14 01 14 01 02 00'));
    expect(inListPassiveTargetCommand()).toEqual(bytes('00 00 FF 04 FC D4 4A 01 00 E1 00'));
    expect(maxRetriesCommand()).toEqual(bytes('00 00 FF 06 FA D4 32 05 FF 01 00 F5 00'));
    expect(responseFrame(0x02, [0x32, 0x01, 0x06, 0x07])).toEqual(FIRMWARE_RESPONSE);
    expect(HSU_WAKEUP.subarray(0, 3)).toEqual(bytes('55 55 00'));
  });

  it('refuses data that needs an extended frame', () => {
    expect(() => commandFrame(0x40, new Array(254).fill(0))).toThrow(RangeError);
  });

  it('reads the firmware version and the card UID out of the answers', () => {
    expect(firmwareString([0x32, 0x01, 0x06, 0x07])).toBe('PN532 v1.6');
    expect(firmwareString([0x32])).toBeNull();
    expect(uidFromTargetData(bytes('01 01 00 04 08 04 D2 8A 2E 6A'))).toBe('D28A2E6A');
    expect(uidFromTargetData(bytes('01 01 00 44 00 07 04 A1 B2 C3 D4 E5 F6'))).toBe('04A1B2C3D4E5F6');
    expect(uidFromTargetData(bytes('00'))).toBeNull();
    expect(uidFromTargetData(bytes('01 01 00 04 08 05 D2 8A 2E 6A 00'))).toBeNull(); // 5-byte UID does not exist
    expect(uidFromTargetData(bytes('01 01 00 04 08 04 D2 8A'))).toBeNull(); // cut short
  });
});

describe('Pn532Parser', () => {
  it('emits every frame type: ACK, NACK, error and information frames', () => {
    const { out } = parse([Buffer.concat([ACK_FRAME, NACK_FRAME, ERROR_FRAME, FIRMWARE_RESPONSE, ONE_CARD])]);
    expect(out.map((m) => m.kind)).toEqual(['ack', 'nack', 'error', 'frame', 'frame']);
    expect(out[3]).toEqual({ kind: 'frame', tfi: 0xd5, code: 0x03, params: bytes('32 01 06 07') });
    expect(out[4]).toMatchObject({ code: 0x4b, params: bytes('01 01 00 04 08 04 D2 8A 2E 6A') });
  });

  it('reads a frame delivered one byte at a time', () => {
    const { out } = parse([...ONE_CARD].map((b) => Buffer.from([b])));
    expect(out).toHaveLength(1);
    expect(out[0]).toMatchObject({ kind: 'frame', code: 0x4b });
  });

  it('reads frames split at every possible point, and merged with the next', () => {
    const stream = Buffer.concat([ACK_FRAME, ONE_CARD, ACK_FRAME]);
    for (let cut = 1; cut < stream.length; cut++) {
      const { out } = parse(splitAt(stream, [cut]));
      expect(out.map((m) => m.kind), `cut at ${cut}`).toEqual(['ack', 'frame', 'ack']);
    }
  });

  it('skips the wake-up preamble and garbage between frames', () => {
    const { p, out } = parse([Buffer.concat([HSU_WAKEUP, samConfigurationCommand(), bytes('13 37 FF 00 42'), ACK_FRAME])]);
    expect(out).toEqual([{ kind: 'frame', tfi: 0xd4, code: 0x14, params: bytes('01 14 01') }, { kind: 'ack' }]);
    expect(p.droppedTotal).toBe(0);
  });

  it('drops and counts a bad length checksum, a bad data checksum and an extended frame, then carries on', () => {
    const badLcs = Buffer.from(FIRMWARE_RESPONSE);
    badLcs[4] = 0xfb;
    const badDcs = Buffer.from(FIRMWARE_RESPONSE);
    badDcs[11] = 0xe9;
    const extended = bytes('00 00 FF FF FF 00 03 FD D5 03 32 F6 00');
    const { p, out } = parse([Buffer.concat([badLcs, badDcs, extended, FIRMWARE_RESPONSE])]);
    expect(out).toEqual([{ kind: 'frame', tfi: 0xd5, code: 0x03, params: bytes('32 01 06 07') }]);
    expect(p.dropped).toEqual({ length_checksum: 1, data_checksum: 1, extended_frame: 1, empty_frame: 0 });
  });

  it('finds a real frame that starts inside a frame it had to drop', () => {
    // A false start code whose LEN swallows the real frame: the checksum fails and the parser looks again.
    const { p, out } = parse([Buffer.concat([bytes('00 FF 10 F0 01 02'), ONE_CARD])]);
    expect(out).toHaveLength(1);
    expect(p.dropped.data_checksum).toBe(1);
  });

  it('keeps at most one incomplete frame in its buffer', () => {
    const p = new Pn532Parser();
    feed(p, [bytes('00 FF FE 02'), Buffer.alloc(100, 0x11)]);
    expect((p as unknown as { buf: Buffer }).buf.length).toBeLessThanOrEqual(262);
    feed(p, [Buffer.alloc(10_000, 0x11)]);
    expect((p as unknown as { buf: Buffer }).buf.length).toBe(0);
    expect(p.dropped.data_checksum).toBe(1);
  });
});
