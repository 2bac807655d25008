/**
 * Watches the raw MQTT byte stream of one connection and stops a packet
 * whose declared size is over the limit as soon as its fixed header says so,
 * before the parser buffers a single byte of its body (contract §9
 * HUB_MQTT_MAX_PAYLOAD). The fixed header is one byte of type and flags and
 * a "remaining length" of 1-4 bytes, 7 bits each, low first (MQTT-2.2.3).
 */
export type FrameVerdict = { ok: true } | { ok: false; reason: 'packet_too_large' | 'malformed'; declared: number };

export class FrameGuard {
  private state: 'type' | 'length' | 'body' = 'type';
  private length = 0;
  private multiplier = 1;
  private lengthBytes = 0;
  private left = 0;

  constructor(
    /** Largest remaining length allowed; raised once the client has authenticated. */
    public maxPacket: number,
  ) {}

  scan(chunk: Uint8Array): FrameVerdict {
    let i = 0;
    while (i < chunk.length) {
      if (this.state === 'type') {
        i++;
        this.state = 'length';
        this.length = 0;
        this.multiplier = 1;
        this.lengthBytes = 0;
      } else if (this.state === 'length') {
        const b = chunk[i++]!;
        this.length += (b & 0x7f) * this.multiplier;
        this.multiplier *= 128;
        this.lengthBytes++;
        // Later bytes only add: a partial length over the limit is over it already.
        if (this.length > this.maxPacket) return { ok: false, reason: 'packet_too_large', declared: this.length };
        if ((b & 0x80) === 0) {
          this.left = this.length;
          this.state = this.left === 0 ? 'type' : 'body';
        } else if (this.lengthBytes === 4) {
          return { ok: false, reason: 'malformed', declared: this.length }; // MQTT-2.2.3: at most four bytes
        }
      } else {
        const take = Math.min(this.left, chunk.length - i);
        i += take;
        this.left -= take;
        if (this.left === 0) this.state = 'type';
      }
    }
    return { ok: true };
  }
}

/** CONNACK "unacceptable protocol level" (MQTT 3.1.1 table 3.1, return code 0x01). */
export const CONNACK_UNACCEPTABLE_PROTOCOL = Buffer.from([0x20, 0x02, 0x00, 0x01]);

/**
 * The protocol level of a CONNECT at the start of `chunk`, when the chunk holds
 * that far; undefined otherwise. [MQTT-3.1.2-2] wants a CONNACK 0x01 for a
 * level the server does not support; the parser Aedes uses throws on any level
 * it does not know before Aedes could answer, so the broker answers first.
 */
export function connectProtocolLevel(chunk: Uint8Array): number | undefined {
  if (chunk[0] !== 0x10) return undefined;
  let i = 1;
  while (i < 5 && i < chunk.length && (chunk[i]! & 0x80) !== 0) i++;
  i++; // past the last remaining-length byte
  if (chunk.length < i + 2) return undefined;
  const nameLength = (chunk[i]! << 8) | chunk[i + 1]!;
  const at = i + 2 + nameLength;
  return at < chunk.length ? chunk[at] : undefined;
}
