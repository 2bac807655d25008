/**
 * Issue 13: a read-only MQTT account for integrations, against the real broker
 * with real MQTT clients: it reads room states and events; it publishes
 * nothing; it never receives a tap, an occupancy report, a device status or a
 * panel response, whatever filter it asks for.
 */
import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SimPanel } from '../../firmware-sim/panel.js';
import { waitFor } from '../../firmware-sim/wait.js';
import { book, connectDevices, provisionRoom, type Site, startTestHub, type TestHub } from '../support/hub-fixture.js';

const REFUSED = 128;

async function connect(url: string, username: string, password: string) {
  const client = await mqtt.connectAsync(url, { username, password, clientId: `ha-${Math.random().toString(36).slice(2)}`, reconnectPeriod: 0, connectTimeout: 3000 });
  const received: { topic: string; payload: string; retain: boolean }[] = [];
  client.on('message', (topic, payload, packet) => received.push({ topic, payload: payload.toString(), retain: packet.retain }));
  return { client, received };
}

/** The SUBACK's granted QoS per filter (MQTT.js turns a negative one into an error carrying the packet). */
const suback = (client: mqtt.MqttClient, filters: string | string[]) =>
  new Promise<number[]>((resolve) => client.subscribe(filters, { qos: 1 }, (_err, _granted, packet) => resolve((packet as { granted: number[] }).granted)));

const refusal = (url: string, username: string, password: string) =>
  new Promise<number | undefined>((resolve) => {
    const c = mqtt.connect(url, { username, password, reconnectPeriod: 0, connectTimeout: 3000 });
    c.once('connect', () => {
      c.end(true);
      resolve(0);
    });
    c.once('error', (err) => {
      c.end(true);
      resolve((err as { code?: number }).code);
    });
  });

