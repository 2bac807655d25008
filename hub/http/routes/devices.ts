import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { device, deviceCreate, deviceCreated } from '../../../shared/schemas/http.js';
import { entityId, errorBody } from '../../../shared/schemas/common.js';
import { requireAdmin } from '../../app/actor.js';
import type { AppDeps } from '../../app/deps.js';
import { provisionDevice, revokeDevice } from '../../app/devices.js';
import { actorOf } from '../auth-hook.js';
import { deviceDto } from '../dto.js';
import type { DeviceRecord } from '../../app/ports.js';
import { deviceHealth, HEALTH_ORDER } from '../../domain/device-health.js';

const errors = { 403: errorBody, 404: errorBody, 409: errorBody, 422: errorBody };

export const deviceRoutes: FastifyPluginAsyncZod<{
  deps: AppDeps;
  /** HUB_PUBLIC_URL: the address tablets reach the hub at, when it differs from the request's Host. */
  publicUrl?: string;
}> = async (app, { deps, publicUrl }) => {
  // Contract §6: health per device, the ones needing attention first.
  const dto = (d: DeviceRecord) => {
    const connected = deps.activity.isConnected(d.id);
    return deviceDto(d, deviceHealth(d, connected, deps.clock.now(), deps.deviceStaleMs), connected);
  };
  app.get('/api/devices', { schema: { tags: ['devices'], response: { 200: z.array(device), 403: errorBody } } }, async (req) => {
    requireAdmin(actorOf(req));
    return (await deps.reads.devices.list()).map(dto).sort((a, b) => HEALTH_ORDER[a.health] - HEALTH_ORDER[b.health] || (a.id < b.id ? -1 : 1));
  });

  app.post('/api/devices', { schema: { tags: ['devices'], body: deviceCreate, response: { 201: deviceCreated, ...errors } } }, async (req, reply) => {
    const { device: d, token } = await provisionDevice(deps, { kind: req.body.kind, roomId: req.body.room, id: req.body.id, name: req.body.name }, actorOf(req));
    // The token goes in the URL fragment, which browsers never send to a server.
    const base = publicUrl ?? `${req.protocol}://${req.headers.host ?? 'localhost'}`;
    const provisioningUrl =
      d.kind === 'panel' ? `${base.replace(/\/$/, '')}/panel/#${new URLSearchParams({ device: d.id, token, room: d.roomId })}` : undefined;
    return reply.code(201).send({ ...dto(d), token, ...(provisioningUrl ? { provisioningUrl } : {}) });
  });

  // Contract §3: revoking drops the device's connection (the broker listens for `device.revoked`).
  app.delete('/api/devices/:device', { schema: { tags: ['devices'], params: z.object({ device: entityId }), response: { 200: device, ...errors } } }, async (req) =>
    dto(await revokeDevice(deps, req.params.device, actorOf(req))),
  );
};
