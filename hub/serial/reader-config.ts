/**
 * How a serial reader is configured, the same for a reader on the hub's own
 * machine (`HUB_SERIAL_READERS`, a JSON array of these) and for the
 * standalone `npm run reader-bridge` (its flags):
 *
 *   {"path":"/dev/ttyUSB0","protocol":"pn532","device":"alpha-reader","token":"…",
 *    "debounce":"3s","queue":"./data/reader-queue-alpha-reader.jsonl","baudRate":115200}
 */
import { join } from 'node:path';
import { z } from 'zod';
import { entityId } from '../../shared/schemas/common.js';
import type { Logger } from '../app/deps.js';
import type { Clock } from '../app/ports.js';
import type { ReaderBridgeOptions } from './reader-bridge.js';
import { READER_PROTOCOLS } from './reader-protocols.js';

export const serialReaderEntry = z.strictObject({
  path: z.string().min(1),
  protocol: z.enum(READER_PROTOCOLS),
  device: entityId,
  token: z.string().min(1),
  /** A duration like `3s` or `500ms`. */
  debounce: z.string().optional(),
  queue: z.string().min(1).optional(),
  baudRate: z.number().int().positive().optional(),
});
export type SerialReaderEntry = z.infer<typeof serialReaderEntry>;

export interface BridgeContext {
  mqttUrl: string;
  topicRoot: string;
  /** Where queue files go when an entry names none. */
  dataDir: string;
  parseDuration(value: string, name: string): number;
  clock?: Clock;
  log?: Logger;
}

export function bridgeOptions(entry: SerialReaderEntry, ctx: BridgeContext): ReaderBridgeOptions {
  return {
    serial: entry.path,
    protocol: entry.protocol,
    url: ctx.mqttUrl,
    deviceId: entry.device,
    token: entry.token,
    topicRoot: ctx.topicRoot,
    queueFile: entry.queue ?? join(ctx.dataDir, `reader-queue-${entry.device}.jsonl`),
    ...(entry.debounce !== undefined ? { debounceMs: ctx.parseDuration(entry.debounce, `debounce of reader ${entry.device}`) } : {}),
    ...(entry.baudRate !== undefined ? { baudRate: entry.baudRate } : {}),
    ...(ctx.clock ? { clock: ctx.clock } : {}),
    ...(ctx.log ? { log: ctx.log } : {}),
  };
}

/** Parses `HUB_SERIAL_READERS`; the message names what is wrong, for a ConfigError. */
export function parseSerialReaders(raw: string | undefined): { readers: SerialReaderEntry[] } | { problem: string } {
  if (raw === undefined || raw.trim() === '') return { readers: [] };
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return { problem: 'is not JSON; write it like [{"path":"/dev/ttyUSB0","protocol":"pn532","device":"alpha-reader","token":"…"}]' };
  }
  const r = z.array(serialReaderEntry).safeParse(json);
  if (!r.success) {
    const issue = r.error.issues[0]!;
    return { problem: `${issue.path.join('.') || 'value'}: ${issue.message}` };
  }
  const devices = r.data.map((e) => e.device);
  const twice = devices.find((d, i) => devices.indexOf(d) !== i);
  if (twice) return { problem: `device ${twice} is listed twice` };
  return { readers: r.data };
}
