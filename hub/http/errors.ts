/**
 * HTTP errors (contract §3): JSON `{code, message, details?}` with the status
 * of hub/error-model.ts; never an HTML page or a stack trace. Every 5xx is
 * logged with its cause and counted.
 */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { DomainError } from '../domain/errors.js';
import { classifyError } from '../error-model.js';
import type { HubMetrics } from '../metrics.js';

export function errorHandler(metrics: HubMetrics) {
  return (err: FastifyError, req: FastifyRequest, reply: FastifyReply) => {
    if (hasZodFastifySchemaValidationErrors(err)) {
      metrics.errors.inc({ transport: 'http', code: 'invalid' });
      return reply.code(422).send({
        code: 'invalid',
        message: `invalid ${err.validationContext ?? 'request'}`,
        details: err.validation.map((v) => {
          // An unknown field is named by zod in its message's keys; the path is its parent.
          // The zod issue, spread into `params` with its code as `keyword`.
          const issue: ZodIssueLike = { ...(v.params as ZodIssueLike | undefined), code: v.keyword };
          const keys = issue.keys;
          const path = v.instancePath.replace(/^\//, '').replace(/\//g, '.');
          // `issue` and its bound: what a user interface needs to say it in the reader's language.
          return { field: keys?.length ? [path, ...keys].filter(Boolean).join('.') : path, message: v.message, ...issueOf(issue) };
        }),
      });
    }
    if (!(err instanceof DomainError) && typeof err.statusCode === 'number' && err.statusCode < 500) {
      // Fastify's own client errors: bad JSON, wrong content type, a body over the limit.
      const code = err.statusCode === 413 ? 'too_large' : err.statusCode === 429 ? 'rate_limited' : 'invalid';
      metrics.errors.inc({ transport: 'http', code });
      return reply.code(err.statusCode).send({ code, message: err.message });
    }
    const c = classifyError(err);
    metrics.errors.inc({ transport: 'http', code: c.code });
    if (c.status >= 500) req.log.error({ err, method: req.method, url: req.url }, 'request failed');
    if (c.retryAfterS !== undefined) reply.header('retry-after', String(c.retryAfterS));
    return reply.code(c.status).send({ code: c.code, message: c.message, ...(c.details !== undefined ? { details: c.details } : {}) });
  };
}

interface ZodIssueLike {
  code?: string;
  keys?: string[];
  minimum?: number | bigint;
  maximum?: number | bigint;
  origin?: string;
  format?: string;
}

function issueOf(issue: ZodIssueLike | undefined) {
  if (!issue?.code) return {};
  const bound = (x: number | bigint | undefined) => (x === undefined ? undefined : Number(x));
  return {
    issue: issue.code,
    ...(issue.minimum !== undefined ? { minimum: bound(issue.minimum) } : {}),
    ...(issue.maximum !== undefined ? { maximum: bound(issue.maximum) } : {}),
    ...(issue.origin ? { origin: issue.origin } : {}),
    ...(issue.format ? { format: issue.format } : {}),
  };
}

export function notFoundHandler(req: FastifyRequest, reply: FastifyReply) {
  return reply.code(404).send({ code: 'not_found', message: `no route ${req.method} ${req.url.split('?')[0]}` });
}
