import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorBody } from '../../../shared/schemas/common.js';
import { fault, faultCreate, faultPatch, faultQuery, OPEN_FAULT_STATUSES } from '../../../shared/schemas/faults.js';
import { requireAdmin } from '../../app/actor.js';
import type { AppDeps } from '../../app/deps.js';
import { changeFaultOf, reportFaultAsStaff } from '../../app/faults.js';
import { NotFoundError } from '../../domain/errors.js';
import { actorOf } from '../auth-hook.js';
import { faultDto } from '../dto.js';

const params = z.object({ id: z.string().min(1).max(128) });
const errors = { 403: errorBody, 404: errorBody, 409: errorBody, 422: errorBody };

/** R8-R10: the administration office's fault queue (contract §6). */
export const faultRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  app.get('/api/faults', { schema: { tags: ['faults'], querystring: faultQuery, response: { 200: z.array(fault), 403: errorBody } } }, async (req) => {
    requireAdmin(actorOf(req));
    const q = req.query;
    const statuses = q.status === 'open' ? OPEN_FAULT_STATUSES : q.status ? [q.status] : undefined;
    return (await deps.reads.faults.list({ roomId: q.room, statuses })).map(faultDto);
  });

  app.get('/api/faults/:id', { schema: { tags: ['faults'], params, response: { 200: fault, ...errors } } }, async (req) => {
    requireAdmin(actorOf(req));
    const f = await deps.reads.faults.get(req.params.id);
    if (!f) throw new NotFoundError('fault', req.params.id);
    return faultDto(f);
  });

  app.post('/api/faults', { schema: { tags: ['faults'], body: faultCreate, response: { 201: fault, ...errors } } }, async (req, reply) => {
    const b = req.body;
    const created = await reportFaultAsStaff(deps, { roomId: b.room, equipment: b.equipment, description: b.description, outOfService: b.outOfService }, actorOf(req));
    return reply.code(201).send(faultDto(created));
  });

  app.patch('/api/faults/:id', { schema: { tags: ['faults'], params, body: faultPatch, response: { 200: fault, ...errors } } }, async (req) =>
    faultDto(await changeFaultOf(deps, req.params.id, req.body, actorOf(req))),
  );
};
