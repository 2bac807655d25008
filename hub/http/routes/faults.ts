import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { fault, faultQuery } from '../../../shared/schemas/http.js';
import { type AppDeps, iso } from '../../app/deps.js';

/** R9: reported faults, for the administration office to follow to repair. */
export const faultRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  app.get('/api/faults', { schema: { tags: ['faults'], querystring: faultQuery, response: { 200: z.array(fault) } } }, async (req) =>
    (await deps.reads.faults.list({ roomId: req.query.room, status: req.query.status })).map((f) => ({
      id: f.id,
      room: f.roomId,
      equipment: f.equipment,
      description: f.description,
      status: f.status,
      reportedBy: f.reportedBy,
      createdAt: iso(f.createdAt),
      resolvedAt: f.resolvedAt === null ? null : iso(f.resolvedAt),
    })),
  );
};
