/**
 * Configuration from environment variables (contract §1), parsed once and
 * passed down; there is no global settings object.
 */
import { hostname } from 'node:os';
import ms from 'ms';
import { z } from 'zod';
import { DEFAULT_TOPIC_ROOT } from '../shared/topics.js';
import { timeZoneName } from '../shared/schemas/http.js';
import { type CheckInPolicy, DEFAULT_POLICY } from './domain/policy.js';
import { parseSerialReaders, type SerialReaderEntry } from './serial/reader-config.js';
import { loadTls, type TlsConfig } from './tls.js';

export interface HubConfig {
  httpPort: number;
  mqttPort: number;
  host: string;
  databaseUrl: string;
  dataDir: string;
  adminPassword: string | undefined;
  /** Where a generated admin password is written once (contract §1). */
  adminPasswordFile: string;
  timeZone: string;
  topicRoot: string;
  policy: CheckInPolicy;
  locale: 'zh-CN' | 'en';
  logLevel: string;
  /** The address tablets use to reach the hub, for provisioning links (HUB_PUBLIC_URL). */
  publicUrl: string | undefined;
  /** How often the scheduler looks for due releases at the latest. */
  sweepIntervalMs: number;
  /** Room state is republished at least this often (contract §2: once a minute). */
  republishIntervalMs: number;
  /** Badge readers on this machine's serial ports, bridged to the hub's own MQTT port (HUB_SERIAL_READERS). */
  serialReaders: SerialReaderEntry[];
  /** HUB_DEVICE_STALE: a device silent this long no longer speaks for its room (contract §2). */
  deviceStaleMs: number;
  /** Contract §9 broker limits. */
  mqtt: {
    maxPacket: number;
    maxConnections: number;
    connectTimeoutMs: number;
    deviceRate: number;
    deviceBurst: number;
  };
  /** HUB_TRUST_PROXY: behind a reverse proxy, the client's address comes from X-Forwarded-For. */
  trustProxy: boolean | string;
  /** Contract §5: HUB_SMTP_URL (unset: .eml files in <data>/outbox/) and HUB_MAIL_FROM. */
  mail: { smtpUrl: string | undefined; from: string; intervalMs: number };
  /** M3: the largest material file accepted (HUB_MATERIAL_MAX_SIZE). */
  materialMaxBytes: number;
  /** Issue 13: Home Assistant MQTT discovery (HUB_HA_DISCOVERY, HUB_HA_DISCOVERY_PREFIX). */
  haDiscovery: { enabled: boolean; prefix: string };
  /**
   * Contract §9 several hubs, one site: HUB_REDIS_URL (with a PostgreSQL DATABASE_URL) joins
   * this hub to the others sharing both; unset, the hub stands alone and needs no Redis.
   */
  site: { redisUrl: string; nodeId: string } | null;
  /** HUB_NODE_ID: this hub's name in /api/health, /metrics and the logs (default host name and pid). */
  nodeId: string;
  /** Contract §9: HTTPS/WSS and MQTT over TLS, when HUB_TLS_CERT and HUB_TLS_KEY are set. */
  tls: TlsConfig | undefined;
}

/** Parses `64kb`, `1mb`, `512b` (and plain bytes). */
export function parseSize(value: string, name: string): number {
  const m = /^(\d+)\s*(b|kb|mb)?$/i.exec(value.trim());
  if (!m) throw new ConfigError(`${name}="${value}" is not a size; write it like 64kb or 1mb`);
  return Number(m[1]) * { b: 1, kb: 1024, mb: 1024 * 1024 }[(m[2] ?? 'b').toLowerCase() as 'b' | 'kb' | 'mb'];
}

/** Parses `10m`, `30s`, `24h`, `3d` (and plain milliseconds). */
export function parseDuration(value: string, name: string): number {
  const parsed = /^\d+$/.test(value) ? Number(value) : ms(value as ms.StringValue);
  if (typeof parsed !== 'number' || !Number.isFinite(parsed) || parsed < 0) {
    throw new ConfigError(`${name}="${value}" is not a duration; write it like 10m, 30s, 24h or 3d`);
  }
  return parsed;
}

