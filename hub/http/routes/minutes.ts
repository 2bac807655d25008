import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorBody } from '../../../shared/schemas/common.js';
import {
  action as actionBody,
  actionPatch,
  actionQuery,
  archivedMinutes,
  minutes,
  minutesAttention,
  minutesConfirm,
  minutesPut,
  minutesQuery,
  minutesReturn,
  overdueByDepartment as overdueByDepartmentBody,
} from '../../../shared/schemas/meetings.js';
import { requireAdmin } from '../../app/actor.js';
import type { AppDeps } from '../../app/deps.js';
import { changeActionItem, getAction, listActions, overdueByDepartment } from '../../app/meetings/action-items.js';
import { lateMinutes, searchArchive } from '../../app/meetings/archive.js';
import { approveMinutes, confirmMinutes, readMinutes, returnMinutes, saveMinutes, submitMinutes } from '../../app/meetings/minutes.js';
import { actorOf } from '../auth-hook.js';
import { actionDto, minutesDto } from '../meeting-dto.js';

const id = z.string().min(1).max(128);
const params = z.object({ id });
const errors = { 403: errorBody, 404: errorBody, 409: errorBody, 422: errorBody };
const iso = (ms: number) => new Date(ms).toISOString();

/** Contract §8: minutes on deadline (M9, C1-C3), the archive and its search (C8-C10), and action items (C4-C7). */
export const minutesRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  const answer = async (bookingId: string, req: Parameters<typeof actorOf>[0]) => minutesDto(await readMinutes(deps, bookingId, actorOf(req)), deps.clock.now());

  app.get('/api/bookings/:id/minutes', { schema: { tags: ['minutes'], params, response: { 200: minutes, ...errors } } }, async (req) => answer(req.params.id, req));
  app.put('/api/bookings/:id/minutes', { bodyLimit: 1024 * 1024, schema: { tags: ['minutes'], params, body: minutesPut, response: { 200: minutes, ...errors } } }, async (req) => {
    await saveMinutes(deps, req.params.id, { text: req.body.text, minuteTakerId: req.body.minuteTaker, version: req.body.version }, actorOf(req));
    return answer(req.params.id, req);
  });
  app.post('/api/bookings/:id/minutes/submit', { schema: { tags: ['minutes'], params, response: { 200: minutes, ...errors } } }, async (req) => {
    await submitMinutes(deps, req.params.id, actorOf(req));
    return answer(req.params.id, req);
  });
  app.post('/api/bookings/:id/minutes/return', { schema: { tags: ['minutes'], params, body: minutesReturn, response: { 200: minutes, ...errors } } }, async (req) => {
    await returnMinutes(deps, req.params.id, req.body.reason, actorOf(req));
    return answer(req.params.id, req);
  });
  app.post('/api/bookings/:id/minutes/approve', { schema: { tags: ['minutes'], params, response: { 200: minutes, ...errors } } }, async (req) => {
    await approveMinutes(deps, req.params.id, actorOf(req));
    return answer(req.params.id, req);
  });
  app.post('/api/bookings/:id/minutes/confirm', { schema: { tags: ['minutes'], params, body: minutesConfirm, response: { 200: minutes, ...errors } } }, async (req) => {
    await confirmMinutes(deps, req.params.id, req.body.comment?.trim() || null, actorOf(req));
    return answer(req.params.id, req);
  });

  // C8: the archive, newest first; `q` searches Chinese and English.
  app.get('/api/minutes', { schema: { tags: ['minutes'], querystring: minutesQuery, response: { 200: z.array(archivedMinutes), 422: errorBody } } }, async (req) => {
    const q = req.query;
    const hits = await searchArchive(
      deps,
      { q: q.q?.trim() || undefined, from: q.from ? Date.parse(q.from) : undefined, to: q.to ? Date.parse(q.to) : undefined, roomId: q.room, department: q.department, limit: q.limit, offset: q.offset },
      actorOf(req),
    );
    return hits.map((h) => ({
      booking: h.minutes.bookingId,
      title: h.minutes.archive!.title,
      room: h.minutes.archive!.room.name,
      start: iso(h.minutes.archive!.start),
      end: iso(h.minutes.archive!.end),
      department: h.minutes.archive!.department,
      approvedAt: iso(h.minutes.approvedAt!),
      excerpt: h.excerpt,
    }));
  });
  // C2, C3: minutes late on a deadline, for the administration office's dashboard.
  app.get('/api/minutes/late', { schema: { tags: ['minutes'], response: { 200: minutesAttention, 403: errorBody } } }, async (req) => {
    requireAdmin(actorOf(req));
    const late = await lateMinutes(deps);
    const now = deps.clock.now();
    return deps.tx.read(async (store) =>
      Promise.all(
        late.map(async (m) => {
          const b = await store.bookings.get(m.bookingId);
          return {
            booking: m.bookingId,
            title: b?.title ?? m.bookingId,
            end: iso(m.meetingEnd),
            status: m.status,
            minuteTaker: m.minuteTakerId,
            host: b?.hostId ?? '',
            draftMissed: m.submittedAt === null ? now > m.draftDue : m.submittedAt > m.draftDue,
            distributeMissed: now > m.distributeDue,
          };
        }),
      ),
    );
  });

  // C4-C7: action items.
  app.get('/api/actions', { schema: { tags: ['actions'], querystring: actionQuery, response: { 200: z.array(actionBody), 422: errorBody } } }, async (req) => {
    const q = req.query;
    const actor = actorOf(req);
    const ownerId = q.mine === 'true' ? actor.user?.id : q.owner;
    const found = await listActions(deps, { ownerId, status: q.status, department: q.department, bookingId: q.booking, ...(q.overdue ? { overdue: q.overdue === 'true' } : {}) }, actor);
    return withMeetings(found);
  });
  app.get('/api/actions/overdue-by-department', { schema: { tags: ['actions'], response: { 200: overdueByDepartmentBody } } }, async (req) => overdueByDepartment(deps, actorOf(req)));
  app.get('/api/actions/:id', { schema: { tags: ['actions'], params, response: { 200: actionBody, ...errors } } }, async (req) => (await withMeetings([await getAction(deps, req.params.id, actorOf(req))]))[0]!);
  app.patch('/api/actions/:id', { schema: { tags: ['actions'], params, body: actionPatch, response: { 200: actionBody, ...errors } } }, async (req) => {
    const b = req.body;
    const a = await changeActionItem(
      deps,
      req.params.id,
      {
        status: b.status,
        plan: b.plan,
        progress: b.progress,
        problem: b.problem,
        report: b.report,
        overdueReason: b.overdueReason,
        remedy: b.remedy,
        answer: b.answer,
        evaluation: b.evaluation,
        ownerId: b.owner,
        deadline: b.deadline ? Date.parse(b.deadline) : undefined,
      },
      actorOf(req),
    );
    return (await withMeetings([a]))[0]!;
  });

  /** Actions with their owner's name and the meeting that set them. */
  async function withMeetings(actions: Awaited<ReturnType<typeof listActions>>) {
    const now = deps.clock.now();
    return deps.tx.read(async (store) => {
      const names = new Map<string, string>();
      const meetings = new Map<string, { title: string; start: number } | undefined>();
      const out = [];
      for (const a of actions) {
        if (!names.has(a.ownerId)) names.set(a.ownerId, (await store.users.byId(a.ownerId))?.name ?? a.ownerId);
        if (!meetings.has(a.bookingId)) {
          const b = await store.bookings.get(a.bookingId);
          meetings.set(a.bookingId, b ? { title: b.title, start: b.start } : undefined);
        }
        out.push(actionDto(a, now, { ownerName: names.get(a.ownerId), meeting: meetings.get(a.bookingId) }));
      }
      return out;
    });
  }
};
