import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { user, userCreate } from '../../../shared/schemas/http.js';
import { requireAdmin } from '../../app/auth.js';
import { type AppDeps, newId } from '../../app/deps.js';
import { hashPassword } from '../../app/secrets.js';
import { ConflictError } from '../../domain/errors.js';
import { userOf } from '../auth-hook.js';
import { userDto } from '../dto.js';

export const userRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  app.get('/api/users', { schema: { tags: ['users'], response: { 200: z.array(user) } } }, async (req) => {
    // A badge UID is a credential at the door: only the administration office sees others'.
    const me = userOf(req);
    return (await deps.store.users.list()).map((u) => {
      const dto = userDto(u);
      return me.role === 'admin' || u.id === me.id ? dto : { ...dto, badgeUid: null };
    });
  });

  app.post('/api/users', { schema: { tags: ['users'], body: userCreate, response: { 201: user } } }, async (req, reply) => {
    const actor = userOf(req);
    requireAdmin(actor);
    const b = req.body;
    if (await deps.store.users.byUsername(b.username)) throw new ConflictError(`username ${b.username} is taken`);
    if (b.badgeUid && (await deps.store.users.byBadge(b.badgeUid))) throw new ConflictError(`badge ${b.badgeUid} belongs to someone else`);
    const id = b.id ?? newId('u');
    if (await deps.store.users.byId(id)) throw new ConflictError(`user ${id} already exists`);
    const created = await deps.store.users.create({
      id,
      username: b.username,
      name: b.name,
      role: b.role,
      department: b.department ?? null,
      badgeUid: b.badgeUid ?? null,
      passwordHash: b.password ? await hashPassword(b.password) : null,
    });
    await deps.store.events.append({ at: deps.clock.now(), actor: `user:${actor.id}`, type: 'user.created', data: { id } });
    return reply.code(201).send(userDto(created));
  });
};
