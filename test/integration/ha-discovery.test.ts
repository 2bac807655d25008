/**
 * Issue 13: opt-in Home Assistant MQTT discovery, read by a real MQTT client on
 * a read-only integration account (as Home Assistant would connect), each
 * payload checked against the documented discovery schema
 * (shared/schemas/home-assistant.ts).
 */
import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../../firmware-sim/wait.js';
import { ROOM_STATUSES } from '../../shared/enums.js';
import { haBinarySensorConfig, haSensorConfig } from '../../shared/schemas/home-assistant.js';
import { roomStatePayload } from '../../shared/schemas/mqtt.js';
import { provisionRoom, startTestHub, type TestHub } from '../support/hub-fixture.js';

type Msg = { topic: string; payload: string; retain: boolean };

async function listen(t: TestHub, filters: string[]) {
  const created = await t.api('POST', '/api/integrations', { name: `Home Assistant ${Math.random()}` });
  const client = await mqtt.connectAsync(t.mqttUrl, { username: created.body.mqttUsername, password: created.body.token, reconnectPeriod: 0 });
  const received: Msg[] = [];
  client.on('message', (topic, payload, packet) => received.push({ topic, payload: payload.toString(), retain: packet.retain }));
  await client.subscribeAsync(filters, { qos: 1 });
  return { client, received };
}

const CONFIG_TOPIC = /^homeassistant\/(binary_sensor|sensor)\/([a-zA-Z0-9_-]+)\/config$/;

