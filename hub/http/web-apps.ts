/** Serves the built web front ends (panel/dist) and the little config a panel needs first. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { PROJECT_ROOT } from '../paths.js';

const PANEL_DIST = join(PROJECT_ROOT, 'panel/dist');

export async function registerWebApps(app: FastifyInstance, panelConfig: { locale: string; topicRoot: string }) {
  app.get('/panel/config.json', { config: { public: true }, schema: { hide: true } }, async () => ({ ...panelConfig, mqttPath: '/mqtt' }));
  app.get('/', { schema: { hide: true } }, async (_req, reply) => reply.redirect('/panel/'));
  if (!existsSync(PANEL_DIST)) {
    app.log.warn('panel/dist is missing: run npm run build:panel');
    app.get('/panel/', { schema: { hide: true } }, async (_req, reply) =>
      reply.code(503).send({ code: 'internal', message: 'the door panel is not built: run npm run build:panel' }),
    );
    return;
  }
  await app.register(fastifyStatic, { root: PANEL_DIST, prefix: '/panel/', index: 'index.html' });
}
