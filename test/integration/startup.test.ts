/**
 * Contract §1 and issue 13: start-up behaviour a newcomer meets first. The
 * messages are read from the bundled hub (`node dist/hub/cli.js`, what
 * `npm start` runs) as a person would see them.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../firmware-sim/free-port.js';
import { loadConfig } from '../../hub/config.js';
import { startHub } from '../../hub/main.js';
import { makeTestCerts, opensslMissing, type TestCerts } from '../support/certs.js';
import { createTestDatabase, type TestDatabase } from '../support/databases.js';
import { CLI, ROOT } from '../support/hub-process.js';

interface Run {
  code: number | null;
  output: string;
}

/** Runs the hub until it prints its ready line (then SIGTERM) or exits by itself. */
function runCli(env: Record<string, string>, timeoutMs = 30_000): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: '', HUB_ADMIN_PASSWORD: '', HUB_HOST: '127.0.0.1', HUB_LOG_LEVEL: 'warn', HUB_TIME_ZONE: 'UTC', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    let stopping = false;
    const take = (d: Buffer) => {
      output += d.toString();
      // Stop only once the whole ready block (it ends with the password line when there is one) is out.
      if (!stopping && /Meeting hub ready/.test(output)) {
        stopping = true;
        setTimeout(() => child.kill('SIGTERM'), 300);
      }
    };
    child.stdout.on('data', take);
    child.stderr.on('data', take);
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the hub neither started nor exited within ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

async function occupy(): Promise<{ port: number; server: Server }> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { port: (server.address() as { port: number }).port, server };
}

