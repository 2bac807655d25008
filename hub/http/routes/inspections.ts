import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { entityId, errorBody } from '../../../shared/schemas/common.js';
import { inspection, inspectionCreate, inspectionPlan, inspectionPlanPut, inspectionQuery } from '../../../shared/schemas/inspections.js';
import { requireAdmin } from '../../app/actor.js';
import { type AppDeps, iso } from '../../app/deps.js';
import { inspectionStatuses, type PlanStatus, recordInspection, setInspectionPlan } from '../../app/inspections.js';
import type { InspectionRecord } from '../../app/ports.js';
import { NotFoundError } from '../../domain/errors.js';
import { actorOf } from '../auth-hook.js';

const params = z.object({ room: entityId });
const errors = { 403: errorBody, 404: errorBody, 409: errorBody, 422: errorBody };

const planDto = (s: PlanStatus) => ({
  room: s.plan.roomId,
  everyDays: s.plan.everyDays,
  checklist: s.plan.checklist,
  lastInspectedAt: s.lastInspectedAt === null ? null : iso(s.lastInspectedAt),
  dueAt: iso(s.dueAt),
  overdue: s.overdue,
  lastResult: s.lastResult,
});
const inspectionDto = (i: InspectionRecord) => ({ id: i.id, room: i.roomId, at: iso(i.at), by: i.by, result: i.result, items: i.items, notes: i.notes });

/** R11: safety inspections, the administration office's. */
export const inspectionRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  const room = async (id: string) => {
    const r = await deps.reads.rooms.get(id);
    if (!r) throw new NotFoundError('room', id);
    return r;
  };

  app.get('/api/inspections', { schema: { tags: ['inspections'], querystring: inspectionQuery, response: { 200: z.array(inspectionPlan), 403: errorBody } } }, async (req) => {
    requireAdmin(actorOf(req));
    const rooms = (await deps.reads.rooms.list()).filter((r) => r.archivedAt === null);
    const statuses = [...(await inspectionStatuses(deps, rooms.map((r) => r.id))).values()].sort((a, b) => a.dueAt - b.dueAt);
    const overdue = req.query.overdue;
    return statuses.filter((s) => overdue === undefined || s.overdue === (overdue === 'true')).map(planDto);
  });

  app.get('/api/rooms/:room/inspection-plan', { schema: { tags: ['inspections'], params, response: { 200: inspectionPlan, ...errors } } }, async (req) => {
    requireAdmin(actorOf(req));
    const r = await room(req.params.room);
    return planDto((await inspectionStatuses(deps, [r.id])).get(r.id)!);
  });

  app.put('/api/rooms/:room/inspection-plan', { schema: { tags: ['inspections'], params, body: inspectionPlanPut, response: { 200: inspectionPlan, ...errors } } }, async (req) => {
    await setInspectionPlan(deps, req.params.room, req.body, actorOf(req));
    return planDto((await inspectionStatuses(deps, [req.params.room])).get(req.params.room)!);
  });

  app.get('/api/rooms/:room/inspections', { schema: { tags: ['inspections'], params, response: { 200: z.array(inspection), ...errors } } }, async (req) => {
    requireAdmin(actorOf(req));
    const r = await room(req.params.room);
    return (await deps.reads.inspections.list(r.id)).map(inspectionDto);
  });

  app.post('/api/rooms/:room/inspections', { schema: { tags: ['inspections'], params, body: inspectionCreate, response: { 201: inspection, ...errors } } }, async (req, reply) => {
    const b = req.body;
    const done = await recordInspection(deps, req.params.room, { at: b.at ? Date.parse(b.at) : undefined, items: b.items, notes: b.notes }, actorOf(req));
    return reply.code(201).send(inspectionDto(done));
  });
};
