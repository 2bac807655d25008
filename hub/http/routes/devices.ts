import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { device, deviceCreate, deviceCreated } from '../../../shared/schemas/http.js';
import { entityId } from '../../../shared/schemas/common.js';
import { requireAdmin } from '../../app/auth.js';
import type { AppDeps } from '../../app/deps.js';
import { provisionDevice, revokeDevice } from '../../app/devices.js';
import { userOf } from '../auth-hook.js';
import { deviceDto } from '../dto.js';

export const deviceRoutes: FastifyPluginAsyncZod<{
  deps: AppDeps;
  disconnect: (deviceId: string) => void;
  /** HUB_PUBLIC_URL: the address tablets reach the hub at, when it differs from the request's Host. */
  publicUrl?: string;
}> = async (app, { deps, disconnect, publicUrl }) => {
  app.get('/api/devices', { schema: { tags: ['devices'], response: { 200: z.array(device) } } }, async (req) => {
    requireAdmin(userOf(req));
    return (await deps.store.devices.list()).map(deviceDto);
  });

  app.post('/api/devices', { schema: { tags: ['devices'], body: deviceCreate, response: { 201: deviceCreated } } }, async (req, reply) => {
    const user = userOf(req);
    requireAdmin(user);
    const { device: d, token } = await provisionDevice(
      deps,
      { kind: req.body.kind, roomId: req.body.room, id: req.body.id, name: req.body.name },
      `user:${user.id}`,
    );
    // The token goes in the URL fragment, which browsers never send to a server.
    const base = publicUrl ?? `${req.protocol}://${req.headers.host ?? 'localhost'}`;
    const provisioningUrl =
      d.kind === 'panel'
        ? `${base.replace(/\/$/, '')}/panel/#${new URLSearchParams({ device: d.id, token, room: d.roomId })}`
        : undefined;
    return reply.code(201).send({ ...deviceDto(d), token, ...(provisioningUrl ? { provisioningUrl } : {}) });
  });

  app.delete('/api/devices/:device', { schema: { tags: ['devices'], params: z.object({ device: entityId }), response: { 200: device } } }, async (req) => {
    const user = userOf(req);
    requireAdmin(user);
    const revoked = await revokeDevice(deps, req.params.device, `user:${user.id}`);
    disconnect(revoked.id); // contract §3: its connection is dropped
    return deviceDto(revoked);
  });
};
