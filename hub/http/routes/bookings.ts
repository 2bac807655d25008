import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { booking, bookingCreate, bookingDetail, bookingQuery } from '../../../shared/schemas/http.js';
import { errorBody } from '../../../shared/schemas/common.js';
import { applyEvent } from '../../app/apply-transition.js';
import { createBooking } from '../../app/create-booking.js';
import type { AppDeps } from '../../app/deps.js';
import { NotAllowedError, NotFoundError } from '../../domain/errors.js';
import { userOf } from '../auth-hook.js';
import { attendanceDto, bookingDto } from '../dto.js';

const params = z.object({ id: z.string().min(1).max(128) });
const CLOSED = new Set(['completed', 'released', 'cancelled']);

export const bookingRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  const load = async (id: string) => {
    const b = await deps.store.bookings.get(id);
    if (!b) throw new NotFoundError('booking', id);
    return b;
  };

  app.post(
    '/api/bookings',
    { schema: { tags: ['bookings'], body: bookingCreate, response: { 201: booking, 200: booking, 409: errorBody, 422: errorBody } } },
    async (req, reply) => {
      const user = userOf(req);
      const b = req.body;
      const { booking: created, replayed } = await createBooking(
        deps,
        {
          roomId: b.room,
          title: b.title,
          start: Date.parse(b.start),
          end: Date.parse(b.end),
          headcount: b.headcount,
          hostId: b.host,
          attendees: b.attendees,
          type: b.type,
          private: b.private,
          idempotencyKey: b.idempotencyKey ?? (req.headers['idempotency-key'] as string | undefined),
        },
        { ref: `user:${user.id}`, user },
      );
      return reply.code(replayed ? 200 : 201).send(bookingDto(created));
    },
  );

  app.get('/api/bookings', { schema: { tags: ['bookings'], querystring: bookingQuery, response: { 200: z.array(booking) } } }, async (req) => {
    const q = req.query;
    const list = await deps.store.bookings.list({
      roomId: q.room,
      from: q.from ? Date.parse(q.from) : undefined,
      to: q.to ? Date.parse(q.to) : undefined,
      status: q.status,
      limit: 1000,
    });
    return list.map(bookingDto);
  });

  app.get('/api/bookings/:id', { schema: { tags: ['bookings'], params, response: { 200: bookingDetail } } }, async (req) => {
    const b = await load(req.params.id);
    const closed = CLOSED.has(b.status) || b.end <= deps.clock.now();
    const attendance = await deps.store.attendance.list(b.id);
    return { ...bookingDto(b), attendance: attendance.map((a) => attendanceDto(a, closed)) };
  });

  app.post('/api/bookings/:id/cancel', { schema: { tags: ['bookings'], params, response: { 200: booking } } }, async (req) => {
    const user = userOf(req);
    const b = await load(req.params.id);
    if (user.role !== 'admin' && user.id !== b.hostId && `user:${user.id}` !== b.createdBy) {
      throw new NotAllowedError('only the host, the booker or an admin may cancel');
    }
    const r = await applyEvent(deps, b, { type: 'cancel' }, `user:${user.id}`);
    if (r.result.kind === 'refused') throw r.result.error;
    return bookingDto(r.applied ? r.booking : await load(b.id));
  });
};
