/**
 * Contract §9: with HUB_TLS_CERT and HUB_TLS_KEY the hub serves MQTT over TLS
 * and HTTPS with WSS at /mqtt. Real clients, a certificate authority the test
 * makes with openssl: Mosquitto's own mosquitto_pub/mosquitto_sub, curl, and
 * mqtt.js over WSS (what the door panel uses from a page served over HTTPS).
 */
import { execFile, spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../../firmware-sim/wait.js';
import { ConfigError, loadConfig } from '../../hub/config.js';
import { chromiumAvailable, launchChromium } from '../support/browser.js';
import { makeTestCerts, opensslMissing, type TestCerts } from '../support/certs.js';
import { ROOT } from '../support/hub-process.js';
import { provisionRoom, type Site, startTestHub, type TestHub } from '../support/hub-fixture.js';

const run = promisify(execFile);
const has = (cmd: string) => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
const missing = opensslMissing ?? ['mosquitto_pub', 'mosquitto_sub', 'curl'].filter((c) => !has(c)).map((c) => `${c} is not installed`)[0] ?? null;
if (missing) console.warn(`SKIPPED: the TLS tests, because ${missing}`);

describe.skipIf(!!missing)('TLS (contract §9)', () => {
  let certs: TestCerts;
  let t: TestHub;
  let site: Site;

  beforeAll(async () => {
    certs = makeTestCerts();
    t = await startTestHub('sqlite', { HUB_TLS_CERT: certs.certFile, HUB_TLS_KEY: certs.keyFile, HUB_HTTPS_PORT: '0', HUB_MQTTS_PORT: '0' });
    site = await provisionRoom(t);
  });
  afterAll(async () => {
    await t?.stop();
    certs?.remove();
  });

  it('mosquitto_pub --cafile publishes a device status over MQTT over TLS, and the hub records it', async () => {
    const status = JSON.stringify({ state: 'online', at: new Date(t.clock.now()).toISOString(), firmware: 'tls-sensor 1.0' });
    await run(
      'mosquitto_pub',
      [
        '--cafile',
        certs.caFile,
        '-h',
        'localhost',
        '-p',
        String(t.hub.mqttsPort),
        '-V',
        'mqttv311',
        '-q',
        '1',
        '-i',
        site.sensor!.id,
        '-u',
        site.sensor!.id,
        '-P',
        site.sensor!.token,
        '-t',
        `meeting/v1/device/${site.sensor!.id}/status`,
        '-m',
        status,
      ],
      { timeout: 15_000 },
    );
    await t.hub.idle();
    const device = (await t.api('GET', '/api/devices')).body.find((d: { id: string }) => d.id === site.sensor!.id);
    expect(device.firmware).toBe('tls-sensor 1.0');
  });

  it('mosquitto_sub --cafile receives the retained room state over TLS', async () => {
    const { stdout } = await run(
      'mosquitto_sub',
      [
        '--cafile',
        certs.caFile,
        '-h',
        'localhost',
        '-p',
        String(t.hub.mqttsPort),
        '-V',
        'mqttv311',
        '-i',
        site.panel.id,
        '-u',
        site.panel.id,
        '-P',
        site.panel.token,
        '-t',
        `meeting/v1/room/${site.room}/state`,
        '-C',
        '1',
        '-W',
        '10',
      ],
      { timeout: 15_000 },
    );
    expect(JSON.parse(stdout).room).toBe(site.room);
  });

  it('a client that trusts another CA refuses the hub (the certificate is really checked)', async () => {
    const r = await run(
      'mosquitto_pub',
      ['--cafile', certs.otherCaFile, '-h', 'localhost', '-p', String(t.hub.mqttsPort), '-q', '1', '-i', site.sensor!.id, '-u', site.sensor!.id, '-P', site.sensor!.token, '-t', 'x', '-m', 'y'],
      { timeout: 15_000 },
    ).then(
      () => 'connected',
      (err: { stderr: string }) => err.stderr,
    );
    expect(r).toMatch(/certificate verify failed|TLS|SSL/i);
  });

  it('curl --cacert reads /api/health and signs in over HTTPS; plain HTTP still answers', async () => {
    const { stdout } = await run('curl', ['--silent', '--show-error', '--fail', '--cacert', certs.caFile, `https://localhost:${t.hub.httpsPort}/api/health`], { timeout: 15_000 });
    expect(JSON.parse(stdout).status).toBe('ok');
    const login = await run(
      'curl',
      [
        '--silent',
        '--show-error',
        '--fail',
        '--cacert',
        certs.caFile,
        '-H',
        'content-type: application/json',
        '--data',
        JSON.stringify({ username: site.host.id, password: 'host-pass-1' }),
        `https://localhost:${t.hub.httpsPort}/api/session`,
      ],
      { timeout: 15_000 },
    );
    expect(JSON.parse(login.stdout).token).toMatch(/.{20,}/);
    expect((await t.api('GET', '/api/health')).status).toBe(200);
  });

  it('serves the door panel page over HTTPS', async () => {
    const { stdout } = await run('curl', ['--silent', '--show-error', '--fail', '--cacert', certs.caFile, `https://localhost:${t.hub.httpsPort}/panel/config.json`], { timeout: 15_000 });
    expect(JSON.parse(stdout).mqttPath).toBe('/mqtt');
  });

  it('an mqtt.js client connects over WSS to /mqtt, as the panel does from an HTTPS page, and gets its room state', async () => {
    const client = await mqtt.connectAsync(`wss://localhost:${t.hub.httpsPort}/mqtt`, {
      ca: certs.ca,
      clientId: site.panel.id,
      username: site.panel.id,
      password: site.panel.token,
      reconnectPeriod: 0,
      protocolVersion: 4,
    });
    try {
      const got = new Promise<string>((resolve) => client.on('message', (_topic, payload) => resolve(payload.toString())));
      await client.subscribeAsync(`meeting/v1/room/${site.room}/state`, { qos: 1 });
      const state = JSON.parse(await got);
      expect(state.room).toBe(site.room);
    } finally {
      await client.endAsync();
    }
  });

  it('the shipped reader bridge connects over mqtts:// with --ca', async () => {
    const bridge = spawn(
      process.execPath,
      [
        join(ROOT, 'dist/reader-bridge/cli.js'),
        '--serial',
        '/dev/null',
        '--protocol',
        'rdm6300',
        '--mqtt',
        `mqtts://localhost:${t.hub.mqttsPort}`,
        '--ca',
        certs.caFile,
        '--device',
        site.reader.id,
        '--queue',
        join(certs.dir, 'queue.jsonl'),
      ],
      { env: { ...process.env, READER_TOKEN: site.reader.token }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    bridge.stdout.on('data', (d: Buffer) => (out += d.toString()));
    bridge.stderr.on('data', (d: Buffer) => (out += d.toString()));
    const exited = new Promise((r) => bridge.once('exit', r));
    try {
      await waitFor(() => /"msg":"connected to the hub"/.test(out), { timeout: 15_000, what: `the bridge to connect over TLS; it said: ${out}` });
    } finally {
      bridge.kill('SIGTERM');
      await exited;
    }
    expect(out).toContain(`"mqtt":"mqtts://localhost:${t.hub.mqttsPort}"`);
  });

  it.skipIf(!chromiumAvailable)('the door panel opened over HTTPS in Chromium connects over WSS and shows its room', async () => {
    const browser = await launchChromium();
    try {
      // The test's CA is not in Chromium's store: this context accepts the hub's certificate.
      const context = await browser.newContext({ ignoreHTTPSErrors: true, viewport: { width: 800, height: 480 } });
      const page = await context.newPage();
      const sockets: string[] = [];
      page.on('websocket', (ws) => sockets.push(ws.url()));
      const link = `https://localhost:${t.hub.httpsPort}/panel/#${new URLSearchParams({ device: site.panel.id, token: site.panel.token, room: site.room })}`;
      await page.goto(link);
      await page.waitForSelector('.screen[data-status="free"]', { timeout: 15_000 });
      expect(sockets).toContain(`wss://localhost:${t.hub.httpsPort}/mqtt`);
      expect(page.url()).toMatch(/^https:/);
      await context.close();
    } finally {
      await browser.close();
    }
  });

  it('a WSS client without the CA is refused by its own TLS check', async () => {
    const err = await mqtt
      .connectAsync(`wss://localhost:${t.hub.httpsPort}/mqtt`, { clientId: site.panel.id, username: site.panel.id, password: site.panel.token, reconnectPeriod: 0, connectTimeout: 5000 })
      .then(
        (c) => c.endAsync().then(() => null),
        (e: Error) => e,
      );
    expect(String(err)).toMatch(/self[- ]signed|unable to (get|verify)|certificate/i);
  });
});

describe.skipIf(!!opensslMissing)('TLS settings', () => {
  it('half a pair, an unreadable file, or a key of another certificate stop the hub naming the variables', () => {
    const certs = makeTestCerts();
    try {
      expect(() => loadConfig({ HUB_TLS_CERT: certs.certFile })).toThrow(/both HUB_TLS_CERT and HUB_TLS_KEY/);
      expect(() => loadConfig({ HUB_TLS_CERT: '/nonexistent/cert.pem', HUB_TLS_KEY: certs.keyFile })).toThrow(ConfigError);
      expect(() => loadConfig({ HUB_TLS_CERT: '/nonexistent/cert.pem', HUB_TLS_KEY: certs.keyFile })).toThrow(/HUB_TLS_CERT="\/nonexistent\/cert.pem" cannot be read/);
      expect(() => loadConfig({ HUB_TLS_CERT: certs.certFile, HUB_TLS_KEY: `${certs.dir}/other-ca.key` })).toThrow(/do not make a usable pair/);
      const ok = loadConfig({ HUB_TLS_CERT: certs.certFile, HUB_TLS_KEY: certs.keyFile });
      expect(ok.tls).toMatchObject({ httpsPort: 8443, mqttsPort: 8883 });
    } finally {
      certs.remove();
    }
  });
});
