/**
 * Redis for the several-hubs tests (127.0.0.1:6379, or TEST_REDIS_URL). Each test
 * claims a database number of its own (a key set with NX in it) and empties it,
 * so test files running in parallel never share retained messages or sessions;
 * pub/sub channels are server-wide, so each test also uses a topic root of its own.
 */
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';

export const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const CLAIM = 'meeting-hub-test:claimed';

async function probeRedis(): Promise<string | null> {
  const r = new Redis(REDIS_URL, { lazyConnect: true, connectTimeout: 2000, maxRetriesPerRequest: 0, retryStrategy: () => null });
  r.on('error', () => {});
  try {
    await r.connect();
    await r.ping();
    return null;
  } catch (err) {
    return (err as Error).message;
  } finally {
    r.disconnect();
  }
}

const redisProblem = await probeRedis();
export const redisAvailable = redisProblem === null;
if (redisProblem) console.warn(`SKIPPED: Redis tests, because Redis at ${REDIS_URL} is not reachable (${redisProblem}). .ci/run starts it.`);

export interface TestRedis {
  /** The URL with the claimed database number, e.g. redis://127.0.0.1:6379/7. */
  url: string;
  /** A topic root no other test uses (pub/sub channels are not per database). */
  topicRoot: string;
  keys(): Promise<number>;
  /** Bytes Redis reports used by the whole server (INFO memory). */
  usedMemory(): Promise<number>;
  /** Clients connected to the whole server. */
  clients(): Promise<number>;
  release(): Promise<void>;
}

export async function claimTestRedis(): Promise<TestRedis> {
  const base = REDIS_URL.replace(/\/\d*$/, '');
  for (let attempt = 0; attempt < 60; attempt++) {
    const n = 1 + Math.floor(Math.random() * 15);
    const r = new Redis(`${base}/${n}`);
    const ok = await r.set(CLAIM, String(process.pid), 'EX', 600, 'NX');
    if (!ok) {
      r.disconnect();
      continue;
    }
    for (const key of await r.keys('*')) if (key !== CLAIM) await r.del(key);
    const info = async (section: string, field: string) => Number(new RegExp(`${field}:(\\d+)`).exec(await r.info(section))?.[1] ?? NaN);
    return {
      url: `${base}/${n}`,
      topicRoot: `t${randomBytes(4).toString('hex')}/v1`,
      keys: async () => (await r.dbsize()) - 1,
      usedMemory: () => info('memory', 'used_memory'),
      clients: () => info('clients', 'connected_clients'),
      async release() {
        await r.flushdb();
        r.disconnect();
      },
    };
  }
  throw new Error('no free Redis database number (1-15) to claim');
}
