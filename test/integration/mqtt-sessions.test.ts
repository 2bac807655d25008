/**
 * Issue 8, contract §2: client ids are the client's choice, but a session (and
 * the messages queued in it) belongs to the device that made it; a device
 * cannot squat another's usual client id; MQTT 3.1.1 client-id rules; payloads
 * must be UTF-8.
 */
import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../../firmware-sim/wait.js';
import { book, provisionRoom, type Site, startTestHub, type TestHub } from '../support/hub-fixture.js';
import { sumMetric } from '../support/hub-process.js';
import { connectPacket, rawConnect } from '../support/mqtt-raw.js';

interface Conn {
  client: mqtt.MqttClient;
  sessionPresent: boolean;
  messages: { topic: string; payload: string }[];
  closed: boolean;
}

function connect(url: string, creds: { id: string; token: string }, opts: { clientId: string; clean: boolean }): Promise<Conn> {
  return new Promise((resolve, reject) => {
    const client = mqtt.connect(url, { username: creds.id, password: creds.token, clientId: opts.clientId, clean: opts.clean, reconnectPeriod: 0, protocolVersion: 4, connectTimeout: 3000 });
    const conn: Conn = { client, sessionPresent: false, messages: [], closed: false };
    client.on('message', (topic, payload) => conn.messages.push({ topic, payload: payload.toString() }));
    client.on('close', () => (conn.closed = true));
    client.once('connect', (connack) => {
      conn.sessionPresent = connack.sessionPresent;
      client.on('error', () => {});
      resolve(conn);
    });
    client.once('error', (err) => {
      client.end(true);
      reject(err);
    });
  });
}

