import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorBody } from '../../../shared/schemas/common.js';
import { series, seriesCreate, seriesDeleteQuery, seriesPatch } from '../../../shared/schemas/series.js';
import { type AppDeps, iso } from '../../app/deps.js';
import type { BookingRecord, SeriesRecord } from '../../app/ports.js';
import { changeSeries, createSeries, endSeries, type OccurrenceOutcome, seriesWithOccurrences } from '../../app/series.js';
import { maySeeContent } from '../../domain/visibility.js';
import { PRIVATE_TITLE } from '../../app/room-state.js';
import { actorOf, userOf } from '../auth-hook.js';

const params = z.object({ id: z.string().min(1).max(128) });
const errors = { 403: errorBody, 404: errorBody, 409: errorBody, 422: errorBody };

const occurrenceDto = (o: OccurrenceOutcome) => ({
  start: iso(o.start),
  end: iso(o.end),
  ...(o.booking ? { bookingId: o.booking.id, status: o.booking.status } : {}),
  ...(o.conflict ? { conflict: o.conflict } : {}),
});
const bookingOccurrence = (b: BookingRecord) => ({ start: iso(b.start), end: iso(b.end), bookingId: b.id, status: b.status });

function seriesDto(viewer: { id: string; role: string }, s: SeriesRecord, occurrences: ReturnType<typeof occurrenceDto>[]) {
  const visible = maySeeContent(viewer, { private: s.private, hostId: s.hostId, attendees: s.attendees });
  return {
    id: s.id,
    room: s.roomId,
    host: s.hostId,
    title: visible ? s.title : PRIVATE_TITLE, // G4
    rrule: s.rrule,
    timeZone: s.timeZone,
    localStart: s.localStart,
    durationMinutes: s.durationMs / 60_000,
    headcount: s.headcount,
    attendees: visible ? s.attendees : [],
    private: s.private,
    endedFrom: s.endedFrom === null ? null : iso(s.endedFrom),
    occurrences,
  };
}

/** G1, contract §7: recurring series. */
export const seriesRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  app.post('/api/series', { schema: { tags: ['series'], body: seriesCreate, response: { 201: series, ...errors } } }, async (req, reply) => {
    const b = req.body;
    const { series: s, occurrences } = await createSeries(
      deps,
      { roomId: b.room, title: b.title, start: Date.parse(b.start), end: Date.parse(b.end), rrule: b.rrule, headcount: b.headcount, hostId: b.host, attendees: b.attendees, type: b.type, private: b.private },
      actorOf(req),
    );
    return reply.code(201).send(seriesDto(userOf(req), s, occurrences.map(occurrenceDto)));
  });

  app.get('/api/series/:id', { schema: { tags: ['series'], params, response: { 200: series, 404: errorBody } } }, async (req) => {
    const { series: s, bookings } = await seriesWithOccurrences(deps, req.params.id);
    return seriesDto(userOf(req), s, bookings.map(bookingOccurrence));
  });

  app.patch('/api/series/:id', { schema: { tags: ['series'], params, body: seriesPatch, response: { 200: series, ...errors } } }, async (req) => {
    const b = req.body;
    const outcomes = await changeSeries(deps, req.params.id, { from: Date.parse(b.from), title: b.title, attendees: b.attendees, headcount: b.headcount, private: b.private, time: b.time }, actorOf(req));
    const { series: s } = await seriesWithOccurrences(deps, req.params.id);
    return seriesDto(userOf(req), s, outcomes.map(occurrenceDto));
  });

  app.delete('/api/series/:id', { schema: { tags: ['series'], params, querystring: seriesDeleteQuery, response: { 200: series, ...errors } } }, async (req) => {
    const from = req.query.from ? Date.parse(req.query.from) : deps.clock.now();
    const cancelled = await endSeries(deps, req.params.id, from, actorOf(req));
    const { series: s } = await seriesWithOccurrences(deps, req.params.id);
    return seriesDto(userOf(req), s, cancelled.map(bookingOccurrence));
  });
};