export class ConfigError extends Error {}

const port = (name: string) =>
  z.coerce.number().int().min(0).max(65535).describe(name);

export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): HubConfig {
  const dataDir = env.HUB_DATA_DIR ?? `${cwd}/data`;
  const read = <T>(name: string, schema: z.ZodType<T>, fallback: T): T => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const r = schema.safeParse(raw);
    if (!r.success) throw new ConfigError(`${name}="${raw}": ${r.error.issues[0]?.message}`);
    return r.data;
  };
  const duration = (name: string, fallback: number) => {
    const raw = env[name];
    return raw === undefined || raw === '' ? fallback : parseDuration(raw, name);
  };
  const databaseUrl = env.DATABASE_URL || `file:${dataDir}/hub.db`;
  const redisUrl = env.HUB_REDIS_URL || undefined;
  if (redisUrl && !/^postgres(ql)?:/.test(databaseUrl)) {
    throw new ConfigError('HUB_REDIS_URL joins hubs into one site, which needs a shared PostgreSQL DATABASE_URL (postgresql://...)');
  }
  if (redisUrl && !/^rediss?:\/\//.test(redisUrl)) throw new ConfigError(`HUB_REDIS_URL="${redisUrl}" is not a redis:// or rediss:// URL`);
  const nodeId = read('HUB_NODE_ID', z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/, 'letters, digits, _ . - only'), `${hostname()}-${process.pid}`);
  const readers = parseSerialReaders(env.HUB_SERIAL_READERS);
  if ('problem' in readers) throw new ConfigError(`HUB_SERIAL_READERS ${readers.problem}`);
  for (const r of readers.readers) if (r.debounce !== undefined) parseDuration(r.debounce, `HUB_SERIAL_READERS debounce of ${r.device}`);
  return {
    httpPort: read('HUB_HTTP_PORT', port('HUB_HTTP_PORT'), 8080),
    mqttPort: read('HUB_MQTT_PORT', port('HUB_MQTT_PORT'), 1883),
    host: env.HUB_HOST ?? '0.0.0.0',
    databaseUrl,
    dataDir,
    adminPassword: env.HUB_ADMIN_PASSWORD || undefined,
    adminPasswordFile: `${dataDir}/initial-admin-password.txt`,
    timeZone: read('HUB_TIME_ZONE', timeZoneName, Intl.DateTimeFormat().resolvedOptions().timeZone),
    topicRoot: env.HUB_TOPIC_ROOT || DEFAULT_TOPIC_ROOT,
    locale: read('HUB_LOCALE', z.enum(['zh-CN', 'en']), 'zh-CN'),
    logLevel: env.HUB_LOG_LEVEL || 'info',
    publicUrl: env.HUB_PUBLIC_URL || undefined,
    policy: {
      ...DEFAULT_POLICY,
      checkInOpensMs: duration('HUB_CHECKIN_OPENS', DEFAULT_POLICY.checkInOpensMs),
      noShowGraceMs: duration('HUB_NOSHOW_GRACE', DEFAULT_POLICY.noShowGraceMs),
      presenceToCheckInMs: duration('HUB_PRESENCE_TO_CHECKIN', DEFAULT_POLICY.presenceToCheckInMs),
      emptyRoomReleaseMs: duration('HUB_EMPTY_ROOM_RELEASE', DEFAULT_POLICY.emptyRoomReleaseMs),
      reservedHorizonMs: duration('HUB_RESERVED_HORIZON', DEFAULT_POLICY.reservedHorizonMs),
      noticeMs: duration('HUB_NOTICE_PERIOD', DEFAULT_POLICY.noticeMs),
      minutesDraftMs: duration('HUB_MINUTES_DRAFT_DUE', DEFAULT_POLICY.minutesDraftMs),
      minutesDistributeMs: duration('HUB_MINUTES_DISTRIBUTE_DUE', DEFAULT_POLICY.minutesDistributeMs),
      minutesReminderLeadMs: duration('HUB_MINUTES_REMINDER', DEFAULT_POLICY.minutesReminderLeadMs),
      materialsLeadMs: duration('HUB_MATERIALS_DUE', DEFAULT_POLICY.materialsLeadMs),
      minutesRetentionMs: duration('HUB_MINUTES_RETENTION', DEFAULT_POLICY.minutesRetentionMs),
    },
    sweepIntervalMs: duration('HUB_SWEEP_INTERVAL', 15_000),
    republishIntervalMs: duration('HUB_REPUBLISH_INTERVAL', 60_000),
    serialReaders: readers.readers,
    deviceStaleMs: duration('HUB_DEVICE_STALE', 20 * 60_000),
    mqtt: {
      maxPacket: env.HUB_MQTT_MAX_PAYLOAD ? parseSize(env.HUB_MQTT_MAX_PAYLOAD, 'HUB_MQTT_MAX_PAYLOAD') : 64 * 1024,
      maxConnections: read('HUB_MQTT_MAX_CONNECTIONS', z.coerce.number().int().min(1), 10_000),
      connectTimeoutMs: duration('HUB_MQTT_CONNECT_TIMEOUT', 10_000),
      deviceRate: read('HUB_MQTT_DEVICE_RATE', z.coerce.number().positive(), 50),
      deviceBurst: read('HUB_MQTT_DEVICE_BURST', z.coerce.number().int().min(1), 200),
    },
    trustProxy: trustProxyOf(env.HUB_TRUST_PROXY),
    haDiscovery: haDiscoveryOf(env, env.HUB_TOPIC_ROOT || DEFAULT_TOPIC_ROOT),
    tls: loadTls(env, { httpsPort: read('HUB_HTTPS_PORT', port('HUB_HTTPS_PORT'), 8443), mqttsPort: read('HUB_MQTTS_PORT', port('HUB_MQTTS_PORT'), 8883) }),
    materialMaxBytes: env.HUB_MATERIAL_MAX_SIZE ? parseSize(env.HUB_MATERIAL_MAX_SIZE, 'HUB_MATERIAL_MAX_SIZE') : 25 * 1024 * 1024,
    site: redisUrl ? { redisUrl, nodeId } : null,
    nodeId,
    mail: {
      smtpUrl: env.HUB_SMTP_URL || undefined,
      from: env.HUB_MAIL_FROM || 'Meeting hub <meeting-hub@localhost>',
      intervalMs: duration('HUB_MAIL_INTERVAL', 2_000),
    },
  };
}

