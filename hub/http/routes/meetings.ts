import '@fastify/multipart';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { fileTypeFromBuffer } from 'file-type';
import { z } from 'zod';
import { errorBody } from '../../../shared/schemas/common.js';
import {
  actionCreate,
  action as actionBody,
  agenda,
  agendaItem,
  agendaItemCreate,
  agendaItemPatch,
  attendanceMark,
  ballotCast,
  decision,
  decisionCreate,
  material,
  meeting,
  meetingRolesPatch,
  nextMeetingPropose,
  vote,
  voteCreate,
} from '../../../shared/schemas/meetings.js';
import { booking as bookingBody } from '../../../shared/schemas/http.js';
import type { AppDeps } from '../../app/deps.js';
import { addAgendaItem, changeAgendaItem, readAgenda, removeAgendaItem } from '../../app/meetings/agenda.js';
import { meetingContext } from '../../app/meetings/context.js';
import { attachMaterial, listMaterials, readMaterial, removeMaterial } from '../../app/meetings/materials.js';
import { castBallot, closeVote, openVote, recordAction, recordDecision } from '../../app/meetings/outcomes.js';
import { markAttendance, setMeetingRoles } from '../../app/meetings/people.js';
import { proposeNextMeeting } from '../../app/meetings/wrap-up.js';
import { InvalidError } from '../../domain/errors.js';
import { actorOf, userOf } from '../auth-hook.js';
import { bookingDtoFor } from '../dto.js';
import { actionDto, agendaItemDto, decisionDto, materialDto, meetingDto, voteDto } from '../meeting-dto.js';

const id = z.string().min(1).max(128);
const params = z.object({ id });
const errors = { 403: errorBody, 404: errorBody, 409: errorBody, 422: errorBody };
const tags = ['meetings'];