describe('read-only integration account (issue 13)', () => {
  let t: TestHub;
  let alpha: Site;
  let account: { id: string; mqttUsername: string; token: string };
  beforeAll(async () => {
    t = await startTestHub('sqlite');
    alpha = await provisionRoom(t, 'alpha');
    await provisionRoom(t, 'beta');
  });
  afterAll(() => t?.stop());

  it('is created by an admin only, with its token shown once', async () => {
    const member = await t.api('POST', '/api/session', { username: 'alpha-host', password: 'host-pass-1' }, null);
    expect((await t.api('POST', '/api/integrations', { name: 'Home Assistant' }, member.body.token)).status).toBe(403);
    expect((await t.api('POST', '/api/integrations', { name: '' })).status).toBe(422);
    const created = await t.api('POST', '/api/integrations', { id: 'home-assistant', name: 'Home Assistant' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ id: 'home-assistant', mqttUsername: 'integration:home-assistant', revokedAt: null });
    expect(created.body.token).toMatch(/.{20,}/);
    account = created.body;
    const listed = await t.api('GET', '/api/integrations');
    expect(listed.body).toEqual([expect.objectContaining({ id: 'home-assistant' })]);
    expect(listed.body[0].token).toBeUndefined();
    expect((await t.api('POST', '/api/integrations', { id: 'home-assistant', name: 'again' })).status).toBe(409);
  });

  it('refuses a wrong token, and a device id with an integration token', async () => {
    expect(await refusal(t.mqttUrl, account.mqttUsername, 'wrong')).toBe(5);
    expect(await refusal(t.mqttUrl, 'integration:nobody', account.token)).toBe(5);
    expect(await refusal(t.mqttUrl, alpha.reader.id, account.token)).toBe(5);
  });

  it('subscribes to room states and events only; device and response topics are refused', async () => {
    const { client } = await connect(t.mqttUrl, account.mqttUsername, account.token);
    try {
      const ok = ['meeting/v1/room/+/state', 'meeting/v1/room/+/event', 'meeting/v1/room/alpha/state', 'meeting/v1/room/#', 'meeting/v1/room/beta/#', 'meeting/v1/room/+/+'];
      const no = [
        '#',
        'meeting/v1/#',
        'meeting/v1/+/+/+',
        'meeting/v1/reader/+/tap',
        'meeting/v1/sensor/alpha-sensor/occupancy',
        'meeting/v1/device/+/status',
        'meeting/v1/panel/+/response',
        'meeting/v1/panel/+/request',
        'meeting/v1/room/+/tap',
        '$SYS/#',
        'meeting/v1/room/alpha/state/#',
      ];
      for (const f of ok) expect(await suback(client, f), f).toEqual([1]);
      for (const f of no) expect(await suback(client, f), f).toEqual([REFUSED]);
      expect(client.connected).toBe(true);
    } finally {
      await client.endAsync();
    }
  });

  it('receives the retained room states and the events of a check-in, but no tap, status or panel response', async () => {
    const ha = await connect(t.mqttUrl, account.mqttUsername, account.token);
    await ha.client.subscribeAsync(['meeting/v1/room/#'], { qos: 1 });
    // Every other filter it may try is refused; the messages it gets come through the one above.
    expect(await suback(ha.client, ['#', 'meeting/v1/#'])).toEqual([REFUSED, REFUSED]);
    await waitFor(() => ha.received.filter((m) => m.topic.endsWith('/state')).length >= 2, { what: 'retained room states' });
    const states = ha.received
      .filter((m) => m.retain)
      .map((m) => m.topic)
      .sort();
    expect(states).toEqual(['meeting/v1/room/alpha/state', 'meeting/v1/room/beta/state']);

    const devices = await connectDevices(t, alpha);
    try {
      await book(t, alpha, 0, 60);
      await devices.reader.tap(alpha.hostBadge, new Date(t.clock.now()));
      expect((await devices.panel.request('extend', { minutes: 15 })).ok).toBe(true);
      await t.hub.idle();
      await waitFor(() => ha.received.some((m) => m.topic === 'meeting/v1/room/alpha/event' && JSON.parse(m.payload).type === 'checked_in'), { what: 'checked_in event' });
      await waitFor(() => ha.received.some((m) => m.topic === 'meeting/v1/room/alpha/state' && JSON.parse(m.payload).status === 'in_use'), { what: 'in_use state' });
    } finally {
      await devices.close();
    }
    const topics = new Set(ha.received.map((m) => m.topic));
    for (const topic of topics) expect(topic, 'only room states and events reach an integration').toMatch(/^meeting\/v1\/room\/[a-z]+\/(state|event)$/);
    await ha.client.endAsync();
  });

  it('cannot publish anything: acknowledged, dropped and counted; nobody receives it and the hub does not act on it', async () => {
    const ha = await connect(t.mqttUrl, account.mqttUsername, account.token);
    const panel = await SimPanel.connect({ url: t.mqttUrl, deviceId: alpha.panel.id, token: alpha.panel.token, room: 'alpha' });
    const watcher = await connect(t.mqttUrl, account.mqttUsername, account.token);
    await watcher.client.subscribeAsync('meeting/v1/room/+/event', { qos: 1 });
    const refusedBefore = await t.hub.metrics.total('hub_mqtt_refused_publishes_total');
    const signInsBefore = await t.hub.metrics.total('hub_sign_ins_total');
    try {
      const fakeState = { room: 'alpha', name: 'x', at: new Date().toISOString(), seq: 999_999, status: 'free', current: null, next: null, freeUntil: null };
      await ha.client.publishAsync('meeting/v1/room/alpha/state', JSON.stringify(fakeState), { qos: 1, retain: true });
      await ha.client.publishAsync('meeting/v1/room/alpha/event', JSON.stringify({ id: 'fake', at: new Date().toISOString(), type: 'checked_in' }), { qos: 1 });
      await ha.client.publishAsync('meeting/v1/reader/alpha-reader/tap', JSON.stringify({ id: 'fake-tap', at: new Date(t.clock.now()).toISOString(), uid: alpha.guestBadge }), { qos: 1 });
      await ha.client.publishAsync('homeassistant/status', 'online', { qos: 1 });
      await t.hub.idle();
      expect(await t.hub.metrics.total('hub_mqtt_refused_publishes_total')).toBe(refusedBefore + 4);
      expect(await t.hub.metrics.total('hub_sign_ins_total')).toBe(signInsBefore);
      expect(ha.client.connected, 'refused, not disconnected').toBe(true);
      expect(watcher.received.filter((m) => m.payload.includes('fake'))).toEqual([]);
      // The retained state a panel gets on subscribing is still the hub's own.
      const fresh = await connect(t.mqttUrl, account.mqttUsername, account.token);
      await fresh.client.subscribeAsync('meeting/v1/room/alpha/state', { qos: 1 });
      await waitFor(() => fresh.received.length > 0, { what: 'retained state' });
      expect(JSON.parse(fresh.received[0]!.payload).seq).not.toBe(999_999);
      await fresh.client.endAsync();
      expect(panel.states.map((s) => s.seq)).not.toContain(999_999);
    } finally {
      await Promise.all([ha.client.endAsync(), watcher.client.endAsync(), panel.close()]);
    }
  });

  it('revoking drops its connection and refuses it from then on', async () => {
    const ha = await connect(t.mqttUrl, account.mqttUsername, account.token);
    const closed = new Promise<void>((r) => ha.client.once('close', () => r()));
    const revoked = await t.api('DELETE', `/api/integrations/${account.id}`);
    expect(revoked.status).toBe(200);
    expect(revoked.body.revokedAt).not.toBeNull();
    await closed;
    expect(await refusal(t.mqttUrl, account.mqttUsername, account.token)).toBe(5);
    const audit = await t.api('GET', '/api/audit?type=integration.');
    expect(audit.status).toBe(200);
    expect(JSON.stringify(audit.body)).toMatch(/integration\.revoked/);
    ha.client.end(true);
  });
});
