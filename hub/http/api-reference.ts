/**
 * The interactive API reference at `/docs` (issue 13): @fastify/swagger-ui over
 * the OpenAPI document @fastify/swagger builds from the zod schemas. Its
 * scripts, styles and icons come from the package itself, so the page works on
 * a site without internet access; the validator badge (a request to
 * validator.swagger.io) is switched off and the CSP keeps everything on the hub.
 */
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';

export const API_REFERENCE_PATH = '/docs';

/**
 * WCAG 2.1 AA contrast (1.4.3): Swagger UI draws white on light method colours
 * and light links; the same hues, darkened to at least 4.5:1.
 */
const METHOD_COLOURS: Record<string, string> = { get: '#1f5f9e', post: '#17754b', put: '#8a4b00', patch: '#0f6e5f', delete: '#b0201f', head: '#6b2fa3', options: '#1f4f7a' };
const CONTRAST_CSS = [
  '.swagger-ui .info .title small { background: #4a5260; }',
  '.swagger-ui .info .title small.version-stamp { background: #2f7a0f; }',
  '.swagger-ui .info a, .swagger-ui .info .url, .swagger-ui a.nostyle, .swagger-ui .info__tos a { color: #1f5f9e; }',
  '.swagger-ui .btn.authorize { color: #17754b; border-color: #17754b; }',
  '.swagger-ui .btn.authorize svg { fill: #17754b; }',
  ...Object.entries(METHOD_COLOURS).map(([m, c]) => `.swagger-ui .opblock.opblock-${m} .opblock-summary-method { background: ${c}; }`),
].join('\n');

export async function registerApiReference(app: FastifyInstance): Promise<void> {
  await app.register(swaggerUi, {
    routePrefix: API_REFERENCE_PATH,
    staticCSP: {
      'default-src': ["'self'"],
      'base-uri': ["'self'"],
      'connect-src': ["'self'"],
      'font-src': ["'self'", 'data:'],
      'img-src': ["'self'", 'data:'],
      'object-src': ["'none'"],
      'script-src': ["'self'"],
      'style-src': ["'self'", "'unsafe-inline'"],
      'frame-ancestors': ["'self'"],
    },
    theme: { title: 'Meeting hub API', css: [{ filename: 'contrast.css', content: CONTRAST_CSS }] },
    // BaseLayout: no top bar (its "explore" box fetches any URL typed into it, and has no label).
    // deepLinking off: it puts a link inside each operation's button (WCAG 4.1.2, nested controls).
    uiConfig: { validatorUrl: null, layout: 'BaseLayout', deepLinking: false, persistAuthorization: false, tryItOutEnabled: false },
  });
}
