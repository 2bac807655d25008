/**
 * What a hub shares with the other hubs of its site (contract §9) through
 * PostgreSQL, on one dedicated connection per hub:
 * - **messages** (`LISTEN/NOTIFY` on one channel): rooms written (the room cache
 *   reloads them), devices to drop (revocation). Room writes are notified inside
 *   the transaction that made them, so a notice arrives exactly when, and only
 *   if, the change commits, and in commit order.
 * - **the timers' leader**: the hub holding a session-level advisory lock runs
 *   the site's timers (sweep, republish, mail, reminders, retention). A hub
 *   killed outright drops its connection, PostgreSQL releases the lock at once,
 *   and the next hub to ask (every `leaderPollMs`) takes over. One leader
 *   rather than per-job `SKIP LOCKED` claims: the timer work is many kinds of
 *   "what is due now?" queries, already idempotent under the room row lock, and
 *   one lock keeps them as they are (measured: see docs/cluster.md).
 * - **who is alive**: every hub's connection carries `application_name`
 *   `meeting-hub/<node>`, so `pg_stat_activity` is the site's roster, with no
 *   heartbeat table to clean up after a crash.
 */
import pg from 'pg';
import type { Logger } from '../app/deps.js';

export const SITE_CHANNEL = 'hub_site';
/** The advisory lock key of the timers' leader ('MHUB' as a 32-bit int). */
export const LEADER_LOCK_KEY = 0x4d485542;
const APP_PREFIX = 'meeting-hub/';

export type SiteMessage =
  | { type: 'rooms'; from: string; rooms: string[] | '*' }
  | { type: 'drop_device'; from: string; device: string }
  | { type: 'drop_integration'; from: string; integration: string }
  /** This hub's Redis connections are back after an outage (redis-broker.ts). */
  | { type: 'redis_back'; from: string };

export interface SiteView {
  node: string;
  leader: boolean;
  /** Node ids of the hubs connected to the site's database, this one included. */
  hubs: string[];
}

export interface SiteLinkOptions {
  databaseUrl: string;
  nodeId: string;
  log: Logger;
  leaderPollMs?: number;
  onMessage(message: SiteMessage): void;
  /** Called when this hub becomes leader (true) or stops being it (false). */
  onLeadership(leader: boolean): void;
  /** Called when a hub left the site (its connection is gone). */
  onHubsLeft?(left: string[]): void;
}

export class SiteLink {
  private client: pg.Client | null = null;
  private leader = false;
  private hubs: string[] = [];
  private timer: NodeJS.Timeout | null = null;
  private polling: Promise<void> | null = null;
  private closed = false;
  private everConnected = false;
  private warnedTwin = false;

  constructor(private readonly opts: SiteLinkOptions) {}

  async start(): Promise<void> {
    await this.connect();
    await this.poll();
    this.timer = setInterval(() => void this.poll(), this.opts.leaderPollMs ?? 1_000);
    this.timer.unref();
  }

  get isLeader(): boolean {
    return this.leader;
  }

  view(): SiteView {
    return { node: this.opts.nodeId, leader: this.leader, hubs: this.hubs };
  }

  /** Sends a message to every hub of the site (this one too; receivers skip their own). */
  async notify(message: SiteMessage): Promise<void> {
    await this.client?.query('SELECT pg_notify($1, $2)', [SITE_CHANNEL, JSON.stringify(message)]);
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({ connectionString: this.opts.databaseUrl, application_name: APP_PREFIX + this.opts.nodeId });
    client.on('error', (err) => this.lost(client, err));
    client.on('end', () => this.lost(client, new Error('site connection ended')));
    client.on('notification', (n) => {
      if (n.channel !== SITE_CHANNEL || !n.payload) return;
      let message: SiteMessage;
      try {
        message = JSON.parse(n.payload) as SiteMessage;
      } catch {
        return;
      }
      if (message.from === this.opts.nodeId) return;
      this.opts.onMessage(message);
    });
    await client.connect();
    await client.query(`LISTEN ${SITE_CHANNEL}`);
    const reconnected = this.everConnected;
    this.client = client;
    this.everConnected = true;
    // Notices sent while this hub was not listening are lost: read every room again.
    if (reconnected) this.opts.onMessage({ type: 'rooms', from: '', rooms: '*' });
  }

  /** The connection is gone: so is the lock (PostgreSQL released it); reconnect at the next poll. */
  private lost(client: pg.Client, err: Error): void {
    if (this.client !== client) return;
    this.client = null;
    if (!this.closed) this.opts.log.warn({ err }, 'site connection lost; reconnecting');
    this.setLeader(false);
    client.end().catch(() => {});
  }

  private poll(): Promise<void> {
    this.polling ??= this.pollOnce()
      .catch((err) => this.opts.log.warn({ err }, 'site poll failed'))
      .finally(() => (this.polling = null));
    return this.polling;
  }

  private async pollOnce(): Promise<void> {
    if (this.closed) return;
    if (!this.client) await this.connect();
    const c = this.client!;
    if (!this.leader) {
      const r = await c.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1) AS ok', [LEADER_LOCK_KEY]);
      if (r.rows[0]?.ok) this.setLeader(true);
    }
    const r = await c.query<{ name: string; n: number }>(
      `SELECT substr(application_name, $1) AS name, count(*)::int AS n FROM pg_stat_activity
        WHERE datname = current_database() AND application_name LIKE $2 GROUP BY 1 ORDER BY 1`,
      [APP_PREFIX.length + 1, `${APP_PREFIX}%`],
    );
    const now = r.rows.map((x) => x.name);
    // Two hubs with one node id would ignore each other's notices (a hub skips its own).
    if (!this.warnedTwin && r.rows.some((x) => x.name === this.opts.nodeId && x.n > 1)) {
      this.warnedTwin = true;
      this.opts.log.error({ node: this.opts.nodeId }, 'another hub of this site uses the same HUB_NODE_ID: give each hub its own');
    }
    const left = this.hubs.filter((h) => !now.includes(h));
    this.hubs = now;
    if (left.length) this.opts.onHubsLeft?.(left);
  }

  private setLeader(leader: boolean): void {
    if (this.leader === leader) return;
    this.leader = leader;
    this.opts.log.info({ node: this.opts.nodeId, leader }, leader ? 'this hub now runs the site timers' : 'this hub no longer runs the site timers');
    this.opts.onLeadership(leader);
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearInterval(this.timer);
    await this.polling;
    const c = this.client;
    this.client = null;
    this.leader = false;
    await c?.end().catch(() => {});
  }
}
