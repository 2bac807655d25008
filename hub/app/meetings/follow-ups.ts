/**
 * What a meeting's end sets going, in the same unit of work as the end
 * itself (so a crash cannot leave a held meeting without its minutes): the
 * minutes of a regular meeting (or of any meeting given a record) are opened
 * with their deadlines counted from the real end (C2, C3); minutes begun
 * during the meeting have their deadlines moved to it.
 */
import { deadlinesFor } from '../../domain/meetings/minutes.js';
import type { CheckInPolicy } from '../../domain/policy.js';
import type { Emitted } from '../events.js';
import { WALK_IN_USER } from '../handle-panel-request.js';
import type { BookingRecord, MeetingRecord, MinutesRecord, Store } from '../ports.js';
import { defaultRecord } from './context.js';

/** The minutes as they would be made now for a meeting (not stored): deadlines from its end (C2, C3). */
export function blankMinutes(b: BookingRecord, m: MeetingRecord, policy: CheckInPolicy): MinutesRecord {
  return {
    bookingId: b.id,
    status: 'not_started',
    text: '',
    version: 0,
    minuteTakerId: m.minuteTakerId,
    meetingStart: b.start,
    meetingEnd: b.end,
    ...deadlinesFor(b.end, policy),
    submittedAt: null,
    approvedAt: null,
    approvedBy: null,
    returnedReason: null,
    draftRemindedAt: null,
    distributeRemindedAt: null,
    draftMissedAt: null,
    distributeMissedAt: null,
    archive: null,
  };
}

export async function meetingFollowUps(store: Store, events: readonly Emitted[], policy: CheckInPolicy): Promise<void> {
  for (const e of events) if (e.type === 'booking.ended') await openMinutes(store, e.booking, policy);
}

async function openMinutes(store: Store, b: BookingRecord, policy: CheckInPolicy): Promise<void> {
  if (b.hostId === WALK_IN_USER) return; // a walk-up meeting at the door keeps no minutes
  const record = await store.meetings.get(b.id);
  if (b.type !== 'regular' && !record) return; // an ad-hoc booking nobody prepared: no minutes are expected
  const meeting = record ?? (await store.meetings.put(await defaultRecord(store, b)));
  const existing = await store.minutes.get(b.id);
  if (!existing) {
    await store.minutes.ensure(blankMinutes(b, meeting, policy));
  } else if (existing.status !== 'approved' && existing.meetingEnd !== b.end) {
    await store.minutes.change(b.id, existing, { ...existing, meetingEnd: b.end, ...deadlinesFor(b.end, policy) });
  }
}
