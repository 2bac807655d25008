/** Serves the built web front ends (panel/dist) and the little config a panel needs first. */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

const PANEL_DIST = join(dirname(fileURLToPath(import.meta.url)), '../../panel/dist');

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
