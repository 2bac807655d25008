import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { auditEntry, auditQuery } from '../../../shared/schemas/audit.js';
import { errorBody } from '../../../shared/schemas/common.js';
import { requireAdmin } from '../../app/actor.js';
import { type AppDeps, iso } from '../../app/deps.js';
import { actorOf } from '../auth-hook.js';

/** Who created, changed, revoked, approved what and when (issue 9): the event log, newest first. */
export const auditRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  app.get('/api/audit', { schema: { tags: ['audit'], querystring: auditQuery, response: { 200: z.array(auditEntry), 403: errorBody, 422: errorBody } } }, async (req) => {
    requireAdmin(actorOf(req));
    const q = req.query;
    const rows = await deps.reads.events.list({
      from: q.from ? Date.parse(q.from) : undefined,
      to: q.to ? Date.parse(q.to) : undefined,
      actor: q.actor,
      type: q.type,
      roomId: q.room,
      before: q.before,
      limit: q.limit,
    });
    return rows.map((e) => ({ id: e.id, at: iso(e.at), actor: e.actor, type: e.type, room: e.roomId, booking: e.bookingId, data: e.data }));
  });
};
