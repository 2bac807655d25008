import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { user, userCreate, userPatch, userQuery } from '../../../shared/schemas/http.js';
import { errorBody } from '../../../shared/schemas/common.js';
import type { AppDeps } from '../../app/deps.js';
import type { UserRecord } from '../../app/ports.js';
import { createUser, deactivateUser, updateUser } from '../../app/users.js';
import { NotFoundError } from '../../domain/errors.js';
import { actorOf, userOf } from '../auth-hook.js';
import { userDto } from '../dto.js';

const params = z.object({ id: z.string().min(1).max(128) });
const errors = { 403: errorBody, 404: errorBody, 409: errorBody, 422: errorBody };

export const userRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  // A badge UID is a credential at the door: only the administration office sees others'.
  const visible = (me: UserRecord, u: UserRecord) => {
    const dto = userDto(u);
    return me.role === 'admin' || u.id === me.id ? dto : { ...dto, badgeUid: null, email: null };
  };

  // Active people by default; `?active=false` the deactivated, `?active=all` everyone.
  app.get('/api/users', { schema: { tags: ['users'], querystring: userQuery, response: { 200: z.array(user) } } }, async (req) => {
    const me = userOf(req);
    const which = req.query.active ?? 'true';
    return (await deps.reads.users.list())
      .filter((u) => which === 'all' || (u.deactivatedAt === null) === (which === 'true'))
      .map((u) => visible(me, u));
  });

  app.post('/api/users', { schema: { tags: ['users'], body: userCreate, response: { 201: user, ...errors } } }, async (req, reply) => {
    const created = await createUser(deps, { ...req.body, id: req.body.id ?? undefined }, actorOf(req));
    return reply.code(201).send(userDto(created));
  });

  app.get('/api/users/:id', { schema: { tags: ['users'], params, response: { 200: user, 404: errorBody } } }, async (req) => {
    const u = await deps.reads.users.byId(req.params.id);
    if (!u) throw new NotFoundError('user', req.params.id);
    return visible(userOf(req), u);
  });

  app.patch('/api/users/:id', { schema: { tags: ['users'], params, body: userPatch, response: { 200: user, ...errors } } }, async (req) =>
    userDto(await updateUser(deps, req.params.id, req.body, actorOf(req))),
  );

  app.delete('/api/users/:id', { schema: { tags: ['users'], params, response: { 200: user, ...errors } } }, async (req) =>
    userDto(await deactivateUser(deps, req.params.id, actorOf(req))),
  );
};
