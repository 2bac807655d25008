/**
 * Serves the built web front ends, two separate Vite builds: the door panel at
 * /panel/ (panel/dist) and the office web app at `/` with its assets under /app/
 * (panel/dist-app, contract §6), and the little config both need first.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { PROJECT_ROOT } from '../paths.js';

const PANEL_DIST = join(PROJECT_ROOT, 'panel/dist');
const APP_DIST = join(PROJECT_ROOT, 'panel/dist-app');

export interface PanelConfig {
  locale: string;
  topicRoot: string;
  /** MQTT over TCP, for the address shown to people setting up readers and sensors. */
  mqttPort: () => number;
  publicUrl?: string;
}

export async function registerWebApps(app: FastifyInstance, panelConfig: PanelConfig) {
  const { mqttPort, publicUrl, ...shared } = panelConfig;
  app.get('/panel/config.json', { config: { public: true }, schema: { hide: true } }, async (req) => {
    // The host devices reach: HUB_PUBLIC_URL's when set (behind a proxy), else the one this page came from.
    const host = publicUrl ? new URL(publicUrl).hostname : req.hostname.replace(/:\d+$/, '');
    return { ...shared, mqttPath: '/mqtt', mqttUrl: `mqtt://${host.includes(':') ? `[${host}]` : host}:${mqttPort()}` };
  });
  // Contract §6: "the admin part may live at /admin/": one address for it, the app at /.
  app.get('/admin/', { schema: { hide: true } }, async (_req, reply) => reply.redirect('/'));
  const appHtml = join(APP_DIST, 'app.html');
  if (!existsSync(join(PANEL_DIST, 'index.html')) || !existsSync(appHtml)) {
    app.log.warn('panel/dist or panel/dist-app is missing: run npm run build:panel');
    const notBuilt = (what: string) => async (_req: unknown, reply: { code(n: number): { send(b: unknown): unknown } }) =>
      reply.code(503).send({ code: 'internal', message: `the ${what} is not built: run npm run build:panel` });
    app.get('/', { schema: { hide: true } }, notBuilt('web app'));
    app.get('/panel/', { schema: { hide: true } }, notBuilt('door panel'));
    return;
  }
  // Read once: the built page only changes with a new build (and a restart).
  const page = readFileSync(appHtml);
  app.get('/', { schema: { hide: true } }, async (_req, reply) =>
    reply.header('cache-control', 'no-cache').type('text/html; charset=utf-8').send(page),
  );
  await app.register(fastifyStatic, { root: PANEL_DIST, prefix: '/panel/', index: 'index.html' });
  await app.register(fastifyStatic, { root: join(APP_DIST, 'assets'), prefix: '/app/assets/', index: false, decorateReply: false });
}
