/** Feeds byte chunks through a streaming parser and returns what it emitted, in order. */
import type { Transform } from 'node:stream';

export function feed<T>(parser: Transform, chunks: Iterable<Uint8Array>): T[] {
  const out: T[] = [];
  for (const chunk of chunks) {
    // Transform runs _transform synchronously for each write while nothing is pending.
    parser.write(Buffer.from(chunk));
    for (let m = parser.read(); m !== null; m = parser.read()) out.push(m as T);
  }
  return out;
}

/** Cuts `bytes` at the given offsets (sorted, deduplicated, clamped). */
export function splitAt(bytes: Uint8Array, cuts: number[]): Uint8Array[] {
  const points = [...new Set(cuts.map((c) => Math.max(0, Math.min(bytes.length, c))))].sort((a, b) => a - b);
  const parts: Uint8Array[] = [];
  let prev = 0;
  for (const p of [...points, bytes.length]) {
    parts.push(bytes.subarray(prev, p));
    prev = p;
  }
  return parts;
}
