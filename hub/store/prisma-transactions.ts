/**
 * Units of work on Prisma interactive transactions, both databases.
 *
 * SQLite: the better-sqlite3 adapter has one connection, and a query sent
 * outside a transaction while one is open would run inside it (seeing, or
 * being rolled back with, its writes). So every access, reads included, goes
 * through one gate, one at a time; SQLite serialises writers anyway.
 *
 * PostgreSQL: transactions run in parallel on the pool; work with the same
 * key (a room) queues in this process first, so 200 requests for one room
 * hold one connection, not the whole pool, and the room's row lock orders
 * them across hubs. A deadlock or serialisation failure reruns the work.
 */
import type { Logger, Reads } from '../app/deps.js';
import type { RoomRecord, Store, Transactions } from '../app/ports.js';
import { UnavailableError } from '../domain/errors.js';
import { guarded, RetryableError } from './db-errors.js';
import type { Provider } from './migrate.js';
import type { Db } from './open.js';
import { createPrismaStore } from './prisma-store.js';
import { RoomCache, withRoomCache } from './room-cache.js';
import { KeyedQueue, SerialGate } from '../lib/serial.js';

const MAX_ATTEMPTS = 5;

export interface TransactionOptions {
  /** Prisma's wait for a connection to start a transaction, and the longest a transaction may run. */
  maxWaitMs?: number;
  timeoutMs?: number;
  onRetry?: (dbCode: string) => void;
  /**
   * Several hubs, one site (contract §9): every transaction that writes rooms
   * tells the other hubs which (a NOTIFY in the transaction: delivered exactly
   * when it commits, in commit order), and reads rooms from the database, since
   * another hub may have changed one a moment ago.
   */
  site?: { nodeId: string; channel: string };
}

/** NOTIFY payloads are limited to 8000 bytes: past this many ids, "reload all". */
const MAX_NOTIFIED_ROOMS = 100;

export class PrismaTransactions implements Transactions {
  readonly rooms = new RoomCache();
  private readonly gate = new SerialGate();
  private readonly keyed = new KeyedQueue();
  private readonly plain: Store;

  constructor(
    private readonly db: Db,
    private readonly provider: Provider,
    private readonly defaultTimeZone: string,
    private readonly log: Logger,
    private readonly opts: TransactionOptions = {},
  ) {
    this.plain = createPrismaStore(db, provider, defaultTimeZone);
  }

  async init(): Promise<void> {
    await this.gated(() => this.rooms.load(this.plain.rooms));
  }

  run<T>(work: (store: Store) => Promise<T>, { key }: { key?: string } = {}): Promise<T> {
    const attempt = () => this.withRetry(() => this.transaction(work));
    if (this.provider === 'sqlite') return this.gate.run(attempt);
    return key ? this.keyed.run(key, attempt) : attempt();
  }

  read<T>(work: (store: Store) => Promise<T>): Promise<T> {
    return this.gated(() => work(withRoomCache(this.plain, this.rooms, null)));
  }

  /** Every read method, each call by itself; rooms straight from the cache (no gate, no query). */
  reads(): Reads {
    const call = (repo: string, method: string) => (...args: unknown[]) =>
      this.read((store) => (store as unknown as Record<string, Record<string, (...a: unknown[]) => Promise<unknown>>>)[repo]![method]!(...args));
    const repo = (name: string) => new Proxy({}, { get: (_t, method: string) => call(name, method) });
    return {
      ...(Object.fromEntries(['users', 'sessions', 'devices', 'integrations', 'bookings', 'attendance', 'faults', 'inspections', 'events', 'series', 'notifications', 'feeds', 'meetings', 'actions', 'minutes', 'materials'].map((n) => [n, repo(n)])) as Omit<Reads, 'rooms'>),
      rooms: { get: async (id) => this.rooms.get(id) ?? this.read((store) => store.rooms.get(id)), list: async () => this.rooms.list() },
    } as Reads;
  }

  /** Another hub wrote these rooms (or `'*'`, many): read them again. */
  async reloadRooms(ids: readonly string[] | '*'): Promise<void> {
    if (ids === '*') {
      this.rooms.replace(await this.plain.rooms.list());
      return;
    }
    const fresh = new Map<string, RoomRecord>();
    for (const id of ids) {
      const r = await this.plain.rooms.get(id);
      if (r) fresh.set(id, r);
    }
    this.rooms.merge(fresh);
  }

  async close(): Promise<void> {
    await this.gate.run(() => this.db.$disconnect());
  }

  private gated<T>(work: () => Promise<T>): Promise<T> {
    return this.provider === 'sqlite' ? this.gate.run(work) : work();
  }

  private async transaction<T>(work: (store: Store) => Promise<T>): Promise<T> {
    const written = new Map<string, RoomRecord>();
    // Errors of the commit itself (or of starting the transaction) are translated here;
    // those of the work's statements already were, by the store.
    const result = await guarded(() =>
      this.db.$transaction(
        async (tx) => {
          const store = withRoomCache(createPrismaStore(tx, this.provider, this.defaultTimeZone), this.rooms, written, { readThrough: !!this.opts.site });
          const result = await work(store);
          const site = this.opts.site;
          if (site && written.size) {
            const rooms = written.size > MAX_NOTIFIED_ROOMS ? '*' : [...written.keys()];
            await tx.$executeRawUnsafe('SELECT pg_notify($1, $2)', site.channel, JSON.stringify({ type: 'rooms', from: site.nodeId, rooms }));
          }
          return result;
        },
        { maxWait: this.opts.maxWaitMs ?? 5_000, timeout: this.opts.timeoutMs ?? 10_000 },
      ),
    );
    this.rooms.merge(written); // committed: now everyone may see it
    return result;
  }

  private async withRetry<T>(run: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await run();
      } catch (err) {
        const retry = err instanceof RetryableError ? err : retryableCause(err);
        if (!retry) throw err;
        this.opts.onRetry?.(retry.dbCode);
        if (attempt >= MAX_ATTEMPTS) {
          this.log.warn({ err: retry, attempts: attempt }, 'transaction kept conflicting; gave up');
          throw new UnavailableError('the database kept refusing the change; try again', { dbCode: retry.dbCode });
        }
        await new Promise((r) => setTimeout(r, Math.random() * 10 * 2 ** attempt));
      }
    }
  }
}

/** Prisma wraps an error thrown inside the callback only sometimes; look one level down too. */
function retryableCause(err: unknown): RetryableError | null {
  const cause = (err as { cause?: unknown })?.cause;
  return cause instanceof RetryableError ? cause : null;
}
