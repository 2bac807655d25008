/** Contract §1: start-up behaviour a newcomer meets first. */
import { createServer } from 'node:net';
import { existsSync, readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../hub/config.js';
import { startHub } from '../../hub/main.js';
import { createTestDatabase, type TestDatabase } from '../support/databases.js';

describe('start-up', () => {
  let db: TestDatabase;
  afterEach(() => db.drop());

  it('a taken MQTT port stops the hub with a message naming HUB_MQTT_PORT', async () => {
    db = await createTestDatabase('sqlite');
    const blocker = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
    const port = (blocker.address() as { port: number }).port;
    const config = loadConfig({ HUB_HTTP_PORT: '0', HUB_MQTT_PORT: String(port), HUB_HOST: '127.0.0.1', DATABASE_URL: db.url, HUB_DATA_DIR: db.dataDir, HUB_LOG_LEVEL: 'silent' });
    await expect(startHub(config, { timers: false })).rejects.toThrow(/HUB_MQTT_PORT/);
    blocker.close();
  });

  it('without HUB_ADMIN_PASSWORD, writes a random admin password once to the data folder', async () => {
    db = await createTestDatabase('sqlite');
    const config = loadConfig({ HUB_HTTP_PORT: '0', HUB_MQTT_PORT: '0', HUB_HOST: '127.0.0.1', DATABASE_URL: db.url, HUB_DATA_DIR: db.dataDir, HUB_LOG_LEVEL: 'silent' });
    const hub = await startHub(config, { timers: false });
    const file = `${db.dataDir}/initial-admin-password.txt`;
    expect(existsSync(file)).toBe(true);
    const password = readFileSync(file, 'utf8').trim();
    expect(password.length).toBeGreaterThanOrEqual(12);
    const res = await fetch(`http://127.0.0.1:${hub.httpPort}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password }) });
    expect(res.status).toBe(200);
    await hub.stop();
    // A second start keeps the same admin and does not write a new password.
    const again = await startHub(config, { timers: false });
    expect(readFileSync(file, 'utf8').trim()).toBe(password);
    await again.stop();
  });
});
