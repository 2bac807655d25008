import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { booking, bookingCheck, bookingCheckRequest, bookingCreate, bookingDetail, bookingPatch, bookingQuery } from '../../../shared/schemas/http.js';
import { checkBookingRequest } from '../../app/find-rooms.js';
import { errorBody } from '../../../shared/schemas/common.js';
import { cancelBooking, endBooking } from '../../app/close-booking.js';
import { approveBooking, pendingApprovals, rejectBooking } from '../../app/approvals.js';
import { createBooking } from '../../app/create-booking.js';
import type { AppDeps } from '../../app/deps.js';
import { updateBooking } from '../../app/update-booking.js';
import { NotFoundError } from '../../domain/errors.js';
import { maySeeContent } from '../../domain/visibility.js';
import { actorOf, userOf } from '../auth-hook.js';
import { attendanceDto, bookingDtoFor } from '../dto.js';

const params = z.object({ id: z.string().min(1).max(128) });
const CLOSED = new Set(['completed', 'released', 'cancelled']);
const errors = { 403: errorBody, 404: errorBody, 409: errorBody, 422: errorBody };

export const bookingRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  app.post(
    '/api/bookings',
    { schema: { tags: ['bookings'], body: bookingCreate, response: { 201: booking, 202: booking, 200: booking, ...errors } } },
    async (req, reply) => {
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
        actorOf(req),
      );
      // R15: a booking outside opening hours is accepted as 202 and waits for approval.
      return reply.code(replayed ? 200 : created.status === 'pending_approval' ? 202 : 201).send(bookingDtoFor(userOf(req), created));
    },
  );

  // The check shown while a booking is filled in (M1, R3, R14, R15): nothing is booked.
  app.post('/api/bookings/check', { schema: { tags: ['bookings'], body: bookingCheckRequest, response: { 200: bookingCheck, 422: errorBody } } }, async (req) => {
    const b = req.body;
    return checkBookingRequest(deps, { roomId: b.room, title: b.title, start: Date.parse(b.start), end: Date.parse(b.end), headcount: b.headcount, hostId: b.host, attendees: b.attendees, type: b.type }, actorOf(req), b.replaces);
  });

  app.get('/api/bookings', { schema: { tags: ['bookings'], querystring: bookingQuery, response: { 200: z.array(booking) } } }, async (req) => {
    const q = req.query;
    const list = await deps.reads.bookings.list({
      roomId: q.room,
      from: q.from ? Date.parse(q.from) : undefined,
      to: q.to ? Date.parse(q.to) : undefined,
      status: q.status,
      ...(q.mine === 'true' ? { person: userOf(req).id } : {}),
      limit: 1000,
    });
    const viewer = userOf(req);
    return list.map((b) => bookingDtoFor(viewer, b));
  });

  app.get('/api/bookings/:id', { schema: { tags: ['bookings'], params, response: { 200: bookingDetail, 404: errorBody } } }, async (req) => {
    const b = await deps.reads.bookings.get(req.params.id);
    if (!b) throw new NotFoundError('booking', req.params.id);
    const viewer = userOf(req);
    const closed = CLOSED.has(b.status) || b.end <= deps.clock.now();
    // G4: who attended a private meeting is part of its content.
    const attendance = maySeeContent(viewer, b) ? await deps.reads.attendance.list(b.id) : [];
    return { ...bookingDtoFor(viewer, b), attendance: attendance.map((a) => attendanceDto(a, closed)) };
  });

  app.patch('/api/bookings/:id', { schema: { tags: ['bookings'], params, body: bookingPatch, response: { 200: booking, ...errors } } }, async (req) => {
    const p = req.body;
    const updated = await updateBooking(
      deps,
      req.params.id,
      {
        title: p.title,
        start: p.start ? Date.parse(p.start) : undefined,
        end: p.end ? Date.parse(p.end) : undefined,
        headcount: p.headcount,
        private: p.private,
        attendees: p.attendees,
      },
      actorOf(req),
    );
    return bookingDtoFor(userOf(req), updated);
  });

  app.post('/api/bookings/:id/cancel', { schema: { tags: ['bookings'], params, response: { 200: booking, ...errors } } }, async (req) =>
    bookingDtoFor(userOf(req), await cancelBooking(deps, req.params.id, actorOf(req))),
  );

  app.post('/api/bookings/:id/approve', { schema: { tags: ['bookings'], params, response: { 200: booking, ...errors } } }, async (req) =>
    bookingDtoFor(userOf(req), await approveBooking(deps, req.params.id, actorOf(req))),
  );

  app.post(
    '/api/bookings/:id/reject',
    // R15: a refusal says why (the host is mailed it): the reason is required.
    { schema: { tags: ['bookings'], params, body: z.strictObject({ note: z.string().trim().min(1).max(1000) }), response: { 200: booking, ...errors } } },
    async (req) => bookingDtoFor(userOf(req), await rejectBooking(deps, req.params.id, req.body.note, actorOf(req))),
  );

  // R15: the administration office's queue of after-hours requests.
  app.get('/api/approvals', { schema: { tags: ['bookings'], response: { 200: z.array(booking), 403: errorBody } } }, async (req) =>
    (await pendingApprovals(deps, actorOf(req))).map((b) => bookingDtoFor(userOf(req), b)),
  );

  app.post('/api/bookings/:id/end', { schema: { tags: ['bookings'], params, response: { 200: booking, ...errors } } }, async (req) =>
    bookingDtoFor(userOf(req), await endBooking(deps, req.params.id, actorOf(req))),
  );
};
