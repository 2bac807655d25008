/**
 * MQTT topic builders and parsers (contract §2). One place knows the topic
 * shapes; the hub, the panel and the simulator all use it.
 */
export const DEFAULT_TOPIC_ROOT = 'meeting/v1';

/** Device and room ids: `[A-Za-z0-9_-]` (contract §2). */
export const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

export type DeviceKind = 'panel' | 'reader' | 'sensor';

export type ParsedTopic =
  | { kind: 'device_status'; device: string }
  | { kind: 'reader_tap'; device: string }
  | { kind: 'sensor_occupancy'; device: string }
  | { kind: 'panel_request'; device: string }
  | { kind: 'panel_response'; device: string }
  | { kind: 'room_state'; room: string }
  | { kind: 'room_event'; room: string };

export interface Topics {
  readonly root: string;
  deviceStatus(device: string): string;
  readerTap(device: string): string;
  sensorOccupancy(device: string): string;
  panelRequest(device: string): string;
  panelResponse(device: string): string;
  roomState(room: string): string;
  roomEvent(room: string): string;
  parse(topic: string): ParsedTopic | null;
}

const DEVICE_TOPICS: Record<string, Record<string, ParsedTopic['kind']>> = {
  device: { status: 'device_status' },
  reader: { tap: 'reader_tap' },
  sensor: { occupancy: 'sensor_occupancy' },
  panel: { request: 'panel_request', response: 'panel_response' },
};
const ROOM_TOPICS: Record<string, ParsedTopic['kind']> = { state: 'room_state', event: 'room_event' };

export function createTopics(root: string = DEFAULT_TOPIC_ROOT): Topics {
  const base = root.replace(/\/+$/, '');
  const rootParts = base.split('/').length;
  return {
    root: base,
    deviceStatus: (d) => `${base}/device/${d}/status`,
    readerTap: (d) => `${base}/reader/${d}/tap`,
    sensorOccupancy: (d) => `${base}/sensor/${d}/occupancy`,
    panelRequest: (d) => `${base}/panel/${d}/request`,
    panelResponse: (d) => `${base}/panel/${d}/response`,
    roomState: (r) => `${base}/room/${r}/state`,
    roomEvent: (r) => `${base}/room/${r}/event`,
    parse(topic: string): ParsedTopic | null {
      if (!topic.startsWith(`${base}/`)) return null;
      const parts = topic.split('/').slice(rootParts);
      if (parts.length !== 3) return null;
      const [group, id, leaf] = parts as [string, string, string];
      if (!ID_PATTERN.test(id)) return null;
      if (group === 'room') {
        const kind = ROOM_TOPICS[leaf];
        return kind ? ({ kind, room: id } as ParsedTopic) : null;
      }
      const kind = DEVICE_TOPICS[group]?.[leaf];
      return kind ? ({ kind, device: id } as ParsedTopic) : null;
    },
  };
}
