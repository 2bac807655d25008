/**
 * Home Assistant MQTT discovery (issue 13, opt-in with HUB_HA_DISCOVERY): each
 * room is a device with three entities read from its retained room state
 * (contract §2): occupancy (a binary sensor, on while a meeting is in use),
 * state (an enum sensor of the room statuses) and the current meeting (its
 * title, already neutral for private meetings, G4). Configs are retained under
 * `<prefix>/<component>/<object_id>/config`; an archived room's are cleared
 * with an empty retained payload. The hub's availability topic says `online`
 * while it runs and `offline` once it stopped cleanly.
 */
import { ROOM_STATUSES } from '../../shared/enums.js';
import { type HaBinarySensorConfig, type HaSensorConfig, haBinarySensorConfig, haSensorConfig } from '../../shared/schemas/home-assistant.js';
import type { Topics } from '../../shared/topics.js';
import type { Logger } from '../app/deps.js';

export interface HaDiscoveryOptions {
  prefix: string;
  topics: Topics;
  version: string;
  publicUrl?: string;
}

interface RoomRef {
  id: string;
  name: string;
  archivedAt: number | null;
}

type Message = { topic: string; payload: HaBinarySensorConfig | HaSensorConfig };
type PublishText = (topic: string, text: string, opts: { retain: boolean; kind: string }) => Promise<void>;

/** The hub's availability topic, retained: `online` while it runs. */
export const availabilityTopic = (topics: Topics) => `${topics.root}/hub/availability`;

const objectId = (room: string, entity: string) => `meeting_hub_${room}_${entity}`;

/** The three discovery messages of a room, each validated against the documented schema before it leaves. */
export function discoveryMessages(room: Pick<RoomRef, 'id' | 'name'>, o: HaDiscoveryOptions): Message[] {
  const common = {
    state_topic: o.topics.roomState(room.id),
    availability_topic: availabilityTopic(o.topics),
    payload_available: 'online',
    payload_not_available: 'offline',
    device: {
      identifiers: [`meeting_hub_${room.id}`],
      name: room.name,
      manufacturer: 'Meeting hub',
      model: 'Meeting room',
      sw_version: o.version,
      suggested_area: room.name,
      ...(o.publicUrl ? { configuration_url: o.publicUrl } : {}),
    },
    origin: { name: 'meeting-hub', sw_version: o.version },
  };
  const topic = (component: string, entity: string) => `${o.prefix}/${component}/${objectId(room.id, entity)}/config`;
  return [
    {
      topic: topic('binary_sensor', 'occupancy'),
      payload: haBinarySensorConfig.parse({
        ...common,
        name: 'Occupancy',
        unique_id: objectId(room.id, 'occupancy'),
        device_class: 'occupancy',
        value_template: "{{ 'ON' if value_json.status == 'in_use' else 'OFF' }}",
        payload_on: 'ON',
        payload_off: 'OFF',
      }),
    },
    {
      topic: topic('sensor', 'state'),
      payload: haSensorConfig.parse({
        ...common,
        name: 'State',
        unique_id: objectId(room.id, 'state'),
        device_class: 'enum',
        options: [...ROOM_STATUSES],
        value_template: '{{ value_json.status }}',
        icon: 'mdi:door',
      }),
    },
    {
      topic: topic('sensor', 'meeting'),
      payload: haSensorConfig.parse({
        ...common,
        name: 'Current meeting',
        unique_id: objectId(room.id, 'meeting'),
        // The title (neutral for a private meeting); empty when no meeting is on.
        value_template: "{{ value_json.current.title if value_json.current else '' }}",
        json_attributes_topic: o.topics.roomState(room.id),
        json_attributes_template: '{{ (value_json.current or {}) | tojson }}',
        icon: 'mdi:calendar-account',
      }),
    },
  ];
}

export class HaDiscovery {
  constructor(
    private readonly o: HaDiscoveryOptions,
    private readonly publish: PublishText,
    private readonly log: Logger,
  ) {}

  /** Announces every room (and clears the archived ones), then says the hub is online. */
  async start(rooms: readonly RoomRef[]): Promise<void> {
    for (const room of rooms) await this.roomChanged(room);
    await this.publish(availabilityTopic(this.o.topics), 'online', { retain: true, kind: 'ha_availability' });
  }

  async roomChanged(room: RoomRef): Promise<void> {
    for (const m of discoveryMessages(room, this.o)) {
      const text = room.archivedAt === null ? JSON.stringify(m.payload) : '';
      await this.publish(m.topic, text, { retain: true, kind: 'ha_discovery' });
    }
    this.log.debug({ room: room.id, archived: room.archivedAt !== null }, 'home assistant discovery published');
  }

  async stop(): Promise<void> {
    await this.publish(availabilityTopic(this.o.topics), 'offline', { retain: true, kind: 'ha_availability' });
  }
}
