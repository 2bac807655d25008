/** Issue 13: read-only MQTT accounts for integrations, managed by an admin. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { entityId, errorBody } from '../../../shared/schemas/common.js';
import { integration, integrationCreate, integrationCreated } from '../../../shared/schemas/http.js';
import { type AppDeps, iso } from '../../app/deps.js';
import { createIntegration, integrationUsername, listIntegrations, revokeIntegration } from '../../app/integrations.js';
import type { IntegrationRecord } from '../../app/ports.js';
import { actorOf } from '../auth-hook.js';

const errors = { 403: errorBody, 404: errorBody, 409: errorBody, 422: errorBody };
const params = z.object({ integration: entityId });

const dto = (i: IntegrationRecord) => ({
  id: i.id,
  name: i.name,
  mqttUsername: integrationUsername(i.id),
  createdAt: iso(i.createdAt),
  revokedAt: i.revokedAt === null ? null : iso(i.revokedAt),
});

export const integrationRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  app.get('/api/integrations', { schema: { tags: ['integrations'], response: { 200: z.array(integration), 403: errorBody } } }, async (req) => (await listIntegrations(deps, actorOf(req))).map(dto));

  app.post(
    '/api/integrations',
    {
      schema: {
        tags: ['integrations'],
        description: 'A read-only MQTT account: room states and events only. The token is shown once.',
        body: integrationCreate,
        response: { 201: integrationCreated, ...errors },
      },
    },
    async (req, reply) => {
      const { integration: i, token } = await createIntegration(deps, req.body, actorOf(req));
      return reply.code(201).send({ ...dto(i), token });
    },
  );

  app.delete('/api/integrations/:integration', { schema: { tags: ['integrations'], params, response: { 200: integration, ...errors } } }, async (req) =>
    dto(await revokeIntegration(deps, req.params.integration, actorOf(req))),
  );
};
