import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { sessionCreate, sessionCreated } from '../../../shared/schemas/http.js';
import { errorBody } from '../../../shared/schemas/common.js';
import { type LoginThrottle, login } from '../../app/auth.js';
import type { AppDeps } from '../../app/deps.js';
import { userDto } from '../dto.js';

export const SESSION_COOKIE = 'hub_session';

export const sessionRoutes: FastifyPluginAsyncZod<{ deps: AppDeps; throttle: LoginThrottle }> = async (app, { deps, throttle }) => {
  app.post(
    '/api/session',
    {
      config: { public: true },
      schema: { tags: ['session'], summary: 'Sign in', body: sessionCreate, response: { 200: sessionCreated, 401: errorBody } },
    },
    async (req, reply) => {
      const { token, user } = await login(deps, throttle, req.body.username, req.body.password, (ms) => new Promise((r) => setTimeout(r, ms)));
      reply.setCookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'strict', path: '/', secure: req.protocol === 'https' });
      return { token, user: userDto(user) };
    },
  );
};
