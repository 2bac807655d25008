/**
 * M8: the host sums up and sets the next meeting's topic, time and place.
 * The proposal is kept on the meeting and, unless only recorded, booked at
 * once for the same people (checked like any booking: the room free, nobody
 * in two meetings, after hours waiting for approval).
 */
import { InvalidError } from '../../domain/errors.js';
import type { Actor } from '../actor.js';
import { isAdmin } from '../actor.js';
import { bookRoom } from '../create-booking.js';
import type { AppDeps } from '../deps.js';
import type { BookingRecord, MeetingRecord } from '../ports.js';
import { runWork } from '../work.js';
import { meetingContext } from './context.js';

export interface NextMeeting {
  topic: string;
  start: number;
  end: number;
  roomId: string;
  book: boolean;
}

export async function proposeNextMeeting(deps: AppDeps, bookingId: string, next: NextMeeting, actor: Actor): Promise<{ meeting: MeetingRecord; booking: BookingRecord | null }> {
  if (next.start <= deps.clock.now()) throw new InvalidError('the next meeting must be in the future', { field: 'start' });
  return runWork(
    deps,
    actor.ref,
    async (w) => {
      const ctx = await meetingContext(w.store, bookingId, actor);
      ctx.require('propose_next');
      const b = ctx.booking;
      let booked: BookingRecord | null = null;
      if (next.book) {
        // The host (or the office) books it for the host; a delegate books it as its host, to hand over.
        const hostId = actor.user?.id === b.hostId || isAdmin(actor) ? b.hostId : actor.user!.id;
        const attendees = [...new Set([b.hostId, ...b.attendees])].filter((p) => p !== hostId);
        booked = (
          await bookRoom(w, { roomId: next.roomId, title: next.topic, start: next.start, end: next.end, headcount: b.headcount, hostId, attendees, type: b.type, private: b.private }, actor)
        ).booking;
      }
      const meeting = await w.store.meetings.put({ ...ctx.meeting, next: { topic: next.topic, start: next.start, end: next.end, roomId: next.roomId, bookingId: booked?.id ?? null } });
      w.emit({ type: 'meeting.next_proposed', bookingId, meeting });
      return { meeting, booking: booked };
    },
    { room: next.roomId },
  );
}
