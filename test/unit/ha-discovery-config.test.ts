/** Issue 13: HUB_HA_DISCOVERY and HUB_HA_DISCOVERY_PREFIX (hub/config.ts). */
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../hub/config.js';
import { discoveryMessages } from '../../hub/mqtt/ha-discovery.js';
import { createTopics } from '../../shared/topics.js';

describe('Home Assistant discovery settings', () => {
  it('is off by default, under homeassistant', () => {
    expect(loadConfig({}).haDiscovery).toEqual({ enabled: false, prefix: 'homeassistant' });
    expect(loadConfig({ HUB_HA_DISCOVERY: 'true', HUB_HA_DISCOVERY_PREFIX: 'ha/office' }).haDiscovery).toEqual({ enabled: true, prefix: 'ha/office' });
    expect(loadConfig({ HUB_HA_DISCOVERY: '1' }).haDiscovery.enabled).toBe(true);
  });
  it('refuses a prefix with wildcards or one that overlaps the device topics', () => {
    expect(() => loadConfig({ HUB_HA_DISCOVERY: 'yes' })).toThrow(ConfigError);
    expect(() => loadConfig({ HUB_HA_DISCOVERY_PREFIX: 'home/#' })).toThrow(/HUB_HA_DISCOVERY_PREFIX/);
    expect(() => loadConfig({ HUB_HA_DISCOVERY_PREFIX: 'meeting' })).toThrow(/overlaps HUB_TOPIC_ROOT/);
    expect(() => loadConfig({ HUB_HA_DISCOVERY_PREFIX: 'meeting/v1/ha' })).toThrow(/overlaps HUB_TOPIC_ROOT/);
  });
  it('puts the configs under the configured prefix, reading the configured topic root', () => {
    const msgs = discoveryMessages({ id: 'alpha', name: 'Alpha' }, { prefix: 'ha/office', topics: createTopics('acme/rooms'), version: '1.0.0' });
    expect(msgs.map((m) => m.topic)).toEqual([
      'ha/office/binary_sensor/meeting_hub_alpha_occupancy/config',
      'ha/office/sensor/meeting_hub_alpha_state/config',
      'ha/office/sensor/meeting_hub_alpha_meeting/config',
    ]);
    expect(new Set(msgs.map((m) => m.payload.state_topic))).toEqual(new Set(['acme/rooms/room/alpha/state']));
    expect(new Set(msgs.map((m) => m.payload.availability_topic))).toEqual(new Set(['acme/rooms/hub/availability']));
  });
});