describe('Home Assistant MQTT discovery (HUB_HA_DISCOVERY=true)', () => {
  let t: TestHub;
  beforeAll(async () => {
    t = await startTestHub('sqlite', { HUB_HA_DISCOVERY: 'true' });
    await provisionRoom(t, 'alpha');
    await provisionRoom(t, 'beta', { sensor: false });
  });
  afterAll(() => t?.stop());

  it('announces each room as a device with occupancy, state and current-meeting entities, retained and valid', async () => {
    const ha = await listen(t, ['homeassistant/#', 'meeting/v1/hub/availability', 'meeting/v1/room/+/state']);
    try {
      await waitFor(() => ha.received.filter((m) => m.topic.startsWith('homeassistant/')).length >= 6, { what: 'six discovery configs' });
      await waitFor(() => ha.received.some((m) => m.topic === 'meeting/v1/hub/availability'), { what: 'availability' });
      expect(ha.received.find((m) => m.topic === 'meeting/v1/hub/availability')).toMatchObject({ payload: 'online', retain: true });

      const configs = ha.received.filter((m) => m.topic.startsWith('homeassistant/'));
      expect(configs.every((m) => m.retain)).toBe(true);
      const byRoom = new Map<string, Record<string, unknown>[]>();
      for (const m of configs) {
        const [, component, objectId] = CONFIG_TOPIC.exec(m.topic) ?? [];
        expect(component, m.topic).toBeDefined();
        const json = JSON.parse(m.payload);
        const parsed = component === 'binary_sensor' ? haBinarySensorConfig.safeParse(json) : haSensorConfig.safeParse(json);
        expect(parsed.error?.issues ?? [], m.topic).toEqual([]);
        expect(json.unique_id, 'object_id is the unique_id (the documented best practice)').toBe(objectId);
        expect(json.availability_topic).toBe('meeting/v1/hub/availability');
        const room = /^meeting\/v1\/room\/([a-z]+)\/state$/.exec(json.state_topic)?.[1];
        expect(room, json.state_topic).toBeDefined();
        byRoom.set(room!, [...(byRoom.get(room!) ?? []), { component, ...json }]);
      }
      expect([...byRoom.keys()].sort()).toEqual(['alpha', 'beta']);
      for (const [room, entities] of byRoom) {
        expect(entities.map((e) => `${e.component}:${e.name}`).sort()).toEqual(['binary_sensor:Occupancy', 'sensor:Current meeting', 'sensor:State']);
        const ids = new Set(entities.map((e) => JSON.stringify((e.device as { identifiers: string[] }).identifiers)));
        expect(ids.size, 'one device per room').toBe(1);
        expect((entities[0]!.device as { name: string }).name).toBe(`Room ${room}`);
        const occupancy = entities.find((e) => e.component === 'binary_sensor')!;
        expect(occupancy).toMatchObject({ device_class: 'occupancy', payload_on: 'ON', payload_off: 'OFF' });
        const state = entities.find((e) => e.name === 'State')!;
        expect(state).toMatchObject({ device_class: 'enum', options: [...ROOM_STATUSES] });
      }
      // What the templates read is there in the retained state: `status` (one of the options) and `current`.
      const state = ha.received.find((m) => m.topic === 'meeting/v1/room/alpha/state')!;
      const payload = roomStatePayload.parse(JSON.parse(state.payload));
      expect(ROOM_STATUSES).toContain(payload.status);
      expect(payload).toHaveProperty('current');
    } finally {
      await ha.client.endAsync();
    }
  });

  it('updates a renamed room and clears an archived one with empty retained configs', async () => {
    const ha = await listen(t, ['homeassistant/#']);
    try {
      await waitFor(() => ha.received.length >= 6, { what: 'retained configs' });
      ha.received.length = 0;
      expect((await t.api('PATCH', '/api/rooms/alpha', { name: 'Boardroom' })).status).toBe(200);
      await waitFor(() => ha.received.length >= 3, { what: 'configs of the renamed room' });
      expect(ha.received.map((m) => JSON.parse(m.payload).device.name)).toEqual(['Boardroom', 'Boardroom', 'Boardroom']);

      ha.received.length = 0;
      expect((await t.api('PATCH', '/api/rooms/beta', { archived: true })).status).toBe(200);
      await waitFor(() => ha.received.length >= 3, { what: 'cleared configs' });
      expect(ha.received.every((m) => m.payload === '' && m.topic.includes('meeting_hub_beta_'))).toBe(true);
    } finally {
      await ha.client.endAsync();
    }
    // A Home Assistant that starts now finds only the rooms still in use.
    const fresh = await listen(t, ['homeassistant/#']);
    try {
      await waitFor(() => fresh.received.length >= 3, { what: 'retained configs' });
      await new Promise((r) => setTimeout(r, 100)); // anything more retained would have come with them
      expect(fresh.received.map((m) => m.topic).sort()).toEqual([
        'homeassistant/binary_sensor/meeting_hub_alpha_occupancy/config',
        'homeassistant/sensor/meeting_hub_alpha_meeting/config',
        'homeassistant/sensor/meeting_hub_alpha_state/config',
      ]);
    } finally {
      await fresh.client.endAsync();
    }
  });

  it('says offline on the availability topic when the hub stops', async () => {
    const ha = await listen(t, ['meeting/v1/hub/availability']);
    await waitFor(() => ha.received.some((m) => m.payload === 'online'), { what: 'online' });
    await t.hub.stop();
    await waitFor(() => ha.received.some((m) => m.payload === 'offline'), { what: 'offline' });
    ha.client.end(true);
    await t.startAgain();
  });
});

describe('Home Assistant discovery is off by default', () => {
  it('publishes nothing under the discovery prefix', async () => {
    const t = await startTestHub('sqlite');
    try {
      await provisionRoom(t, 'alpha');
      const created = await t.api('POST', '/api/integrations', { name: 'HA' });
      const client = await mqtt.connectAsync(t.mqttUrl, { username: created.body.mqttUsername, password: created.body.token, reconnectPeriod: 0 });
      const got: string[] = [];
      client.on('message', (topic) => got.push(topic));
      // Without discovery the prefix is not even readable by an integration.
      const granted = await new Promise<number[]>((r) => client.subscribe(['homeassistant/#', 'meeting/v1/room/+/state'], { qos: 1 }, (_e, _g, p) => r((p as { granted: number[] }).granted)));
      expect(granted).toEqual([128, 1]);
      await waitFor(() => got.length > 0, { what: 'the room state' });
      expect(got).toEqual(['meeting/v1/room/alpha/state']);
      await client.endAsync();
    } finally {
      await t.stop();
    }
  });
});