/**
 * Issue 13: discovery is opt-in. The prefix is a plain topic (no wildcards) and
 * may not overlap the device topics: integrations may read everything under it.
 */
function haDiscoveryOf(env: NodeJS.ProcessEnv, topicRoot: string): HubConfig['haDiscovery'] {
  const raw = (env.HUB_HA_DISCOVERY ?? '').toLowerCase();
  if (!['', 'true', '1', 'false', '0'].includes(raw)) throw new ConfigError(`HUB_HA_DISCOVERY="${env.HUB_HA_DISCOVERY}": write true or false`);
  const prefix = (env.HUB_HA_DISCOVERY_PREFIX || 'homeassistant').replace(/\/+$/, '');
  if (!/^[A-Za-z0-9_-]+(\/[A-Za-z0-9_-]+)*$/.test(prefix)) {
    throw new ConfigError(`HUB_HA_DISCOVERY_PREFIX="${prefix}": a topic made of [A-Za-z0-9_-] levels, like homeassistant`);
  }
  const root = topicRoot.replace(/\/+$/, '');
  if (prefix === root || prefix.startsWith(`${root}/`) || root.startsWith(`${prefix}/`)) {
    throw new ConfigError(`HUB_HA_DISCOVERY_PREFIX="${prefix}" overlaps HUB_TOPIC_ROOT="${root}": choose another prefix`);
  }
  return { enabled: raw === 'true' || raw === '1', prefix };
}

/** `true`/`1` trusts every proxy hop; a list of addresses or CIDRs trusts those (Fastify's trustProxy). */
function trustProxyOf(raw: string | undefined): boolean | string {
  if (!raw || raw === 'false' || raw === '0') return false;
  if (raw === 'true' || raw === '1') return true;
  return raw;
}
