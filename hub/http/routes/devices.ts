import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { device, deviceCreate, deviceCreated } from '../../../shared/schemas/http.js';
import { entityId, errorBody } from '../../../shared/schemas/common.js';
import { requireAdmin } from '../../app/actor.js';
import { type AppDeps, iso } from '../../app/deps.js';
import type { FastifyRequest } from 'fastify';
import { provisionDevice, reissueToken, revokeDevice } from '../../app/devices.js';
import { captureBadge } from '../../app/badge-capture.js';
import { actorOf } from '../auth-hook.js';
import { deviceDto } from '../dto.js';
import type { DeviceRecord } from '../../app/ports.js';
import { deviceHealth, HEALTH_ORDER } from '../../domain/device-health.js';

const errors = { 403: errorBody, 404: errorBody, 409: errorBody, 422: errorBody };
const deviceParams = z.object({ device: entityId });
const captureBadgeBody = z.strictObject({ timeoutSeconds: z.number().int().min(1).max(120).optional() }).optional();
const capturedBadge = z.object({ uid: z.string(), at: z.string() });

export const deviceRoutes: FastifyPluginAsyncZod<{
  deps: AppDeps;
  /** HUB_PUBLIC_URL: the address tablets reach the hub at, when it differs from the request's Host. */
  publicUrl?: string;
}> = async (app, { deps, publicUrl }) => {
  /** The token once, and for a panel the link that opens it provisioned (the token in the fragment, never sent to a server). */
  const withToken = (req: FastifyRequest, d: DeviceRecord, token: string) => {
    const base = publicUrl ?? `${req.protocol}://${req.headers.host ?? 'localhost'}`;
    const provisioningUrl =
      d.kind === 'panel' ? `${base.replace(/\/$/, '')}/panel/#${new URLSearchParams({ device: d.id, token, room: d.roomId })}` : undefined;
    return { ...dto(d), token, ...(provisioningUrl ? { provisioningUrl } : {}) };
  };

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
    return reply.code(201).send(withToken(req, d, token));
  });

  app.post('/api/devices/:device/token', { schema: { tags: ['devices'], params: deviceParams, response: { 200: deviceCreated, ...errors } } }, async (req) => {
    const { device: d, token } = await reissueToken(deps, req.params.device, actorOf(req));
    return withToken(req, d, token);
  });

  // Badge enrolment by tap (issue 9): answers with the next unknown card tapped on this reader.
  app.post(
    '/api/devices/:device/capture-badge',
    { schema: { tags: ['devices'], params: deviceParams, body: captureBadgeBody, response: { 200: capturedBadge, 408: errorBody, ...errors } } },
    async (req) => {
      const abort = new AbortController();
      req.raw.once('close', () => abort.abort()); // the admin gave up: stop waiting
      const b = await captureBadge(deps, req.params.device, (req.body?.timeoutSeconds ?? 60) * 1000, actorOf(req), abort.signal);
      return { uid: b.uid, at: iso(b.at) };
    },
  );

  // Contract §3: revoking drops the device's connection (the broker listens for `device.revoked`).
  app.delete('/api/devices/:device', { schema: { tags: ['devices'], params: deviceParams, response: { 200: device, ...errors } } }, async (req) =>
    dto(await revokeDevice(deps, req.params.device, actorOf(req))),
  );
};
