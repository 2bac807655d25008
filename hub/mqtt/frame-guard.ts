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
