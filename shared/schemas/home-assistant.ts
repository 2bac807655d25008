/**
 * Home Assistant MQTT discovery (issue 13): the documented keys of the
 * single-component discovery payload that the hub uses, as Home Assistant's
 * MQTT integration documents them (home-assistant.io/integrations/mqtt,
 * binary_sensor.mqtt, sensor.mqtt). Strict: a key Home Assistant does not
 * document for that component is an error, not something it silently ignores.
 *
 * Topic: `<discovery_prefix>/<component>/[<node_id>/]<object_id>/config`,
 * retained; an empty retained payload removes the entity.
 */
import { z } from 'zod';

/** `[a-zA-Z0-9_-]`: the documented characters of node_id and object_id. */
export const haObjectId = z.string().regex(/^[a-zA-Z0-9_-]+$/);
/** An MQTT topic name the entity subscribes to: no wildcards. */
const stateTopic = z
  .string()
  .min(1)
  .regex(/^[^#+]+$/, 'a topic name, without wildcards');
/** A Jinja template (the `value_json` of the payload). */
const template = z.string().regex(/\{\{.*\}\}/s, 'a {{ ... }} template');

/** `device`: ties entities into the device registry (needs `unique_id`); at least identifiers or connections. */
export const haDevice = z.strictObject({
  identifiers: z.array(z.string().min(1)).min(1),
  name: z.string().min(1),
  manufacturer: z.string().optional(),
  model: z.string().optional(),
  sw_version: z.string().optional(),
  suggested_area: z.string().optional(),
  configuration_url: z.url().optional(),
  via_device: z.string().optional(),
});

/** `origin`: what published the discovery message (recommended by the docs; shown in the logs). */
export const haOrigin = z.strictObject({
  name: z.string().min(1),
  sw_version: z.string().optional(),
  support_url: z.url().optional(),
});

/** Options every MQTT entity component documents. */
const entityBase = {
  name: z.string().nullable(),
  unique_id: z.string().min(1),
  state_topic: stateTopic,
  value_template: template.optional(),
  device: haDevice,
  origin: haOrigin.optional(),
  availability_topic: stateTopic.optional(),
  payload_available: z.string().optional(),
  payload_not_available: z.string().optional(),
  json_attributes_topic: stateTopic.optional(),
  json_attributes_template: template.optional(),
  icon: z
    .string()
    .regex(/^mdi:[a-z0-9-]+$/)
    .optional(),
  qos: z.union([z.literal(0), z.literal(1), z.literal(2)]).optional(),
  entity_category: z.enum(['config', 'diagnostic']).optional(),
  enabled_by_default: z.boolean().optional(),
  force_update: z.boolean().optional(),
  expire_after: z.number().int().positive().optional(),
};

/** binary_sensor.mqtt: `payload_on` / `payload_off` (default `ON` / `OFF`), a binary sensor device class. */
export const haBinarySensorConfig = z.strictObject({
  ...entityBase,
  payload_on: z.string().optional(),
  payload_off: z.string().optional(),
  device_class: z.enum(['occupancy', 'presence', 'motion', 'door', 'problem', 'connectivity', 'running']).optional(),
  off_delay: z.number().int().positive().optional(),
});

/** sensor.mqtt: an `enum` device class lists its `options` (and has no unit or state class). */
export const haSensorConfig = z
  .strictObject({
    ...entityBase,
    device_class: z.enum(['enum', 'timestamp', 'duration']).optional(),
    options: z.array(z.string().min(1)).min(1).optional(),
    unit_of_measurement: z.string().optional(),
    state_class: z.enum(['measurement', 'total', 'total_increasing']).optional(),
  })
  .refine((c) => (c.device_class === 'enum') === (c.options !== undefined), 'options go with device_class enum, and only with it')
  .refine((c) => c.device_class !== 'enum' || (c.unit_of_measurement === undefined && c.state_class === undefined), 'an enum sensor has no unit or state class');

export type HaDevice = z.infer<typeof haDevice>;
export type HaBinarySensorConfig = z.infer<typeof haBinarySensorConfig>;
export type HaSensorConfig = z.infer<typeof haSensorConfig>;
