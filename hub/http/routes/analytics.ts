import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { analytics, analyticsQuery } from '../../../shared/schemas/analytics.js';
import { errorBody } from '../../../shared/schemas/common.js';
import { usageOf } from '../../app/analytics.js';
import { type AppDeps, iso } from '../../app/deps.js';
import { usageCsv } from '../../domain/analytics.js';
import { actorOf } from '../auth-hook.js';

/** Contract §7: GET /api/analytics (JSON, or CSV with `format=csv` or `Accept: text/csv`). */
export const analyticsRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  app.get('/api/analytics', { schema: { tags: ['analytics'], querystring: analyticsQuery, response: { 200: analytics, 422: errorBody } } }, async (req, reply) => {
    const from = Date.parse(req.query.from);
    const to = Date.parse(req.query.to);
    const u = await usageOf(deps, { from, to, roomId: req.query.room }, actorOf(req));
    if (req.query.format === 'csv' || (req.query.format === undefined && /text\/csv/.test(req.headers.accept ?? ''))) {
      reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', `attachment; filename="usage-${req.query.from.slice(0, 10)}-${req.query.to.slice(0, 10)}.csv"`);
      return reply.serializer((s: unknown) => s as string).send(usageCsv(u) as never);
    }
    return { from: iso(from), to: iso(to), ...u };
  });
};
