/** Contract §2 authentication and authorization against the real embedded broker. */
import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SimPanel } from '../../firmware-sim/panel.js';
import { SimReader } from '../../firmware-sim/reader.js';
import { waitFor } from '../../firmware-sim/wait.js';
import { provisionRoom, type Site, startTestHub, type TestHub } from '../support/hub-fixture.js';

const connectRaw = (url: string, username: string, password: string, protocolVersion: 4 | 5 = 4) =>
  new Promise<{ ok: boolean; code?: number; client: mqtt.MqttClient }>((resolve) => {
    const client = mqtt.connect(url, { username, password, clientId: `raw-${Math.random()}`, reconnectPeriod: 0, protocolVersion, connectTimeout: 3000 });
    client.once('connect', () => resolve({ ok: true, client }));
    client.once('error', (err) => {
      client.end(true);
      resolve({ ok: false, code: (err as { code?: number }).code, client });
    });
  });

describe('MQTT security (contract §2)', () => {
  let t: TestHub;
  let alpha: Site;
  let beta: Site;
  beforeAll(async () => {
    t = await startTestHub('sqlite');
    alpha = await provisionRoom(t, 'alpha');
    beta = await provisionRoom(t, 'beta');
  });
  afterAll(() => t.stop());

  it('refuses a wrong token at CONNECT and counts it', async () => {
    const before = await t.hub.metrics.total('hub_mqtt_refused_connections_total');
    const v4 = await connectRaw(t.mqttUrl, alpha.reader.id, 'not-the-token');
    expect(v4.ok).toBe(false);
    expect(v4.code).toBe(5); // not authorized
    const v5 = await connectRaw(t.mqttUrl, alpha.reader.id, alpha.reader.token, 5);
    expect(v5.ok).toBe(false); // Aedes speaks MQTT 3.1/3.1.1 only: MQTT 5 is refused as a protocol version
    const unknown = await connectRaw(t.mqttUrl, 'no-such-device', 'x');
    expect(unknown.ok).toBe(false);
    expect(await t.hub.metrics.total('hub_mqtt_refused_connections_total')).toBe(before + 3);
  });

  it('accepts the right token over TCP and over WebSocket', async () => {
    const tcp = await connectRaw(t.mqttUrl, alpha.reader.id, alpha.reader.token);
    const ws = await connectRaw(t.wsUrl, alpha.sensor!.id, alpha.sensor!.token);
    expect(tcp.ok).toBe(true);
    expect(ws.ok).toBe(true);
    tcp.client.end(true);
    ws.client.end(true);
  });

  it('refuses a publish under another device id and counts it', async () => {
    const before = await t.hub.metrics.total('hub_mqtt_refused_publishes_total');
    const reader = await SimReader.connect({ url: t.mqttUrl, deviceId: alpha.reader.id, token: alpha.reader.token });
    // Pretend to be beta's reader: the broker must refuse it.
    reader.client.publish(reader.topics.readerTap(beta.reader.id), JSON.stringify({ id: 'x1', at: new Date().toISOString(), uid: 'B100AA01' }), { qos: 1 });
    await waitFor(async () => (await t.hub.metrics.total('hub_mqtt_refused_publishes_total')) > before, { what: 'refused publish' });
    expect(await t.hub.metrics.total('hub_mqtt_refused_publishes_total')).toBe(before + 1);
    // Refused, not applied: beta's reader published nothing, and the refused tap reached no handler.
    expect(await t.hub.metrics.total('hub_sign_ins_total')).toBe(0);
    expect(reader.client.connected).toBe(true); // dropped, not disconnected (no resend storm)
    reader.kill();
  });

  it('refuses a reader publishing panel requests (kind mismatch)', async () => {
    const before = await t.hub.metrics.total('hub_mqtt_refused_publishes_total');
    const reader = await SimReader.connect({ url: t.mqttUrl, deviceId: alpha.reader.id, token: alpha.reader.token });
    reader.client.publish(reader.topics.panelRequest(alpha.reader.id), JSON.stringify({ id: 'x2', at: new Date().toISOString(), action: 'end' }), { qos: 1 });
    await waitFor(async () => (await t.hub.metrics.total('hub_mqtt_refused_publishes_total')) > before, { what: 'refused publish' });
    reader.kill();
  });

  it("refuses a panel subscribing to another room's topics and keeps the connection", async () => {
    const panel = await SimPanel.connect({ url: t.mqttUrl, deviceId: alpha.panel.id, token: alpha.panel.token, room: alpha.room });
    // MQTT.js turns a negative SUBACK into an error carrying the packet.
    const suback = (topic: string) =>
      new Promise<number[]>((resolve) =>
        panel.client.subscribe(topic, { qos: 1 }, (_err, _granted, packet) => resolve((packet as { granted: number[] }).granted)),
      );
    expect(await suback(panel.topics.roomState(beta.room))).toEqual([128]);
    expect(await suback('meeting/v1/#')).toEqual([128]);
    expect(await t.hub.metrics.total('hub_mqtt_refused_subscriptions_total')).toBeGreaterThanOrEqual(2);
    expect(panel.client.connected).toBe(true);
    // Its own room's retained state still arrives.
    await waitFor(() => panel.state, { what: 'own room state' });
    expect(panel.state?.room).toBe(alpha.room);
    await panel.close();
  });

  it('counts malformed JSON and invalid payloads, answers a bad panel request, and keeps serving', async () => {
    const before = await t.hub.metrics.total('hub_mqtt_invalid_payloads_total');
    const reader = await SimReader.connect({ url: t.mqttUrl, deviceId: alpha.reader.id, token: alpha.reader.token });
    await reader.client.publishAsync(reader.topics.readerTap(alpha.reader.id), '{not json', { qos: 1 });
    await reader.client.publishAsync(reader.topics.readerTap(alpha.reader.id), JSON.stringify({ id: 'y', at: 'yesterday', uid: 'zz' }), { qos: 1 });
    await reader.client.publishAsync(reader.topics.readerTap(alpha.reader.id), Buffer.from([0xff, 0xfe, 0x00]), { qos: 1 });
    await waitFor(async () => (await t.hub.metrics.total('hub_mqtt_invalid_payloads_total')) >= before + 3, { what: 'invalid payloads counted' });

    const panel = await SimPanel.connect({ url: t.mqttUrl, deviceId: alpha.panel.id, token: alpha.panel.token, room: alpha.room });
    const bad = await panel.request('book_now', { minutes: -5 });
    expect(bad.ok).toBe(false);
    expect(bad.error?.code).toBe('invalid');
    const unknown = await panel.request('fly_to_moon');
    expect(unknown.error?.code).toBe('invalid');
    // Still serving: a valid request gets a real answer, and HTTP still works.
    const fault = await panel.request('report_fault', { equipment: 'projector', description: 'no signal on HDMI' });
    expect(fault.ok).toBe(true);
    expect((await t.api('GET', '/api/health', undefined, null)).status).toBe(200);
    await panel.close();
    await reader.close();
  });

  it('revoking a device drops its connection and refuses it afterwards', async () => {
    const dev = (await t.api('POST', '/api/devices', { kind: 'sensor', room: alpha.room, id: 'alpha-sensor-2' })).body;
    const conn = await connectRaw(t.mqttUrl, dev.id, dev.token);
    expect(conn.ok).toBe(true);
    const closed = new Promise<void>((r) => conn.client.once('close', () => r()));
    const del = await t.api('DELETE', `/api/devices/${dev.id}`);
    expect(del.status).toBe(200);
    expect(del.body.revoked).toBe(true);
    await closed;
    conn.client.end(true);
    const again = await connectRaw(t.mqttUrl, dev.id, dev.token);
    expect(again.ok).toBe(false);
  });

  it('a second connection with the same client id takes over (MQTT-3.1.4-2)', async () => {
    const first = await connectRaw(t.mqttUrl, beta.sensor!.id, beta.sensor!.token);
    const firstClosed = new Promise<void>((r) => first.client.once('close', () => r()));
    const second = await new Promise<mqtt.MqttClient>((resolve, reject) => {
      const c = mqtt.connect(t.mqttUrl, { clientId: first.client.options.clientId, username: beta.sensor!.id, password: beta.sensor!.token, reconnectPeriod: 0 });
      c.once('connect', () => resolve(c));
      c.once('error', reject);
    });
    await firstClosed;
    expect(second.connected).toBe(true);
    first.client.end(true);
    second.end(true);
  });

  it("a device cannot take over another device's client id (each device's sessions are its own)", async () => {
    const owner = await new Promise<mqtt.MqttClient>((resolve, reject) => {
      const c = mqtt.connect(t.mqttUrl, { clientId: 'shared-id', username: alpha.panel.id, password: alpha.panel.token, reconnectPeriod: 0 });
      c.once('connect', () => resolve(c));
      c.once('error', reject);
    });
    const intruder = await new Promise<{ ok: boolean; code?: number }>((resolve) => {
      const c = mqtt.connect(t.mqttUrl, { clientId: 'shared-id', username: beta.sensor!.id, password: beta.sensor!.token, reconnectPeriod: 0 });
      c.once('connect', () => { c.end(true); resolve({ ok: true }); });
      c.once('error', (err) => { c.end(true); resolve({ ok: false, code: (err as { code?: number }).code }); });
    });
    // The intruder gets a session of its own under that id; the owner's connection is untouched.
    expect(intruder).toEqual({ ok: true });
    await new Promise((r) => setTimeout(r, 100));
    expect(owner.connected).toBe(true);
    owner.end(true);
  });

  it('records device status and the last will as lost', async () => {
    const reader = await SimReader.connect({ url: t.mqttUrl, deviceId: beta.reader.id, token: beta.reader.token });
    await waitFor(async () => (await t.hub.deps.reads.devices.get(beta.reader.id))?.status === 'online', { what: 'online' });
    reader.kill();
    await waitFor(async () => (await t.hub.deps.reads.devices.get(beta.reader.id))?.status === 'lost', { what: 'lost via last will' });
  });

  it('a redelivered panel request (same id) is answered again but applied once', async () => {
    const panel = await SimPanel.connect({ url: t.mqttUrl, deviceId: beta.panel.id, token: beta.panel.token, room: beta.room });
    const id = 'dup-1';
    const replies: any[] = [];
    panel.client.on('message', (topic, payload) => {
      if (topic.endsWith('/response')) replies.push(JSON.parse(payload.toString()));
    });
    const msg = JSON.stringify({ id, at: new Date().toISOString(), action: 'report_fault', equipment: 'whiteboard', description: 'no markers' });
    await panel.client.publishAsync(panel.topics.panelRequest(beta.panel.id), msg, { qos: 1 });
    await panel.client.publishAsync(panel.topics.panelRequest(beta.panel.id), msg, { qos: 1, dup: true });
    await waitFor(() => replies.length >= 2, { what: 'two replies' });
    expect(replies[0]).toEqual(replies[1]);
    expect(await t.hub.metrics.total('hub_mqtt_duplicate_messages_total')).toBeGreaterThanOrEqual(1);
    await panel.close();
  });
});
