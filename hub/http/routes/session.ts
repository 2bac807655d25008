import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sessionCreate, sessionCreated, sessionInfo } from '../../../shared/schemas/http.js';
import { tokenOf, userOf } from '../auth-hook.js';
import { errorBody } from '../../../shared/schemas/common.js';
import { login, logout } from '../../app/auth.js';
import type { AppDeps } from '../../app/deps.js';
import type { LoginGuard } from '../../domain/login-guard.js';
import { userDto } from '../dto.js';

export const SESSION_COOKIE = 'hub_session';

export const sessionRoutes: FastifyPluginAsyncZod<{ deps: AppDeps; guard: LoginGuard }> = async (app, { deps, guard }) => {
  app.post(
    '/api/session',
    {
      config: { public: true },
      schema: { tags: ['session'], summary: 'Sign in', body: sessionCreate, response: { 200: sessionCreated, 401: errorBody, 429: errorBody } },
    },
    async (req, reply) => {
      // req.ip: the socket's address, or the proxy's X-Forwarded-For with HUB_TRUST_PROXY.
      const { token, user } = await login(deps, guard, req.body.username, req.body.password, req.ip);
      reply.setCookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'strict', path: '/', secure: req.protocol === 'https' });
      return { token, user: userDto(user) };
    },
  );

  app.get('/api/session', { schema: { tags: ['session'], summary: 'Who is signed in', response: { 200: sessionInfo, 401: errorBody } } }, async (req) => ({
    user: userDto(userOf(req)),
    now: new Date(deps.clock.now()).toISOString(),
  }));

  app.delete('/api/session', { schema: { tags: ['session'], summary: 'Sign out', response: { 204: z.null() } } }, async (req, reply) => {
    const token = tokenOf(req);
    if (token) await logout(deps, token);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.code(204).send(null);
  });
};