describe('MQTT sessions and client ids (issue 8)', () => {
  let t: TestHub;
  let alpha: Site;
  let beta: Site;
  const metrics = async () => (await fetch(`http://127.0.0.1:${t.hub.httpPort}/metrics`)).text();
  beforeAll(async () => {
    t = await startTestHub('sqlite');
    alpha = await provisionRoom(t, 'alpha');
    beta = await provisionRoom(t, 'beta');
  });
  afterAll(() => t.stop());

  it("(a) another device reusing a client id gets a fresh session, not the first device's queued messages", async () => {
    const clientId = 'shared-session';
    const alphaTopics = ['meeting/v1/room/alpha/state', 'meeting/v1/room/alpha/event'];
    const a = await connect(t.mqttUrl, alpha.panel, { clientId, clean: false });
    await a.client.subscribeAsync(Object.fromEntries(alphaTopics.map((topic) => [topic, { qos: 1 as const }])));
    await a.client.endAsync();

    const booking = await book(t, alpha, 60); // the hub publishes a 'booked' event and a new state for alpha

    const b = await connect(t.mqttUrl, beta.panel, { clientId, clean: false });
    await new Promise((r) => setTimeout(r, 1000)); // the window in which nothing of alpha may arrive
    const leaked = b.messages.filter((m) => alphaTopics.includes(m.topic));
    await b.client.endAsync();
    expect.soft(leaked.length, `alpha's messages delivered to beta's panel through the shared client id: ${leaked.map((m) => `${m.topic} ${m.payload.slice(0, 60)}`).join(' | ')}`).toBe(0);
    expect.soft(b.sessionPresent, "beta's CONNACK sessionPresent (it must not inherit alpha's session)").toBe(false);

    const again = await connect(t.mqttUrl, alpha.panel, { clientId, clean: false });
    const got = await waitFor(() => again.messages.find((m) => m.topic === alphaTopics[1] && m.payload.includes(booking.id)), { timeout: 2000, what: 'queued booked event' }).catch(() => null);
    await again.client.endAsync();
    expect.soft(again.sessionPresent, "alpha's CONNACK sessionPresent when it comes back to its session").toBe(true);
    expect(got ? JSON.parse(got.payload).type : `nothing (got ${again.messages.length} messages: ${again.messages.map((m) => m.topic).join(', ')})`,
      `queued event for booking ${booking.id} delivered to alpha on reconnect`).toBe('booked');
  });

  it("(b) a device using another device's usual client id cannot lock it out, nor be kicked by it", async () => {
    const squatter = await connect(t.mqttUrl, beta.sensor!, { clientId: alpha.panel.id, clean: true });
    let owner: Conn | null = null;
    let refusal = '';
    try {
      owner = await connect(t.mqttUrl, alpha.panel, { clientId: alpha.panel.id, clean: true });
    } catch (err) {
      refusal = `${(err as Error).message} (code ${(err as { code?: number }).code})`;
    }
    expect.soft(refusal ? `refused: ${refusal}` : 'accepted', `alpha's panel connecting with its own device id as client id while ${beta.sensor!.id} holds it`).toBe('accepted');
    await new Promise((r) => setTimeout(r, 1000)); // the squatter must still be there a second later
    const squatterKicked = squatter.closed;
    squatter.client.end(true);
    owner?.client.end(true);
    expect(squatterKicked, `${beta.sensor!.id} (connected with client id ${alpha.panel.id}) was disconnected when ${alpha.panel.id} connected`).toBe(false);
  });

  it('(c) a device reconnecting with its own client id takes over its old connection (MQTT-3.1.4-2)', async () => {
    const first = await connect(t.mqttUrl, alpha.reader, { clientId: alpha.reader.id, clean: true });
    const second = await connect(t.mqttUrl, alpha.reader, { clientId: alpha.reader.id, clean: true });
    await waitFor(() => first.closed, { timeout: 2000, what: 'the old connection closed' }).catch(() => {});
    const firstClosed = first.closed;
    const secondOpen = !second.closed;
    first.client.end(true);
    second.client.end(true);
    expect(firstClosed, 'the old connection was closed by the takeover').toBe(true);
    expect(secondOpen, 'the new connection stays').toBe(true);
  });

  it('(d) a zero-length client id: refused with return code 2 when clean=false, accepted when clean=true', async () => {
    const creds = { username: alpha.sensor!.id, password: alpha.sensor!.token };
    const persistent = await rawConnect(t.hub.mqttPort, connectPacket({ clientId: '', clean: false, ...creds })).then(
      (c) => {
        c.socket.destroy();
        return `CONNACK ${c.connack.returnCode}`;
      },
      (err: Error) => err.message,
    );
    expect.soft(persistent, 'zero-length client id with clean=false (MQTT-3.1.3-8: CONNACK 2, identifier rejected)').toBe('CONNACK 2');
    const clean = await rawConnect(t.hub.mqttPort, connectPacket({ clientId: '', clean: true, ...creds })).then(
      (c) => {
        c.socket.destroy();
        return `CONNACK ${c.connack.returnCode}`;
      },
      (err: Error) => err.message,
    );
    expect(clean, 'zero-length client id with clean=true (MQTT-3.1.3-6: the server assigns one)').toBe('CONNACK 0');
  });

  it('(e) a tap payload that is not valid UTF-8 is refused, counted, and signs nobody in', async () => {
    const booking = await book(t, alpha, 5, 30, { attendees: [] }); // the check-in window is open
    const before = sumMetric(await metrics(), 'hub_mqtt_invalid_payloads_total');
    const signInsBefore = sumMetric(await metrics(), 'hub_sign_ins_total');
    // Valid JSON with the host's badge once decoded leniently: only a strict UTF-8 check refuses it.
    const json = Buffer.from(JSON.stringify({ id: 'bad-utf8-1', at: new Date(t.clock.now()).toISOString(), uid: alpha.hostBadge, tech: 'X' }));
    const i = json.indexOf('"X"') + 1;
    const payload = Buffer.concat([json.subarray(0, i), Buffer.from([0xc3, 0x28, 0xff]), json.subarray(i + 1)]);
    const reader = await connect(t.mqttUrl, alpha.reader, { clientId: alpha.reader.id, clean: true });
    await reader.client.publishAsync(`meeting/v1/reader/${alpha.reader.id}/tap`, payload, { qos: 1 });
    const counted = await waitFor(async () => sumMetric(await metrics(), 'hub_mqtt_invalid_payloads_total') > before, { timeout: 3000, what: 'invalid payload counted' }).then(() => true, () => false);
    reader.client.end(true);
    const detail = (await t.api('GET', `/api/bookings/${booking.id}`)).body;
    const host = detail.attendance.find((x: { user: string }) => x.user === alpha.host.id);
    expect.soft(counted, `hub_mqtt_invalid_payloads_total did not grow from ${before} within 3 s`).toBe(true);
    expect.soft(sumMetric(await metrics(), 'hub_sign_ins_total'), 'hub_sign_ins_total after the invalid tap').toBe(signInsBefore);
    expect(`${detail.status}/${host?.status}`, `booking ${booking.id} status/host attendance after a non-UTF-8 tap`).toBe('confirmed/expected');
  });
});
