/** Issue 13: what a read-only integration account may subscribe to and receive (hub/mqtt/acl.ts). */
import { describe, expect, it } from 'vitest';
import { createTopics } from '../../shared/topics.js';
import { integrationMayReceive, integrationMaySubscribe } from '../../hub/mqtt/acl.js';

const topics = createTopics('meeting/v1');
const readable = { prefixes: ['homeassistant', 'meeting/v1/hub/availability'] };

describe('integration ACL', () => {
  it('allows filters that match only room states and events, or the readable prefixes', () => {
    for (const f of [
      'meeting/v1/room/+/state',
      'meeting/v1/room/alpha/event',
      'meeting/v1/room/#',
      'meeting/v1/room/+/#',
      'meeting/v1/room/+/+',
      'homeassistant/#',
      'homeassistant/binary_sensor/+/config',
      'meeting/v1/hub/availability',
    ]) {
      expect(integrationMaySubscribe(topics, readable, f), f).toBe(true);
    }
  });
  it('refuses every filter that could match a device topic, a response, or anything else', () => {
    for (const f of [
      '#',
      '+/#',
      'meeting/#',
      'meeting/v1/#',
      'meeting/v1/+/+/+',
      'meeting/v1/+/alpha/state',
      'meeting/v1/reader/+/tap',
      'meeting/v1/device/x/status',
      'meeting/v1/panel/p/response',
      'meeting/v1/room/alpha/state/#',
      'meeting/v1/room/alpha/tap',
      'meeting/v1/room/#/x',
      'meeting/v1/room/a b/state',
      'homeassistantx/#',
      '$SYS/#',
      'meeting/v1/hub/#',
    ]) {
      expect(integrationMaySubscribe(topics, readable, f), f).toBe(false);
    }
  });
  it('hands over only room states and events and the readable prefixes', () => {
    expect(integrationMayReceive(topics, readable, 'meeting/v1/room/alpha/state')).toBe(true);
    expect(integrationMayReceive(topics, readable, 'meeting/v1/room/alpha/event')).toBe(true);
    expect(integrationMayReceive(topics, readable, 'homeassistant/sensor/x/config')).toBe(true);
    for (const t of ['meeting/v1/reader/r/tap', 'meeting/v1/sensor/s/occupancy', 'meeting/v1/device/d/status', 'meeting/v1/panel/p/response', 'meeting/v1/panel/p/request', '$hub/refused/x']) {
      expect(integrationMayReceive(topics, readable, t), t).toBe(false);
    }
  });
});
