/** The HTTP adapter: Fastify with zod schemas, OpenAPI generated from them, sessions and metrics. */
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import swagger from '@fastify/swagger';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, LogController } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { z } from 'zod';
import { asyncApiDocument } from '../../shared/asyncapi.js';
import type { AppDeps } from '../app/deps.js';
import { LoginGuard } from '../domain/login-guard.js';
import type { HubMetrics } from '../metrics.js';
import { registerApiReference } from './api-reference.js';
import { installAuthHook } from './auth-hook.js';
import { errorHandler, notFoundHandler } from './errors.js';
import { bookingRoutes } from './routes/bookings.js';
import { faultRoutes } from './routes/faults.js';
import { auditRoutes } from './routes/audit.js';
import { inspectionRoutes } from './routes/inspections.js';
import { seriesRoutes } from './routes/series.js';
import { calendarRoutes } from './routes/calendars.js';
import { analyticsRoutes } from './routes/analytics.js';
import { siteRoutes } from './routes/site.js';
import type { SiteFeed } from '../app/site-view.js';
import { meetingRoutes } from './routes/meetings.js';
import { minutesRoutes } from './routes/minutes.js';
import { type PanelConfig, registerWebApps } from './web-apps.js';
import { deviceRoutes } from './routes/devices.js';
import { integrationRoutes } from './routes/integrations.js';
import { roomRoutes } from './routes/rooms.js';
import { sessionRoutes } from './routes/session.js';
import { userRoutes } from './routes/users.js';

export interface HttpOptions {
  deps: AppDeps;
  metrics: HubMetrics;
  health: () => Record<string, unknown>;
  /** The hub's pino logger: every 5xx is logged with its cause. */
  logger: FastifyBaseLogger;
  /** HUB_TRUST_PROXY: take the client's address from X-Forwarded-For (behind a reverse proxy). */
  trustProxy: boolean | string;
  version: string;
  publicUrl?: string;
  /** The dashboard's live site view. */
  siteFeed: SiteFeed;
  /** What a door panel needs before it connects (served at /panel/config.json). */
  panelConfig: PanelConfig;
  /** M3: the largest material file (HUB_MATERIAL_MAX_SIZE). */
  materialMaxBytes: number;
}

export async function buildHttpServer(opts: HttpOptions): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: opts.logger,
    // Requests are measured in /metrics; the log keeps what went wrong.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: 256 * 1024,
    trustProxy: opts.trustProxy,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler(opts.metrics));
  app.setNotFoundHandler(notFoundHandler);

  await app.register(cookie);
  // M3: materials arrive as multipart/form-data; the route sets the size limit.
  await app.register(multipart, { limits: { files: 1, fields: 0, parts: 1, fileSize: opts.materialMaxBytes } });
  await app.register(swagger, {
    openapi: {
      info: { title: 'Meeting hub API', version: opts.version, description: 'Rooms, devices, users and bookings (contract §3).' },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer' },
          cookie: { type: 'apiKey', in: 'cookie', name: 'hub_session' },
        },
      },
      security: [{ bearer: [] }, { cookie: [] }],
    },
    transform: jsonSchemaTransform,
  });
  installAuthHook(app, opts.deps);

  app.addHook('onResponse', async (req, reply) => {
    opts.metrics.httpDuration.observe(
      { method: req.method, route: req.routeOptions.url ?? 'unmatched', status: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
  });

  app.get('/api/health', { config: { public: true }, schema: { tags: ['health'], response: { 200: z.object({ status: z.literal('ok') }).loose() } } }, async () => ({
    status: 'ok' as const,
    ...opts.health(),
  }));
  app.get('/api/openapi.json', { config: { public: true }, schema: { hide: true } }, async () => app.swagger());
  // Issue 13: the MQTT contract as AsyncAPI 3.0, from the same zod schemas.
  const asyncApi = asyncApiDocument({ version: opts.version, root: opts.panelConfig.topicRoot });
  app.get('/api/asyncapi.json', { config: { public: true }, schema: { hide: true } }, async () => asyncApi);
  await registerApiReference(app);
  app.get('/metrics', { config: { public: true }, schema: { hide: true } }, async (_req, reply) => {
    reply.header('content-type', opts.metrics.registry.contentType);
    return opts.metrics.registry.metrics();
  });

  await app.register(sessionRoutes, { deps: opts.deps, guard: new LoginGuard() });
  await app.register(roomRoutes, { deps: opts.deps });
  await app.register(deviceRoutes, { deps: opts.deps, publicUrl: opts.publicUrl });
  await app.register(userRoutes, { deps: opts.deps });
  await app.register(integrationRoutes, { deps: opts.deps });
  await app.register(bookingRoutes, { deps: opts.deps });
  await app.register(faultRoutes, { deps: opts.deps });
  await app.register(inspectionRoutes, { deps: opts.deps });
  await app.register(seriesRoutes, { deps: opts.deps });
  await app.register(calendarRoutes, { deps: opts.deps, publicUrl: opts.publicUrl });
  await app.register(analyticsRoutes, { deps: opts.deps });
  await app.register(meetingRoutes, { deps: opts.deps, materialMaxBytes: opts.materialMaxBytes });
  await app.register(minutesRoutes, { deps: opts.deps });
  await app.register(auditRoutes, { deps: opts.deps });
  await app.register(siteRoutes, { deps: opts.deps, feed: opts.siteFeed });
  await registerWebApps(app, opts.panelConfig);
  return app;
}

/**
 * Stops taking requests and waits for the ones in flight, but not for ever: a
 * client that stopped reading a large response (a download, the API reference's
 * bundle) would otherwise hold the hub's shutdown open. After `graceMs` the
 * remaining connections are cut.
 */
export async function closeHttpServer(app: FastifyInstance, graceMs = 3000): Promise<void> {
  const cut = setTimeout(() => app.server.closeAllConnections(), graceMs);
  try {
    await app.close();
  } finally {
    clearTimeout(cut);
  }
}
