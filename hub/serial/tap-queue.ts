/**
 * The bridge's small on-disk outbox: taps wait here until the hub has
 * acknowledged them (MQTT PUBACK), so a hub that is down, or a bridge that
 * restarts, loses none. A JSON-lines file: a tap line when one is queued, an
 * `{"ack":id}` line when one is delivered, each appended and fsync'd before
 * the call returns; compacted (rewritten with only what is pending, then
 * renamed over) at open, when it empties, and when acks pile up. Bounded:
 * past `maxEntries` the oldest tap is dropped, counted and logged.
 */
import { type FileHandle, mkdir, open, readFile, rename } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';
import { tapPayload, type TapPayload } from '../../shared/schemas/mqtt.js';
import type { Logger } from '../app/deps.js';

const ackLine = z.object({ ack: z.string() });

export interface TapQueueOptions {
  maxEntries?: number;
  log?: Pick<Logger, 'warn'>;
}

export class TapQueue {
  private readonly pending = new Map<string, TapPayload>();
  private handle: FileHandle | null = null;
  private linesInFile = 0;
  private chain: Promise<unknown> = Promise.resolve();
  readonly stats = { dropped: 0, badLines: 0 };

  private constructor(
    readonly file: string,
    private readonly maxEntries: number,
    private readonly log: Pick<Logger, 'warn'> | undefined,
  ) {}

  static async open(file: string, opts: TapQueueOptions = {}): Promise<TapQueue> {
    const q = new TapQueue(file, opts.maxEntries ?? 1000, opts.log);
    await mkdir(dirname(file), { recursive: true });
    const text = await readFile(file, 'utf8').catch((err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') return '';
      throw err;
    });
    for (const line of text.split('\n')) if (line.trim()) q.replay(line);
    // Rewriting at open also cuts off a line torn by a crash mid-append.
    await q.compact();
    return q;
  }

  get size(): number {
    return this.pending.size;
  }

  /** The oldest undelivered tap. */
  peek(): TapPayload | undefined {
    return this.pending.values().next().value;
  }

  /** Queues a tap; durable (fsync'd) when the promise resolves. */
  push(tap: TapPayload): Promise<void> {
    return this.serial(async () => {
      this.pending.set(tap.id, tap);
      await this.append(JSON.stringify(tap));
      while (this.pending.size > this.maxEntries) {
        const oldest = this.peek()!;
        this.pending.delete(oldest.id);
        this.stats.dropped++;
        this.log?.warn({ tap: oldest, maxEntries: this.maxEntries }, 'tap queue full: dropped the oldest tap');
        await this.append(JSON.stringify({ ack: oldest.id }));
      }
    });
  }

  /** Marks a tap delivered. */
  ack(id: string): Promise<void> {
    return this.serial(async () => {
      if (!this.pending.delete(id)) return;
      await this.append(JSON.stringify({ ack: id }));
      if (this.pending.size === 0 || this.linesInFile > 2 * this.pending.size + 64) await this.compact();
    });
  }

  close(): Promise<void> {
    return this.serial(async () => {
      await this.handle?.close();
      this.handle = null;
    });
  }

  private replay(line: string): void {
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      this.stats.badLines++;
      return;
    }
    const ack = ackLine.safeParse(json);
    if (ack.success) {
      this.pending.delete(ack.data.ack);
      return;
    }
    const tap = tapPayload.safeParse(json);
    if (tap.success) this.pending.set(tap.data.id, tap.data);
    else this.stats.badLines++;
  }

  private async append(line: string): Promise<void> {
    if (!this.handle) throw new Error('tap queue is closed');
    await this.handle.write(`${line}\n`);
    await this.handle.sync();
    this.linesInFile++;
  }

  /** Writes the pending taps to a new file, fsyncs it and renames it over the old one. */
  private async compact(): Promise<void> {
    await this.handle?.close();
    const tmp = `${this.file}.tmp`;
    const out = await open(tmp, 'w');
    try {
      const body = [...this.pending.values()].map((t) => `${JSON.stringify(t)}\n`).join('');
      await out.write(body);
      await out.sync();
    } finally {
      await out.close();
    }
    await rename(tmp, this.file);
    const dir = await open(dirname(this.file), 'r');
    await dir.sync().finally(() => dir.close()); // the rename itself must survive a power cut
    this.handle = await open(this.file, 'a');
    this.linesInFile = this.pending.size;
  }

  private serial<T>(op: () => Promise<T>): Promise<T> {
    const run = this.chain.then(op, op);
    this.chain = run.catch(() => {});
    return run;
  }
}
