/**
 * The hub as a separate process (as `npm start` runs it), so its CPU and
 * memory are measured apart from the load generator.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { freePort } from '../../firmware-sim/free-port.js';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { HistogramSnapshot } from './stats.js';

export const ROOT = join(import.meta.dirname, '../..');
export const ADMIN_PASSWORD = 'bench-admin-pass';

export { freePort };

/**
 * How `npm start` runs the hub (package.json; issue 13, footprint): two malloc
 * arenas instead of one per thread, and freed memory above 128 KB given back to
 * the system (a fixed trim threshold; glibc otherwise raises it and keeps, e.g.,
 * the 16 MB of every scrypt in the thread pool); a V8 heap that favours size
 * (smaller young generation, slower heap growth).
 */
export const HUB_RUNTIME = { env: { MALLOC_ARENA_MAX: '2', MALLOC_TRIM_THRESHOLD_: '131072' }, nodeArgs: ['--max-semi-space-size=2', '--heap-growing-percent=50'] };

export interface HubProcess {
  pid: number;
  httpPort: number;
  mqttPort: number;
  dataDir: string;
  startMs: number;
  token: string;
  api<T = any>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T; ms: number }>;
  metricsText(): Promise<string>;
  histogram(name: string, labels: Record<string, string>): Promise<HistogramSnapshot>;
  stop(): Promise<void>;
}

export async function startHubProcess(opts: { databaseUrl?: string; dataDir?: string; env?: Record<string, string>; nodeArgs?: string[] } = {}): Promise<HubProcess> {
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'hub-bench-'));
  const httpPort = await freePort();
  const mqttPort = await freePort();
  const started = performance.now();
  // What `npm start` runs: the bundled hub (bench/run.ts builds it first).
  const child: ChildProcess = spawn(process.execPath, [...(opts.nodeArgs ?? HUB_RUNTIME.nodeArgs), 'dist/hub/cli.js'], {
    cwd: ROOT,
    env: {
      ...process.env,
      HUB_HTTP_PORT: String(httpPort),
      HUB_MQTT_PORT: String(mqttPort),
      HUB_HOST: '127.0.0.1',
      HUB_DATA_DIR: dataDir,
      HUB_ADMIN_PASSWORD: ADMIN_PASSWORD,
      HUB_LOG_LEVEL: 'warn',
      HUB_TIME_ZONE: 'UTC',
      ...HUB_RUNTIME.env,
      ...(opts.databaseUrl ? { DATABASE_URL: opts.databaseUrl } : {}),
      ...opts.env,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const base = `http://127.0.0.1:${httpPort}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`hub exited with ${child.exitCode}`);
    const ok = await fetch(`${base}/api/health`).then((r) => r.ok, () => false);
    if (ok) break;
    if (Date.now() > deadline) throw new Error('hub did not become healthy in 120 s');
    await new Promise((r) => setTimeout(r, 20));
  }
  const startMs = performance.now() - started;
  let token = '';
  const api = async (method: string, path: string, body?: unknown) => {
    const t0 = performance.now();
    const res = await fetch(`${base}${path}`, {
      method,
      headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined, ms: performance.now() - t0 };
  };
  const login = await api('POST', '/api/session', { username: 'admin', password: ADMIN_PASSWORD });
  token = login.body?.token ?? '';
  const metricsText = () => fetch(`${base}/metrics`).then((r) => r.text());
  return {
    pid: child.pid!,
    httpPort,
    mqttPort,
    dataDir,
    startMs,
    get token() {
      return token;
    },
    api,
    metricsText,
    async histogram(name, labels) {
      const text = await metricsText();
      const sel = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
      const buckets: { le: number; count: number }[] = [];
      let count = 0;
      for (const line of text.split('\n')) {
        if (!sel.every((s) => line.includes(s))) continue;
        const m = /^(\S+?)\{.*?le="([^"]+)".*\}\s+(\S+)$/.exec(line);
        if (m && m[1] === `${name}_bucket`) buckets.push({ le: m[2] === '+Inf' ? Infinity : Number(m[2]), count: Number(m[3]) });
        const c = /^(\S+?)\{.*\}\s+(\S+)$/.exec(line);
        if (c && c[1] === `${name}_count`) count = Number(c[2]);
      }
      return { buckets, count };
    },
    async stop() {
      child.kill('SIGTERM');
      await new Promise<void>((r) => (child.exitCode !== null ? r() : child.once('exit', () => r())));
      if (!opts.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