describe('start-up', () => {
  let db: TestDatabase;
  afterEach(() => db?.drop());

  it('a taken MQTT port stops startHub with a message naming HUB_MQTT_PORT', async () => {
    db = await createTestDatabase('sqlite');
    const blocker = await occupy();
    const config = loadConfig({ HUB_HTTP_PORT: '0', HUB_MQTT_PORT: String(blocker.port), HUB_HOST: '127.0.0.1', DATABASE_URL: db.url, HUB_DATA_DIR: db.dataDir, HUB_LOG_LEVEL: 'silent' });
    await expect(startHub(config, { timers: false })).rejects.toThrow(/HUB_MQTT_PORT/);
    expect(existsSync(join(db.dataDir, 'hub.db'))).toBe(false);
    blocker.server.close();
  });

  it('without HUB_ADMIN_PASSWORD, writes a random admin password once to the data folder', async () => {
    db = await createTestDatabase('sqlite');
    const config = loadConfig({ HUB_HTTP_PORT: '0', HUB_MQTT_PORT: '0', HUB_HOST: '127.0.0.1', DATABASE_URL: db.url, HUB_DATA_DIR: db.dataDir, HUB_LOG_LEVEL: 'silent' });
    const hub = await startHub(config, { timers: false });
    const file = `${db.dataDir}/initial-admin-password.txt`;
    expect(existsSync(file)).toBe(true);
    expect(hub.adminPasswordFile).toBe(file);
    const password = readFileSync(file, 'utf8').trim();
    expect(password.length).toBeGreaterThanOrEqual(12);
    const res = await fetch(`http://127.0.0.1:${hub.httpPort}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password }) });
    expect(res.status).toBe(200);
    await hub.stop();
    // A second start keeps the same admin and does not write a new password.
    const again = await startHub(config, { timers: false });
    expect(readFileSync(file, 'utf8').trim()).toBe(password);
    expect(again.adminPasswordFile).toBe(file);
    await again.stop();
  });
});

describe('start-up messages of the bundled hub (issue 13)', () => {
  let dataDir: string;
  let certs: TestCerts | undefined;
  const blockers: Server[] = [];
  beforeAll(() => {
    if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run npm run build:hub`);
    if (!opensslMissing) certs = makeTestCerts();
  });
  afterAll(() => certs?.remove());
  afterEach(() => {
    for (const b of blockers.splice(0)) b.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const fresh = () => {
    dataDir = mkdtempSync(join(tmpdir(), 'hub-startup-'));
    return { HUB_DATA_DIR: dataDir };
  };
  const taken = async () => {
    const b = await occupy();
    blockers.push(b.server);
    return String(b.port);
  };
  /** Nothing was created: no database, no password file, not even the folder's contents. */
  const expectNothingCreated = () => expect(existsSync(dataDir) ? readdirSync(dataDir) : []).toEqual([]);

  it('a taken HTTP port names HUB_HTTP_PORT, blames no MQTT broker, and creates nothing', async () => {
    const port = await taken();
    const r = await runCli({ ...fresh(), HUB_HTTP_PORT: port, HUB_MQTT_PORT: String(await freePort()) });
    expect(r.code).toBe(1);
    expect(r.output).toContain(`port ${port} for the web app and API (HTTP) is already in use`);
    expect(r.output).toContain(`set HUB_HTTP_PORT to a free port, for example HUB_HTTP_PORT=${Number(port) + 1}`);
    expect(r.output).not.toMatch(/Mosquitto|MQTT broker|HUB_MQTT_PORT/);
    expectNothingCreated();
  });

  it('a taken MQTT port names HUB_MQTT_PORT and the usual culprit, and creates nothing', async () => {
    const port = await taken();
    const r = await runCli({ ...fresh(), HUB_HTTP_PORT: String(await freePort()), HUB_MQTT_PORT: port });
    expect(r.code).toBe(1);
    expect(r.output).toContain(`port ${port} for MQTT is already in use by another program (usually an MQTT broker such as Mosquitto`);
    expect(r.output).toContain('set HUB_MQTT_PORT to a free port');
    expect(r.output).not.toMatch(/HUB_HTTP_PORT/);
    expectNothingCreated();
  });

  it('two taken ports are both named, each with its own variable', async () => {
    const [http, mqtt] = [await taken(), await taken()];
    const r = await runCli({ ...fresh(), HUB_HTTP_PORT: http, HUB_MQTT_PORT: mqtt });
    expect(r.code).toBe(1);
    expect(r.output).toMatch(new RegExp(`- port ${http} for the web app and API \\(HTTP\\).*HUB_HTTP_PORT`));
    expect(r.output).toMatch(new RegExp(`- port ${mqtt} for MQTT is.*HUB_MQTT_PORT`));
    expectNothingCreated();
  });

  it('one port given to two settings is said to be a settings mistake', async () => {
    const port = String(await freePort());
    const r = await runCli({ ...fresh(), HUB_HTTP_PORT: port, HUB_MQTT_PORT: port });
    expect(r.code).toBe(1);
    expect(r.output).toContain(`HUB_HTTP_PORT and HUB_MQTT_PORT are both ${port}: give each its own port`);
    expectNothingCreated();
  });

  it.skipIf(!!opensslMissing)('a taken HTTPS port names HUB_HTTPS_PORT and a taken MQTT-over-TLS port HUB_MQTTS_PORT', async () => {
    const tls = { HUB_TLS_CERT: certs!.certFile, HUB_TLS_KEY: certs!.keyFile };
    const https = await taken();
    let r = await runCli({ ...fresh(), ...tls, HUB_HTTP_PORT: String(await freePort()), HUB_MQTT_PORT: String(await freePort()), HUB_HTTPS_PORT: https, HUB_MQTTS_PORT: String(await freePort()) });
    expect(r.code).toBe(1);
    expect(r.output).toContain(`port ${https} for HTTPS and WSS is already in use`);
    expect(r.output).toContain('set HUB_HTTPS_PORT to a free port');
    expect(r.output).not.toMatch(/Mosquitto/);
    expectNothingCreated();
    rmSync(dataDir, { recursive: true, force: true });
    const mqtts = await taken();
    r = await runCli({ ...fresh(), ...tls, HUB_HTTP_PORT: String(await freePort()), HUB_MQTT_PORT: String(await freePort()), HUB_HTTPS_PORT: String(await freePort()), HUB_MQTTS_PORT: mqtts });
    expect(r.code).toBe(1);
    expect(r.output).toContain(`port ${mqtts} for MQTT over TLS is already in use by another program (usually an MQTT broker such as Mosquitto`);
    expect(r.output).toContain('set HUB_MQTTS_PORT to a free port');
    expectNothingCreated();
  });

  it('every start says where the initial password file is, as long as it exists', async () => {
    const env = { ...fresh(), HUB_HTTP_PORT: String(await freePort()), HUB_MQTT_PORT: String(await freePort()) };
    const file = join(dataDir, 'initial-admin-password.txt');
    const sentence = `The initial admin password is in ${file}: sign in as admin, change the password, then delete that file.`;
    const first = await runCli(env);
    expect(first.output).toContain('Meeting hub ready');
    expect(first.output).toContain(sentence);
    expect(existsSync(file)).toBe(true);
    const second = await runCli(env);
    expect(second.output).toContain(sentence);
    rmSync(file);
    const third = await runCli(env);
    expect(third.output).toContain('Meeting hub ready');
    expect(third.output).not.toContain('initial admin password');
  }, 60_000);
});
