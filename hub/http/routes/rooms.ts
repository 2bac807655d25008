import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { availability, availabilityQuery, DEFAULT_OPENING_HOURS, room, roomCreate, roomFindQuery, roomFound, roomPatch, roomQuery } from '../../../shared/schemas/http.js';
import { findRooms } from '../../app/find-rooms.js';
import { entityId, errorBody } from '../../../shared/schemas/common.js';
import { roomAvailability } from '../../app/availability.js';
import { type AppDeps, iso } from '../../app/deps.js';
import { createRoom, updateRoom } from '../../app/rooms.js';
import { InvalidError, NotFoundError } from '../../domain/errors.js';
import { actorOf } from '../auth-hook.js';
import { roomDto } from '../dto.js';

const params = z.object({ room: entityId });
const MAX_RANGE_MS = 62 * 86_400_000;
const errors = { 403: errorBody, 404: errorBody, 409: errorBody, 422: errorBody };

export const roomRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  const load = async (id: string) => {
    const r = await deps.reads.rooms.get(id);
    if (!r) throw new NotFoundError('room', id);
    return r;
  };

  // Archived rooms are left out unless asked for (`?archived=true` or `all`).
  app.get('/api/rooms', { schema: { tags: ['rooms'], querystring: roomQuery, response: { 200: z.array(room) } } }, async (req) => {
    const which = req.query.archived ?? 'false';
    return (await deps.reads.rooms.list()).filter((r) => which === 'all' || (r.archivedAt !== null) === (which === 'true')).map(roomDto);
  });

  app.post('/api/rooms', { schema: { tags: ['rooms'], body: roomCreate, response: { 201: room, ...errors } } }, async (req, reply) => {
    const b = req.body;
    const created = await createRoom(
      deps,
      {
        id: b.id,
        name: b.name,
        capacity: b.capacity,
        equipment: b.equipment,
        timeZone: b.timeZone ?? deps.defaultTimeZone,
        openingHours: b.openingHours ?? DEFAULT_OPENING_HOURS,
        outOfService: b.outOfService ?? false,
        building: b.building ?? null,
        floor: b.floor ?? null,
        privateByDefault: b.privateByDefault ?? false,
      },
      actorOf(req),
    );
    return reply.code(201).send(roomDto(created));
  });

  app.get('/api/rooms/find', { schema: { tags: ['rooms'], querystring: roomFindQuery, response: { 200: z.array(roomFound), 422: errorBody } } }, async (req) => {
    const q = req.query;
    const found = await findRooms(deps, {
      start: Date.parse(q.start),
      end: Date.parse(q.end),
      headcount: q.headcount,
      equipment: q.equipment ? q.equipment.split(',').map((e) => e.trim()).filter(Boolean) : [],
      building: q.building,
      floor: q.floor,
    });
    return found.map((f) => ({ room: roomDto(f.room), needsApproval: f.room.afterHours, spareSeats: f.spareSeats, extraEquipment: f.extraEquipment, nearness: f.nearness }));
  });

  app.get('/api/rooms/:room', { schema: { tags: ['rooms'], params, response: { 200: room, 404: errorBody } } }, async (req) => roomDto(await load(req.params.room)));

  app.patch('/api/rooms/:room', { schema: { tags: ['rooms'], params, body: roomPatch, response: { 200: room, ...errors } } }, async (req) =>
    roomDto(await updateRoom(deps, req.params.room, req.body, actorOf(req))),
  );

  app.get(
    '/api/rooms/:room/availability',
    { schema: { tags: ['rooms'], params, querystring: availabilityQuery, response: { 200: availability, 404: errorBody, 422: errorBody } } },
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
