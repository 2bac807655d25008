/**
 * Contract §2 authorization, as pure functions of the device and the topic:
 * a device publishes only under its own id and its own kind's topic, and
 * subscribes only to its own room's topics and its own responses.
 */
import type { DeviceKindName } from '../../shared/enums.js';
import type { Topics } from '../../shared/topics.js';

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
