/**
 * The bundled hub (`node dist/hub/cli.js`, what `npm start` runs) as a child
 * process, for tests that need the outside only: HTTP, MQTT, signals, and the
 * database itself. Ports are pinned at the first start so `restart()` (after a
 * clean stop or a SIGKILL) comes back on the same ports, database and data folder.
 * `npm test` builds dist/hub first (`npm run build:hub`).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../firmware-sim/free-port.js';
import { createTestDatabase, type Provider, type TestDatabase } from './databases.js';

export const ROOT = join(import.meta.dirname, '../..');
export const CLI = join(ROOT, 'dist/hub/cli.js');
export const PROCESS_ADMIN_PASSWORD = 'process-admin-pass-1';

export interface HubProcessOptions {
  /** A fresh test database of this provider (dropped by `stop()`), or... */
  provider?: Provider;
  /** ...an existing database (not dropped), e.g. to run two hubs on one PostgreSQL database. */
  databaseUrl?: string;
  /** Defaults to the test database's folder or a fresh temporary one. */
  dataDir?: string;
  env?: Record<string, string>;
  httpPort?: number;
  mqttPort?: number;
  /** How long to wait for /api/health at each start (default 60 s). */
  startTimeoutMs?: number;
}

export interface ApiOptions {
  /** Bearer token; `null` for none; default the admin's. */
  token?: string | null;
  /** Binds the client socket to this local address (e.g. '127.0.0.2'). */
  localAddress?: string;
  headers?: Record<string, string>;
  timeoutMs?: number;
}

export interface ApiResult<T = any> {
  status: number;
  body: T;
  text: string;
  headers: IncomingHttpHeaders;
  ms: number;
}

/** One HTTP request with node:http (so the client socket can be bound to a local address). */
export function httpCall<T = any>(base: { host: string; port: number }, method: string, path: string, body?: unknown, opts: ApiOptions & { defaultToken?: string } = {}): Promise<ApiResult<T>> {
  const token = opts.token === undefined ? opts.defaultToken : opts.token;
  const payload = body === undefined ? undefined : typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body);
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: base.host,
        port: base.port,
        method,
        path,
        localAddress: opts.localAddress,
        headers: {
          ...(payload !== undefined ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {}),
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...opts.headers,
        },
        timeout: opts.timeoutMs ?? 30_000,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed: unknown ;
          try {
            parsed = text ? JSON.parse(text) : undefined;
          } catch {
            parsed = text;
          }
          resolve({ status: res.statusCode ?? 0, body: parsed as T, text, headers: res.headers, ms: performance.now() - started });
        });
      },
    );
    req.on('timeout', () => req.destroy(new Error(`${method} ${path}: no answer within ${opts.timeoutMs ?? 30_000} ms`)));
    req.on('error', reject);
    req.end(payload);
  });
}

export class HubProcess {
  child: ChildProcess | null = null;
  httpPort = 0;
  mqttPort = 0;
  databaseUrl = '';
  dataDir = '';
  adminToken = '';
  /** The hub's stdout and stderr (pino writes to stdout), last 256 KB. */
  private output = '';
  private db: TestDatabase | null = null;
  private ownDataDir = false;
  private exitWaiter: Promise<void> = Promise.resolve();

  private constructor(private readonly opts: HubProcessOptions) {}

  static async start(opts: HubProcessOptions = {}): Promise<HubProcess> {
    const h = new HubProcess(opts);
    if (opts.databaseUrl) {
      h.databaseUrl = opts.databaseUrl;
    } else {
      h.db = await createTestDatabase(opts.provider ?? 'sqlite');
      h.databaseUrl = h.db.url;
    }
    if (opts.dataDir) h.dataDir = opts.dataDir;
    else if (h.db) h.dataDir = h.db.dataDir;
    else {
      h.dataDir = mkdtempSync(join(tmpdir(), 'hub-proc-'));
      h.ownDataDir = true;
    }
    h.httpPort = opts.httpPort ?? (await freePort());
    h.mqttPort = opts.mqttPort ?? (await freePort());
    await h.spawn();
    return h;
  }

  get pid(): number {
    return this.child?.pid ?? 0;
  }
  get mqttUrl(): string {
    return `mqtt://127.0.0.1:${this.mqttPort}`;
  }
  get running(): boolean {
    return !!this.child && this.child.exitCode === null && this.child.signalCode === null;
  }
  logs(): string {
    return this.output;
  }

