import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  availability,
  availabilityQuery,
  DEFAULT_OPENING_HOURS,
  room,
  roomCreate,
  roomPatch,
} from '../../../shared/schemas/http.js';
import { entityId } from '../../../shared/schemas/common.js';
import { requireAdmin } from '../../app/auth.js';
import { roomAvailability } from '../../app/availability.js';
import { type AppDeps, iso, newId } from '../../app/deps.js';
import { refreshRoomState } from '../../app/room-state.js';
import { ConflictError, InvalidError, NotFoundError } from '../../domain/errors.js';
import { userOf } from '../auth-hook.js';
import { roomDto } from '../dto.js';

const params = z.object({ room: entityId });
const MAX_RANGE_MS = 62 * 86_400_000;

export const roomRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  const load = async (id: string) => {
    const r = await deps.store.rooms.get(id);
    if (!r) throw new NotFoundError('room', id);
    return r;
  };

  app.get('/api/rooms', { schema: { tags: ['rooms'], response: { 200: z.array(room) } } }, async () =>
    (await deps.store.rooms.list()).map(roomDto),
  );

  app.post('/api/rooms', { schema: { tags: ['rooms'], body: roomCreate, response: { 201: room } } }, async (req, reply) => {
    requireAdmin(userOf(req)); // R1: administration allocates rooms
    const id = req.body.id ?? newId('room');
    if (await deps.store.rooms.get(id)) throw new ConflictError(`room ${id} already exists`);
    const created = await deps.store.rooms.create({
      id,
      name: req.body.name,
      capacity: req.body.capacity,
      equipment: req.body.equipment,
      timeZone: req.body.timeZone ?? deps.defaultTimeZone,
      openingHours: req.body.openingHours ?? DEFAULT_OPENING_HOURS,
      outOfService: req.body.outOfService ?? false,
    });
    await deps.store.events.append({ at: deps.clock.now(), actor: `user:${userOf(req).id}`, type: 'room.created', roomId: id });
    await refreshRoomState(deps, id, created);
    return reply.code(201).send(roomDto(created));
  });

  app.get('/api/rooms/:room', { schema: { tags: ['rooms'], params, response: { 200: room } } }, async (req) =>
    roomDto(await load(req.params.room)),
  );

  app.patch('/api/rooms/:room', { schema: { tags: ['rooms'], params, body: roomPatch, response: { 200: room } } }, async (req) => {
    requireAdmin(userOf(req));
    await load(req.params.room);
    const updated = await deps.store.rooms.update(req.params.room, req.body);
    await deps.store.events.append({ at: deps.clock.now(), actor: `user:${userOf(req).id}`, type: 'room.updated', roomId: updated.id, data: req.body });
    await refreshRoomState(deps, updated.id, updated);
    return roomDto(updated);
  });

  app.get(
    '/api/rooms/:room/availability',
    { schema: { tags: ['rooms'], params, querystring: availabilityQuery, response: { 200: availability } } },
    async (req) => {
      const r = await load(req.params.room);
      const from = Date.parse(req.query.from);
      const to = Date.parse(req.query.to);
      if (to <= from || to - from > MAX_RANGE_MS) throw new InvalidError('to must be after from, at most 62 days later');
      const free = await roomAvailability(deps, r, from, to);
      return { room: r.id, from: iso(from), to: iso(to), free: free.map((i) => ({ start: iso(i.start), end: iso(i.end) })) };
    },
  );
};
