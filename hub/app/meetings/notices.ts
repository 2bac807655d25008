/**
 * Notices of the meeting life cycle, derived from its events and written to
 * the mail outbox in the same transaction (contract §5): materials (M3),
 * actions assigned, raised, done, evaluated and overdue (C4-C7), minutes to
 * review, returned, distributed (C2, C3) and their deadlines.
 */
import type { Emitted } from '../events.js';
import type { Notice } from '../notices.js';
import { WALK_IN_USER } from '../handle-panel-request.js';
import type { Store } from '../ports.js';
import { participants } from './context.js';

export type MeetingNoticeKind =
  | 'material_added_late'
  | 'materials_reminder'
  | 'action_assigned'
  | 'action_problem'
  | 'action_done'
  | 'action_answered'
  | 'action_overdue'
  | 'minutes_submitted'
  | 'minutes_returned'
  | 'minutes_distributed'
  | 'minutes_draft_reminder'
  | 'minutes_draft_missed'
  | 'minutes_distribute_reminder'
  | 'minutes_distribute_missed';

const to = (ids: readonly (string | null | undefined)[], kind: MeetingNoticeKind, data: Notice['data'], except?: string): Notice[] =>
  [...new Set(ids.filter((u): u is string => !!u && u !== WALK_IN_USER && u !== except))].map((userId) => ({ userId, kind, data }));

/** `user:<id>` → id (the person who did it is not told of it). */
const self = (actor: string) => (actor.startsWith('user:') ? actor.slice(5) : undefined);

/** The meeting's people as the store has them now: everyone in it, and who runs it (host, delegate). */
async function peopleOf(store: Pick<Store, 'bookings' | 'meetings'>, bookingId: string) {
  const b = await store.bookings.get(bookingId);
  if (!b) return { audience: [], hosts: [] };
  const m = await store.meetings.get(bookingId);
  return { audience: m ? participants(b, m) : [b.hostId, ...b.attendees], hosts: [b.hostId, m?.delegateId ?? null].filter((x): x is string => !!x) };
}

export async function meetingNotices(e: Emitted, store: Pick<Store, 'bookings' | 'meetings'>): Promise<Notice[]> {
  if (!('bookingId' in e)) return [];
  const me = self(e.actor);
  const { audience, hosts: host } = await peopleOf(store, e.bookingId);
  switch (e.type) {
    case 'material.added':
      // M3: on time, the attendees are reminded at the due time; late, they are told at once.
      return e.material.late ? to(audience, 'material_added_late', { bookingId: e.bookingId }, me) : [];
    case 'materials.reminder':
      return to(audience, 'materials_reminder', { bookingId: e.bookingId });
    case 'decision.recorded':
      return to([e.action.ownerId], 'action_assigned', { bookingId: e.bookingId, actionId: e.action.id }, me);
    case 'action.created':
      return to([e.action.ownerId], 'action_assigned', { bookingId: e.bookingId, actionId: e.action.id }, me);
    case 'action.changed': {
      const data = { bookingId: e.bookingId, actionId: e.action.id };
      const out: Notice[] = [];
      if (e.action.ownerId !== e.before.ownerId) out.push(...to([e.action.ownerId], 'action_assigned', data, me));
      if (e.fields.includes('problem')) out.push(...to(host, 'action_problem', data, me)); // C4: raised with the host
      if (e.action.status === 'done' && e.before.status !== 'done') out.push(...to(host, 'action_done', data, me)); // C5 → C6
      if (e.fields.includes('answer') || e.fields.includes('evaluation')) out.push(...to([e.action.ownerId], 'action_answered', data, me));
      return out;
    }
    case 'action.overdue':
      // C7: the owner analyses it; the host sees it coming back at the next meeting.
      return to([e.action.ownerId, ...host], 'action_overdue', { bookingId: e.bookingId, actionId: e.action.id });
    case 'minutes.submitted':
      return to(host, 'minutes_submitted', { bookingId: e.bookingId }, me);
    case 'minutes.returned':
      return to([e.minutes.minuteTakerId ?? undefined], 'minutes_returned', { bookingId: e.bookingId, reason: e.reason }, me);
    case 'minutes.approved':
      return to(e.recipients, 'minutes_distributed', { bookingId: e.bookingId });
    case 'minutes.deadline': {
      const drafter = e.minutes.minuteTakerId ?? e.hostId;
      const hosts = [e.hostId, e.delegateId];
      switch (e.step) {
        case 'draft_reminder':
          return to([drafter], 'minutes_draft_reminder', { bookingId: e.bookingId });
        case 'draft_missed':
          return to([drafter, ...hosts], 'minutes_draft_missed', { bookingId: e.bookingId });
        case 'distribute_reminder':
          return to(e.minutes.status === 'submitted' ? hosts : [drafter, ...hosts], 'minutes_distribute_reminder', { bookingId: e.bookingId });
        case 'distribute_missed':
          return to([drafter, ...hosts], 'minutes_distribute_missed', { bookingId: e.bookingId });
      }
      return [];
    }
    default:
      return [];
  }
}