  private async spawn(extraEnv: Record<string, string> = {}): Promise<void> {
    if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run npm run build:hub`);
    const child = spawn(process.execPath, [CLI], {
      cwd: ROOT,
      env: {
        ...process.env,
        HUB_HTTP_PORT: String(this.httpPort),
        HUB_MQTT_PORT: String(this.mqttPort),
        HUB_HOST: '127.0.0.1',
        HUB_TIME_ZONE: 'UTC',
        HUB_ADMIN_PASSWORD: PROCESS_ADMIN_PASSWORD,
        HUB_LOG_LEVEL: 'warn',
        DATABASE_URL: this.databaseUrl,
        HUB_DATA_DIR: this.dataDir,
        ...this.opts.env,
        ...extraEnv,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    const keep = (chunk: Buffer) => {
      this.output = (this.output + chunk.toString('utf8')).slice(-256 * 1024);
    };
    child.stdout!.on('data', keep);
    child.stderr!.on('data', keep);
    this.exitWaiter = new Promise<void>((r) => child.once('exit', () => r()));
    const deadline = Date.now() + (this.opts.startTimeoutMs ?? 60_000);
    for (;;) {
      if (child.exitCode !== null || child.signalCode !== null) {
        throw new Error(`hub exited during start-up (${child.exitCode ?? child.signalCode}):\n${this.output}`);
      }
      const ok = await httpCall(this.base, 'GET', '/api/health', undefined, { timeoutMs: 1000 }).then((r) => r.status === 200, () => false);
      if (ok) break;
      if (Date.now() > deadline) throw new Error(`hub did not answer /api/health within ${this.opts.startTimeoutMs ?? 60_000} ms:\n${this.output}`);
      await new Promise((r) => setTimeout(r, 25));
    }
    const login = await this.api('POST', '/api/session', { username: 'admin', password: PROCESS_ADMIN_PASSWORD }, { token: null });
    if (login.status !== 200) throw new Error(`admin login failed: ${login.status} ${login.text}\n${this.output}`);
    this.adminToken = login.body.token;
  }

  private get base() {
    return { host: '127.0.0.1', port: this.httpPort };
  }

  api<T = any>(method: string, path: string, body?: unknown, opts: ApiOptions = {}): Promise<ApiResult<T>> {
    return httpCall<T>(this.base, method, path, body, { ...opts, defaultToken: this.adminToken });
  }

  /** The /metrics text. */
  async metricsText(): Promise<string> {
    return (await this.api('GET', '/metrics', undefined, { token: null })).text;
  }

  /** The sum of a metric's samples whose line matches every `label="value"` given. */
  async metric(name: string, labels: Record<string, string> = {}): Promise<number> {
    return sumMetric(await this.metricsText(), name, labels);
  }

  /** Resident memory of the hub process in MB (VmRSS). */
  rss(): number {
    const status = readFileSync(`/proc/${this.pid}/status`, 'utf8');
    const m = /VmRSS:\s+(\d+)\s+kB/.exec(status);
    if (!m) throw new Error(`no VmRSS for pid ${this.pid}`);
    return Number(m[1]) / 1024;
  }

  /** Sends a signal and waits for the process to exit (SIGKILL for crash tests). */
  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    if (!this.running) return;
    this.child!.kill(signal);
    await this.exitWaiter;
  }

  /** Starts again on the same database, data folder and ports (stops it first if it runs). */
  async restart(extraEnv: Record<string, string> = {}): Promise<void> {
    await this.kill('SIGTERM');
    await this.spawn(extraEnv);
  }

  /** Stops the hub (SIGTERM, SIGKILL after 10 s) and removes what it created. */
  async stop(): Promise<void> {
    if (this.running) {
      const timer = setTimeout(() => this.child?.kill('SIGKILL'), 10_000);
      await this.kill('SIGTERM');
      clearTimeout(timer);
    }
    await this.db?.drop().catch(() => {});
    this.db = null;
    if (this.ownDataDir) rmSync(this.dataDir, { recursive: true, force: true });
  }
}

export function startHubProcess(opts: HubProcessOptions = {}): Promise<HubProcess> {
  return HubProcess.start(opts);
}

/** Sums the samples of `name` (exact metric name) whose labels include all of `labels`. */
export function sumMetric(text: string, name: string, labels: Record<string, string> = {}): number {
  const want = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  let sum = 0;
  for (const line of text.split('\n')) {
    const m = /^([a-zA-Z_:][\w:]*)(\{[^}]*\})?\s+(\S+)/.exec(line);
    if (!m || m[1] !== name) continue;
    if (!want.every((w) => (m[2] ?? '').includes(w))) continue;
    sum += Number(m[3]);
  }
  return sum;
}

/** Percentile (0..100) of a list of numbers. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}