/** Contract §8: the meeting around a booking (policy chapters 1-3): roles, agenda, materials, votes, decisions, actions, wrap-up. */
export const meetingRoutes: FastifyPluginAsyncZod<{ deps: AppDeps; materialMaxBytes: number }> = async (app, { deps, materialMaxBytes }) => {
  const read = <T>(fn: (store: Parameters<Parameters<AppDeps['tx']['read']>[0]>[0]) => Promise<T>) => deps.tx.read(fn);

  app.get('/api/bookings/:id/meeting', { schema: { tags, params, response: { 200: meeting, ...errors } } }, async (req) =>
    read(async (store) => {
      const ctx = await meetingContext(store, req.params.id, actorOf(req));
      ctx.require('read');
      return meetingDto(ctx, deps.policy);
    }),
  );

  // G2: delegate, minute taker, departments copied (C3).
  app.patch('/api/bookings/:id/meeting', { schema: { tags, params, body: meetingRolesPatch, response: { 200: meeting, ...errors } } }, async (req) => {
    await setMeetingRoles(deps, req.params.id, req.body, actorOf(req));
    return read(async (store) => meetingDto(await meetingContext(store, req.params.id, actorOf(req)), deps.policy));
  });

  // M5, C7: the agenda with section (a) carried over from the series.
  app.get('/api/bookings/:id/agenda', { schema: { tags, params, response: { 200: agenda, ...errors } } }, async (req) => {
    const now = deps.clock.now();
    const view = await readAgenda(deps, req.params.id, actorOf(req));
    const p = view.previous;
    return {
      booking: req.params.id,
      sections: view.sections.map((s) => ({ section: s.section, key: s.key, items: s.items.map(agendaItemDto) })),
      carriedOver: {
        previousMeeting: p && {
          booking: p.booking.id,
          title: p.booking.title,
          start: new Date(p.booking.start).toISOString(),
          minutesStatus: p.minutes?.status ?? 'not_started',
          minutes: p.mayRead && p.minutes?.status === 'approved' ? p.minutes.text : null,
          confirmations: p.confirmations,
        },
        overdueActions: view.overdue.map((a) => actionDto(a, now)),
      },
    };
  });
  app.post('/api/bookings/:id/agenda', { schema: { tags, params, body: agendaItemCreate, response: { 201: agendaItem, ...errors } } }, async (req, reply) => {
    const b = req.body;
    const item = await addAgendaItem(deps, req.params.id, { section: b.section, title: b.title, notes: b.notes, presenterId: b.presenter }, actorOf(req));
    return reply.code(201).send(agendaItemDto(item));
  });
  const itemParams = z.object({ id, item: id });
  app.patch('/api/bookings/:id/agenda/:item', { schema: { tags, params: itemParams, body: agendaItemPatch, response: { 200: agendaItem, ...errors } } }, async (req) => {
    const b = req.body;
    return agendaItemDto(await changeAgendaItem(deps, req.params.id, req.params.item, { section: b.section, position: b.position, title: b.title, notes: b.notes, presenterId: b.presenter }, actorOf(req)));
  });
  app.delete('/api/bookings/:id/agenda/:item', { schema: { tags, params: itemParams, response: { 204: z.null(), ...errors } } }, async (req, reply) => {
    await removeAgendaItem(deps, req.params.id, req.params.item, actorOf(req));
    return reply.code(204).send(null);
  });

  // M4, G3: the sign-in list kept by the host.
  app.put('/api/bookings/:id/attendance/:user', { schema: { tags, params: z.object({ id, user: id }), body: attendanceMark, response: { 204: z.null(), ...errors } } }, async (req, reply) => {
    const b = req.body;
    await markAttendance(deps, req.params.id, req.params.user, { status: b.status, leftAt: b.leftAt === undefined ? undefined : b.leftAt === null ? null : Date.parse(b.leftAt), leaveGranted: b.leaveGranted }, actorOf(req));
    return reply.code(204).send(null);
  });

  // M8: the next meeting, proposed and (by default) booked.
  app.post('/api/bookings/:id/next', { schema: { tags, params, body: nextMeetingPropose, response: { 200: z.object({ meeting, booking: bookingBody.nullable() }), ...errors } } }, async (req) => {
    const b = req.body;
    const r = await proposeNextMeeting(deps, req.params.id, { topic: b.topic, start: Date.parse(b.start), end: Date.parse(b.end), roomId: b.room, book: b.book }, actorOf(req));
    return {
      meeting: await read(async (store) => meetingDto(await meetingContext(store, req.params.id, actorOf(req)), deps.policy)),
      booking: r.booking && bookingDtoFor(userOf(req), r.booking),
    };
  });

  // M3: materials (multipart upload, one file).
  app.get('/api/bookings/:id/materials', { schema: { tags, params, response: { 200: z.array(material), ...errors } } }, async (req) =>
    (await listMaterials(deps, req.params.id, actorOf(req))).map(materialDto),
  );
  app.post('/api/bookings/:id/materials', { schema: { tags, params, consumes: ['multipart/form-data'], response: { 201: material, 413: errorBody, ...errors } } }, async (req, reply) => {
    const file = await req.file({ limits: { fileSize: materialMaxBytes, files: 1, fields: 0, parts: 1 } });
    if (!file) throw new InvalidError('send one file as multipart/form-data', { field: 'file' });
    const bytes = new Uint8Array(await file.toBuffer()); // past the limit: 413, nothing stored
    const detected = (await fileTypeFromBuffer(bytes))?.mime;
    const m = await attachMaterial(deps, req.params.id, { name: file.filename, bytes, detected }, actorOf(req));
    return reply.code(201).send(materialDto(m));
  });
  const materialParams = z.object({ id, material: id });
  app.get('/api/bookings/:id/materials/:material', { schema: { tags, params: materialParams } }, async (req, reply) => {
    const m = await readMaterial(deps, req.params.id, req.params.material, actorOf(req));
    // Always a download, never rendered by the browser in the app's origin.
    return reply
      .header('content-type', m.mimeType)
      .header('content-disposition', `attachment; filename="${m.name.replace(/[^\x20-\x7e]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(m.name)}`)
      .header('x-content-type-options', 'nosniff')
      .header('content-security-policy', "default-src 'none'; sandbox")
      .header('cache-control', 'private, no-store')
      .send(Buffer.from(m.content));
  });
  app.delete('/api/bookings/:id/materials/:material', { schema: { tags, params: materialParams, response: { 204: z.null(), ...errors } } }, async (req, reply) => {
    await removeMaterial(deps, req.params.id, req.params.material, actorOf(req));
    return reply.code(204).send(null);
  });

  // M6: votes.
  app.get('/api/bookings/:id/votes', { schema: { tags, params, response: { 200: z.array(vote), ...errors } } }, async (req) =>
    read(async (store) => {
      (await meetingContext(store, req.params.id, actorOf(req))).require('read');
      const votes = await store.votes.list(req.params.id);
      return Promise.all(votes.map(async (v) => voteDto(v, (await store.votes.ballots(v.id)).map((b) => b.userId))));
    }),
  );
  app.post('/api/bookings/:id/votes', { schema: { tags, params, body: voteCreate, response: { 201: vote, ...errors } } }, async (req, reply) => {
    const v = await openVote(deps, req.params.id, { question: req.body.question, options: req.body.options, agendaItemId: req.body.agendaItem }, actorOf(req));
    return reply.code(201).send(voteDto(v, []));
  });
  const voteParams = z.object({ id, vote: id });
  app.post('/api/bookings/:id/votes/:vote/ballots', { schema: { tags, params: voteParams, body: ballotCast, response: { 204: z.null(), ...errors } } }, async (req, reply) => {
    await castBallot(deps, req.params.id, req.params.vote, req.body.choice, actorOf(req));
    return reply.code(204).send(null);
  });
  app.post('/api/bookings/:id/votes/:vote/close', { schema: { tags, params: voteParams, response: { 200: vote, ...errors } } }, async (req) => {
    const v = await closeVote(deps, req.params.id, req.params.vote, actorOf(req));
    return voteDto(v, await read(async (store) => (await store.votes.ballots(v.id)).map((b) => b.userId)));
  });

  // G5, M7: decisions (owner and deadline required) and actions.
  app.get('/api/bookings/:id/decisions', { schema: { tags, params, response: { 200: z.array(decision), ...errors } } }, async (req) =>
    read(async (store) => {
      (await meetingContext(store, req.params.id, actorOf(req))).require('read');
      const actions = await store.actions.list({ bookingId: req.params.id });
      return (await store.decisions.list(req.params.id)).map((d) => decisionDto(d, actions.find((a) => a.decisionId === d.id)?.id ?? null));
    }),
  );
  app.post('/api/bookings/:id/decisions', { schema: { tags, params, body: decisionCreate, response: { 201: decision, ...errors } } }, async (req, reply) => {
    const b = req.body;
    const r = await recordDecision(deps, req.params.id, { text: b.text, ownerId: b.owner, deadline: Date.parse(b.deadline), agendaItemId: b.agendaItem, voteId: b.vote }, actorOf(req));
    return reply.code(201).send(decisionDto(r.decision, r.action.id));
  });
  app.get('/api/bookings/:id/actions', { schema: { tags, params, response: { 200: z.array(actionBody), ...errors } } }, async (req) =>
    read(async (store) => {
      (await meetingContext(store, req.params.id, actorOf(req))).require('read');
      const now = deps.clock.now();
      return (await store.actions.list({ bookingId: req.params.id })).map((a) => actionDto(a, now));
    }),
  );
  app.post('/api/bookings/:id/actions', { schema: { tags, params, body: actionCreate, response: { 201: actionBody, ...errors } } }, async (req, reply) => {
    const b = req.body;
    const a = await recordAction(deps, req.params.id, { text: b.text, ownerId: b.owner, deadline: Date.parse(b.deadline), agendaItemId: b.agendaItem }, actorOf(req));
    return reply.code(201).send(actionDto(a, deps.clock.now()));
  });
};
