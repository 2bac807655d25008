/**
 * Contract §2 authorization, as pure functions of the device and the topic:
 * a device publishes only under its own id and its own kind's topic, and
 * subscribes only to its own room's topics and its own responses.
 */
import type { DeviceKindName } from '../../shared/enums.js';
import { ID_PATTERN, type Topics } from '../../shared/topics.js';

export interface DeviceIdentity {
  id: string;
  kind: DeviceKindName;
  roomId: string;
}

const PUBLISH_KIND: Record<string, DeviceKindName | 'any'> = {
  device_status: 'any',
  reader_tap: 'reader',
  sensor_occupancy: 'sensor',
  panel_request: 'panel',
};

export function mayPublish(topics: Topics, device: DeviceIdentity, topic: string): boolean {
  const parsed = topics.parse(topic);
  if (!parsed || !('device' in parsed) || parsed.device !== device.id) return false;
  const kind = PUBLISH_KIND[parsed.kind];
  return kind === 'any' || kind === device.kind;
}

export function maySubscribe(topics: Topics, device: DeviceIdentity, filter: string): boolean {
  const room = `${topics.root}/room/${device.roomId}`;
  const allowed = [
    `${room}/state`,
    `${room}/event`,
    `${room}/+`,
    `${room}/#`,
    topics.deviceStatus(device.id),
  ];
  if (device.kind === 'panel') allowed.push(topics.panelResponse(device.id));
  return allowed.includes(filter);
}

/**
 * Issue 13: an integration account reads room states and events, and whatever
 * topic prefixes the hub publishes for integrations (the Home Assistant
 * discovery prefix, the hub's availability): nothing a device sends (taps,
 * occupancy, requests, statuses), no panel response, and it publishes nothing.
 */
export interface IntegrationReadable {
  /** Topic prefixes (no wildcards) the hub publishes for integrations, e.g. `homeassistant`. */
  prefixes: readonly string[];
}

const ROOM_LEAVES = new Set(['state', 'event', '+']);

/** A subscription filter every match of which is a room state or event, or under a readable prefix. */
export function integrationMaySubscribe(topics: Topics, readable: IntegrationReadable, filter: string): boolean {
  if (underPrefix(readable, filter)) return true;
  if (!filter.startsWith(`${topics.root}/room/`)) return false;
  const [room, leaf, ...rest] = filter.slice(topics.root.length + '/room/'.length).split('/');
  if (room === '#') return leaf === undefined;
  if (room === undefined || (room !== '+' && !ID_PATTERN.test(room))) return false;
  if (leaf === '#') return rest.length === 0;
  return leaf !== undefined && ROOM_LEAVES.has(leaf) && rest.length === 0;
}

/** Checked again on every message handed to an integration (the filter check alone is one line of defence). */
export function integrationMayReceive(topics: Topics, readable: IntegrationReadable, topic: string): boolean {
  if (underPrefix(readable, topic)) return true;
  const parsed = topics.parse(topic);
  return parsed?.kind === 'room_state' || parsed?.kind === 'room_event';
}

function underPrefix(readable: IntegrationReadable, topicOrFilter: string): boolean {
  return readable.prefixes.some((p) => topicOrFilter === p || topicOrFilter.startsWith(`${p}/`));
}
