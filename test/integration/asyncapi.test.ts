/**
 * Issue 13: the AsyncAPI 3.0 document of the MQTT contract, generated from the
 * shared zod schemas: served by the hub and kept in docs/; every topic of
 * contract §2 is in it with its direction, QoS and retain flag; and the real
 * messages of a check-in (every one the broker carried) match its JSON schemas.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../../firmware-sim/wait.js';
import { createTopics } from '../../shared/topics.js';
import { book, connectDevices, MIN, provisionRoom, type Site, startTestHub, type TestHub } from '../support/hub-fixture.js';

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;
/** The official AsyncAPI JSON schemas (@asyncapi/specs, CommonJS). */
const asyncApiSpecs = createRequire(import.meta.url)('@asyncapi/specs') as { schemas: Record<string, object> };

/** Contract §2's table: topic, who sends it (from the hub's side), QoS, retained. */
const CONTRACT = [
  ['meeting/v1/device/{device}/status', 'receive', 1, true],
  ['meeting/v1/reader/{device}/tap', 'receive', 1, false],
  ['meeting/v1/sensor/{device}/occupancy', 'receive', 1, false],
  ['meeting/v1/panel/{device}/request', 'receive', 1, false],
  ['meeting/v1/panel/{device}/response', 'send', 1, false],
  ['meeting/v1/room/{room}/state', 'send', 1, true],
  ['meeting/v1/room/{room}/event', 'send', 1, false],
] as const;

type Doc = {
  asyncapi: string;
  channels: Record<string, { address: string; messages: Record<string, { $ref: string }> }>;
  operations: Record<string, { action: string; channel: { $ref: string }; bindings: { mqtt: { qos: number; retain: boolean } } }>;
  components: { messages: Record<string, { payload: object; contentType: string }> };
};

describe('AsyncAPI document of the MQTT contract', () => {
  let t: TestHub;
  let site: Site;
  let doc: Doc;
  beforeAll(async () => {
    t = await startTestHub('sqlite');
    site = await provisionRoom(t, 'alpha');
    doc = (await t.api('GET', '/api/asyncapi.json', undefined, null)).body;
  });
  afterAll(() => t?.stop());

  it('is served without a session, and docs/asyncapi.json is the same document (npm run asyncapi)', () => {
    expect(doc.asyncapi).toBe('3.0.0');
    expect(JSON.parse(readFileSync('docs/asyncapi.json', 'utf8'))).toEqual(doc);
  });

  it('is a valid AsyncAPI 3.0.0 document (the official JSON schema, @asyncapi/specs)', () => {
    // meta: false: the spec bundles its own copy of the draft-07 meta-schema.
    const ajv = addFormats(new Ajv({ strict: false, allErrors: true, meta: false, validateSchema: false }));
    const validate = ajv.compile(asyncApiSpecs.schemas['3.0.0']!);
    expect(validate(doc), ajv.errorsText(validate.errors)).toBe(true);
    // It would say so: an AsyncAPI 2 verb in an operation is refused.
    const broken = structuredClone(doc);
    Object.values(broken.operations)[0]!.action = 'publish';
    expect(validate(broken)).toBe(false);
  });

  it('has every topic of contract §2 with its direction, QoS and retain flag', () => {
    const byAddress = new Map(Object.entries(doc.channels).map(([id, c]) => [c.address, id]));
    expect([...byAddress.keys()].sort()).toEqual(CONTRACT.map((c) => c[0]).sort());
    for (const [address, action, qos, retain] of CONTRACT) {
      const channel = byAddress.get(address)!;
      const ops = Object.values(doc.operations).filter((o) => o.channel.$ref === `#/channels/${channel}`);
      expect(ops, address).toHaveLength(1);
      expect(ops[0]).toMatchObject({ action, bindings: { mqtt: { qos, retain } } });
      const [ref] = Object.values(doc.channels[channel]!.messages);
      const message = doc.components.messages[ref!.$ref.split('/').pop()!]!;
      expect(message.contentType).toBe('application/json');
      // A JSON object (contract §2); the panel's actions are one object schema each.
      const payload = message.payload as { type?: string; oneOf?: { type: string }[] };
      expect(payload.type === 'object' || (payload.oneOf?.length && payload.oneOf.every((p) => p.type === 'object')), address).toBeTruthy();
    }
  });

  it('every message the broker carries in a check-in matches its channel’s payload schema', async () => {
    const ajv = addFormats(new Ajv({ strict: false, allErrors: true }));
    const topics = createTopics('meeting/v1');
    const kindToChannel: Record<string, string> = {
      device_status: 'deviceStatus',
      reader_tap: 'readerTap',
      sensor_occupancy: 'sensorOccupancy',
      panel_request: 'panelRequest',
      panel_response: 'panelResponse',
      room_state: 'roomState',
      room_event: 'roomEvent',
    };
    const validators = Object.fromEntries(Object.entries(doc.components.messages).map(([id, m]) => [id, ajv.compile(m.payload)]));
    const seen = new Map<string, number>();
    const problems: string[] = [];
    t.hub.broker.aedes.on('publish', (packet) => {
      const kind = topics.parse(packet.topic)?.kind;
      if (!kind || !packet.payload.length) return;
      const channel = kindToChannel[kind]!;
      const validate = validators[channel]!;
      if (!validate(JSON.parse(packet.payload.toString()))) problems.push(`${packet.topic}: ${ajv.errorsText(validate.errors)}`);
      seen.set(channel, (seen.get(channel) ?? 0) + 1);
    });

    const devices = await connectDevices(t, site);
    try {
      await book(t, site, 0, 60);
      await devices.sensor!.report(true, 3, new Date(t.clock.now()));
      await devices.reader.tap(site.hostBadge, new Date(t.clock.now()));
      expect((await devices.panel.request('extend', { minutes: 15 })).ok).toBe(true);
      expect((await devices.panel.request('report_fault', { equipment: 'projector', description: 'no signal' })).ok).toBe(true);
      t.clock.advance(10 * MIN);
      await t.hub.tick();
      await t.hub.idle();
      await waitFor(() => seen.size === 7, { what: `a message on every channel (seen ${[...seen.keys()].join(', ')})` });
    } finally {
      await devices.close();
    }
    expect(problems).toEqual([]);
    expect([...seen.keys()].sort()).toEqual(Object.keys(doc.channels).sort());
  });

  it('the schemas keep the contract’s rules (a lower-case card UID or a missing id is refused)', () => {
    const ajv = addFormats(new Ajv({ strict: false }));
    const tap = ajv.compile(doc.components.messages.readerTap!.payload);
    expect(tap({ id: 'm1', at: '2026-12-01T09:00:00Z', uid: 'A100AA01' })).toBe(true);
    expect(tap({ id: 'm1', at: '2026-12-01T09:00:00Z', uid: 'a100aa01' })).toBe(false);
    expect(tap({ at: '2026-12-01T09:00:00Z', uid: 'A100AA01' })).toBe(false);
    const state = ajv.compile(doc.components.messages.roomState!.payload);
    expect(state({ room: 'alpha', name: 'A', at: '2026-12-01T09:00:00Z', seq: 1, status: 'busy', current: null, next: null, freeUntil: null })).toBe(false);
  });
});
