/** The one place that maps typed errors to HTTP status codes and JSON bodies (contract §3). */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import type { ErrorCode } from '../../shared/enums.js';
import { DomainError } from '../domain/errors.js';
import { UnauthorizedError } from '../app/auth.js';

export const STATUS_BY_CODE: Record<ErrorCode, number> = {
  conflict: 409,
  outside_opening_hours: 422,
  over_capacity: 422,
  not_allowed: 403,
  invalid: 422,
  not_found: 404,
  unauthorized: 401,
  rate_limited: 429,
  internal: 500,
};

export function errorHandler(err: FastifyError, req: FastifyRequest, reply: FastifyReply) {
  if (hasZodFastifySchemaValidationErrors(err)) {
    return reply.code(422).send({
      code: 'invalid',
      message: `invalid ${err.validationContext ?? 'request'}`,
      details: err.validation.map((v) => ({ field: v.instancePath.replace(/^\//, '').replace(/\//g, '.'), message: v.message })),
    });
  }
  if (err instanceof DomainError) {
    return reply.code(STATUS_BY_CODE[err.code]).send({ code: err.code, message: err.message, ...(err.details ? { details: err.details } : {}) });
  }
  if (err instanceof UnauthorizedError) return reply.code(401).send({ code: 'unauthorized', message: err.message });
  if (err.statusCode && err.statusCode < 500) {
    // Fastify's own client errors: bad JSON, wrong content type, body too large.
    return reply.code(err.statusCode).send({ code: err.statusCode === 429 ? 'rate_limited' : 'invalid', message: err.message });
  }
  req.log.error({ err }, 'request failed');
  return reply.code(500).send({ code: 'internal', message: 'internal error' });
}

export function notFoundHandler(req: FastifyRequest, reply: FastifyReply) {
  return reply.code(404).send({ code: 'not_found', message: `no route ${req.method} ${req.url.split('?')[0]}` });
}
