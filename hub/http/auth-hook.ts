/** Contract §3: every endpoint but health, session, openapi and metrics needs a session (cookie or bearer). */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { type Actor, userActor } from '../app/actor.js';
import { userForToken } from '../app/auth.js';
import type { AppDeps } from '../app/deps.js';
import type { UserRecord } from '../app/ports.js';
import { SESSION_COOKIE } from './routes/session.js';

declare module 'fastify' {
  interface FastifyRequest {
    user: UserRecord | null;
  }
  interface FastifyContextConfig {
    public?: boolean;
  }
}

export function tokenOf(req: FastifyRequest): string | null {
  const header = req.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice(7).trim();
  return req.cookies?.[SESSION_COOKIE] ?? null;
}

export function installAuthHook(app: FastifyInstance, deps: AppDeps) {
  app.decorateRequest('user', null);
  // onRequest: before the body is read, so an anonymous client cannot make the hub parse 256 KB.
  app.addHook('onRequest', async (req, reply) => {
    if (!req.url.startsWith('/api/') || req.routeOptions.config?.public) return;
    const token = tokenOf(req);
    const user = token ? await userForToken(deps, token) : null;
    if (!user) return reply.code(401).send({ code: 'unauthorized', message: 'sign in first (POST /api/session)' });
    req.user = user;
  });
}

/** The signed-in user; the hook guarantees it on non-public routes. */
export function userOf(req: FastifyRequest): UserRecord {
  if (!req.user) throw new Error('route needs a session');
  return req.user;
}

export function actorOf(req: FastifyRequest): Actor {
  return userActor(userOf(req));
}
