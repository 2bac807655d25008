/**
 * The AsyncAPI 3.0 document of the MQTT contract (contract §2, issue 13),
 * generated from the same zod schemas the hub validates with (and the OpenAPI
 * document comes from): one source, so the document cannot drift from the code.
 * Written from the hub's point of view: it receives what devices send and
 * sends room states, room events and panel responses.
 */
import { z } from 'zod';
import { deviceStatusPayload, occupancyPayload, panelRequestPayload, panelResponsePayload, roomEventPayload, roomStatePayload, tapPayload } from './schemas/mqtt.js';
import { createTopics, DEFAULT_TOPIC_ROOT } from './topics.js';

interface ChannelSpec {
  id: string;
  /** The topic with `{device}` / `{room}` as parameters. */
  address: string;
  title: string;
  description: string;
  schema: z.ZodType;
  action: 'send' | 'receive';
  qos: 0 | 1;
  retain: boolean;
}

/** JSON Schema (draft-07, which AsyncAPI's schema object extends) of a payload, as a client writes it or the hub writes it. */
export function payloadSchema(schema: z.ZodType, io: 'input' | 'output'): Record<string, unknown> {
  const { $schema: _ignored, ...json } = z.toJSONSchema(schema, { target: 'draft-7', io, unrepresentable: 'any' }) as Record<string, unknown>;
  return json;
}

export function channelSpecs(root = DEFAULT_TOPIC_ROOT): ChannelSpec[] {
  const t = createTopics(root);
  const device = '{device}';
  const room = '{room}';
  return [
    {
      id: 'deviceStatus',
      address: t.deviceStatus(device),
      title: 'Device status',
      description: 'A device\'s status, retained; also its last will with state "lost".',
      schema: deviceStatusPayload,
      action: 'receive',
      qos: 1,
      retain: true,
    },
    {
      id: 'readerTap',
      address: t.readerTap(device),
      title: 'Badge tap',
      description: 'A card tapped on a reader; uid in upper-case hex.',
      schema: tapPayload,
      action: 'receive',
      qos: 1,
      retain: false,
    },
    {
      id: 'sensorOccupancy',
      address: t.sensorOccupancy(device),
      title: 'Occupancy',
      description: 'Presence reported by a sensor, repeated every few minutes even without a change.',
      schema: occupancyPayload,
      action: 'receive',
      qos: 1,
      retain: false,
    },
    {
      id: 'panelRequest',
      address: t.panelRequest(device),
      title: 'Panel request',
      description: 'A door panel action: book_now, check_in, extend, end, report_fault (and time).',
      schema: panelRequestPayload,
      action: 'receive',
      qos: 1,
      retain: false,
    },
    {
      id: 'panelResponse',
      address: t.panelResponse(device),
      title: 'Panel response',
      description: "The hub's answer to a panel request; id echoes the request's.",
      schema: panelResponsePayload,
      action: 'send',
      qos: 1,
      retain: false,
    },
    {
      id: 'roomState',
      address: t.roomState(room),
      title: 'Room state',
      description: 'Republished on every change and at least once a minute, retained; seq grows by one with each.',
      schema: roomStatePayload,
      action: 'send',
      qos: 1,
      retain: true,
    },
    {
      id: 'roomEvent',
      address: t.roomEvent(room),
      title: 'Room event',
      description: 'What happened in a room: booked, checked_in, signed_in, released, ended...',
      schema: roomEventPayload,
      action: 'send',
      qos: 1,
      retain: false,
    },
  ];
}

export function asyncApiDocument(opts: { version: string; root?: string; mqttHost?: string; httpHost?: string }): Record<string, unknown> {
  const specs = channelSpecs(opts.root);
  const channels: Record<string, unknown> = {};
  const operations: Record<string, unknown> = {};
  const messages: Record<string, unknown> = {};
  for (const s of specs) {
    const params = [...s.address.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
    messages[s.id] = {
      name: s.id,
      title: s.title,
      contentType: 'application/json',
      // What the client writes (devices) or what the hub writes (its own messages).
      payload: payloadSchema(s.schema, s.action === 'receive' ? 'input' : 'output'),
    };
    channels[s.id] = {
      address: s.address,
      title: s.title,
      description: s.description,
      messages: { [s.id]: { $ref: `#/components/messages/${s.id}` } },
      parameters: Object.fromEntries(params.map((p) => [p, { description: p === 'device' ? 'a device id, [A-Za-z0-9_-]' : 'a room id, [A-Za-z0-9_-]' }])),
    };
    operations[`${s.action}${s.id[0]!.toUpperCase()}${s.id.slice(1)}`] = {
      action: s.action,
      channel: { $ref: `#/channels/${s.id}` },
      messages: [{ $ref: `#/channels/${s.id}/messages/${s.id}` }],
      bindings: { mqtt: { qos: s.qos, retain: s.retain, bindingVersion: '0.2.0' } },
    };
  }
  return {
    asyncapi: '3.0.0',
    info: {
      title: 'Meeting hub MQTT',
      version: opts.version,
      description:
        'The MQTT contract of the meeting hub (contract §2). Every client authenticates: username = device id, password = its token; ' +
        'read-only integration accounts use `integration:<id>` and may only receive room states and events.',
    },
    defaultContentType: 'application/json',
    servers: {
      mqtt: { host: opts.mqttHost ?? 'localhost:1883', protocol: 'mqtt', protocolVersion: '3.1.1', description: 'MQTT over TCP (HUB_MQTT_PORT)' },
      ws: { host: opts.httpHost ?? 'localhost:8080', pathname: '/mqtt', protocol: 'ws', description: 'MQTT over WebSocket on the HTTP port' },
    },
    channels,
    operations,
    components: { messages },
  };
}
