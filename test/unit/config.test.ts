import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, parseDuration } from '../../hub/config.js';

describe('configuration (contract §1, G6)', () => {
  it('has the contract defaults', () => {
    const c = loadConfig({}, '/srv/hub');
    expect(c.httpPort).toBe(8080);
    expect(c.mqttPort).toBe(1883);
    expect(c.databaseUrl).toBe('file:/srv/hub/data/hub.db');
    expect(c.policy.checkInOpensMs).toBe(600_000);
    expect(c.policy.noShowGraceMs).toBe(600_000);
    expect(c.policy.presenceToCheckInMs).toBe(120_000);
    expect(c.policy.emptyRoomReleaseMs).toBe(900_000);
  });
  it('reads policy durations written like 10m, 30s, 24h, 3d', () => {
    const c = loadConfig({ HUB_CHECKIN_OPENS: '5m', HUB_NOSHOW_GRACE: '30s', HUB_PRESENCE_TO_CHECKIN: '1m', HUB_EMPTY_ROOM_RELEASE: '1h', HUB_NOTICE_PERIOD: '3d' });
    expect(c.policy).toMatchObject({ checkInOpensMs: 300_000, noShowGraceMs: 30_000, presenceToCheckInMs: 60_000, emptyRoomReleaseMs: 3_600_000, noticeMs: 259_200_000 });
    expect(parseDuration('24h', 'X')).toBe(86_400_000);
  });
  it('G6: the meeting life cycle deadlines are configuration too (C2, C3, M3, C10), with the policy defaults', () => {
    expect(loadConfig({}).policy).toMatchObject({ minutesDraftMs: 86_400_000, minutesDistributeMs: 172_800_000, materialsLeadMs: 86_400_000, minutesRetentionMs: 94_672_800_000 });
    const c = loadConfig({ HUB_MINUTES_DRAFT_DUE: '12h', HUB_MINUTES_DISTRIBUTE_DUE: '36h', HUB_MINUTES_REMINDER: '2h', HUB_MATERIALS_DUE: '2d', HUB_MINUTES_RETENTION: '5y', HUB_MATERIAL_MAX_SIZE: '10mb' });
    expect(c.policy).toMatchObject({ minutesDraftMs: 43_200_000, minutesDistributeMs: 129_600_000, minutesReminderLeadMs: 7_200_000, materialsLeadMs: 172_800_000, minutesRetentionMs: 157_788_000_000 });
    expect(c.materialMaxBytes).toBe(10 * 1024 * 1024);
    expect(() => loadConfig({ HUB_MINUTES_RETENTION: 'forever' })).toThrow(/HUB_MINUTES_RETENTION/);
  });
  it('names the variable in a clear error', () => {
    expect(() => loadConfig({ HUB_NOSHOW_GRACE: 'soon' })).toThrow(/HUB_NOSHOW_GRACE="soon"/);
    expect(() => loadConfig({ HUB_HTTP_PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => loadConfig({ HUB_TIME_ZONE: 'Mars/Olympus' })).toThrow(/HUB_TIME_ZONE/);
  });
  it('selects PostgreSQL by URL', () => {
    expect(loadConfig({ DATABASE_URL: 'postgresql://u@h/db' }).databaseUrl).toBe('postgresql://u@h/db');
  });
  it('reads HUB_SERIAL_READERS as a JSON list of readers, and says what is wrong with a bad one', () => {
    expect(loadConfig({}).serialReaders).toEqual([]);
    const readers = [{ path: '/dev/ttyUSB0', protocol: 'pn532', device: 'alpha-reader', token: 't0k', debounce: '2s' }, { path: '/dev/ttyS1', protocol: 'rdm6300', device: 'beta-reader', token: 't1k' }];
    expect(loadConfig({ HUB_SERIAL_READERS: JSON.stringify(readers) }).serialReaders).toEqual(readers);
    expect(() => loadConfig({ HUB_SERIAL_READERS: '/dev/ttyUSB0' })).toThrow(/HUB_SERIAL_READERS is not JSON/);
    expect(() => loadConfig({ HUB_SERIAL_READERS: JSON.stringify([{ ...readers[0], protocol: 'wiegand' }]) })).toThrow(/HUB_SERIAL_READERS 0\.protocol/);
    expect(() => loadConfig({ HUB_SERIAL_READERS: JSON.stringify([readers[0], readers[0]]) })).toThrow(/alpha-reader is listed twice/);
    expect(() => loadConfig({ HUB_SERIAL_READERS: JSON.stringify([{ ...readers[0], debounce: 'a while' }]) })).toThrow(/debounce of alpha-reader/);
  });
  it('joins a site with HUB_REDIS_URL on PostgreSQL only, and names the hub (contract §9)', () => {
    expect(loadConfig({}).site).toBeNull();
    const pgUrl = 'postgresql://u@h/db';
    expect(loadConfig({ DATABASE_URL: pgUrl, HUB_REDIS_URL: 'redis://r:6379/2', HUB_NODE_ID: 'hub-2' }).site).toEqual({ redisUrl: 'redis://r:6379/2', nodeId: 'hub-2' });
    expect(() => loadConfig({ HUB_REDIS_URL: 'redis://r:6379' })).toThrow(/needs a shared PostgreSQL DATABASE_URL/);
    expect(() => loadConfig({ DATABASE_URL: pgUrl, HUB_REDIS_URL: 'r:6379' })).toThrow(/HUB_REDIS_URL="r:6379" is not a redis/);
    expect(() => loadConfig({ HUB_NODE_ID: 'hub one' })).toThrow(/HUB_NODE_ID/);
    expect(loadConfig({}).nodeId).toMatch(/-\d+$/);
  });
});
