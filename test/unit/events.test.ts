import { describe, expect, it } from 'vitest';
import { auditEntry, changesRoomState, type Emitted } from '../../hub/app/events.js';
import { noticesFor as noticesWith } from '../../hub/app/notices.js';
import { roomEventOf } from '../../hub/app/projections.js';
import type { BookingRecord } from '../../hub/app/records.js';

const booking: BookingRecord = {
  id: 'bk1', roomId: 'alpha', hostId: 'liwei', title: 'Weekly', start: 0, end: 3_600_000, scheduledEnd: 3_600_000, headcount: 2,
  type: 'regular', private: false, status: 'released', shortNotice: false, checkedInAt: null, checkInEvidence: null, lastTapAt: null,
  closedAt: 600_000, closeReason: 'no_show', closeNote: null, idempotencyKey: null, createdBy: 'user:liwei', createdAt: 0, attendees: ['zhangmin'],
  approvedBy: null, approvedAt: null, seriesId: null, occurrenceStart: null,
};
const env = { at: 600_000, actor: 'system:timer' };
const noticesFor = (e: Emitted) => noticesWith(e, { users: { list: async () => [] } } as never);

describe('domain events and what follows from them', () => {
  it('a released booking: the host is told (contract §4) and the invitations withdrawn, the room event says why, the room state moves', async () => {
    const e: Emitted = { type: 'booking.released', booking, reason: 'no_show', ...env };
    expect((await noticesFor(e)).map((n) => `${n.userId} ${n.kind}`)).toEqual(['liwei booking_released', 'zhangmin booking_released']);
    expect(roomEventOf(e)).toMatchObject({ room: 'alpha', event: { type: 'released', bookingId: 'bk1', reason: 'no_show' } });
    expect(changesRoomState(e)).toBe(true);
    expect(auditEntry(e)).toMatchObject({ type: 'booking.released', roomId: 'alpha', bookingId: 'bk1', data: { reason: 'no_show' } });
  });

  it('a ghost meeting ended by the empty room tells the host; one ended on the panel does not', async () => {
    expect(await noticesFor({ type: 'booking.ended', booking, reason: 'room_empty', ...env })).toHaveLength(1);
    expect(await noticesFor({ type: 'booking.ended', booking, reason: 'ended_early', ...env })).toEqual([]);
  });

  it('M2: a new booking is noticed to its host and attendees; one waiting for approval (R15) asks the administration office instead', async () => {
    const confirmed = { ...booking, status: 'confirmed' as const };
    expect((await noticesFor({ type: 'booking.created', booking: confirmed, ...env })).map((n) => `${n.userId} ${n.kind}`)).toEqual(['liwei booking_notice', 'zhangmin booking_notice']);
    const admins = { users: { list: async () => [{ id: 'boss', role: 'admin', deactivatedAt: null }, { id: 'gone', role: 'admin', deactivatedAt: 1 }] } } as never;
    const pending = await noticesWith({ type: 'booking.created', booking: { ...booking, status: 'pending_approval' }, ...env }, admins);
    expect(pending.map((n) => `${n.userId} ${n.kind}`)).toEqual(['boss approval_requested', 'liwei request_received']);
    // An occurrence of a series is told by the series' own notice, once.
    expect(await noticesFor({ type: 'booking.created', booking: confirmed, inSeries: true, ...env })).toEqual([]);
  });

  it('an edit that drops an attendee withdraws their invitation and tells the rest of the change', async () => {
    const after = { ...booking, status: 'confirmed' as const, attendees: ['wangfang'] };
    const n = await noticesFor({ type: 'booking.updated', booking: after, before: { ...booking, status: 'confirmed' }, ...env });
    expect(n.map((x) => `${x.userId} ${x.kind}`)).toEqual(['liwei booking_changed', 'wangfang booking_changed', 'zhangmin booking_cancelled']);
  });

  it('occupancy changes are not written to the audit log (too frequent), sign-ins are, with who and when', () => {
    const room = { id: 'alpha', name: 'A', capacity: 8, equipment: [], timeZone: 'UTC', openingHours: [], outOfService: false, building: null, floor: null, privateByDefault: false, archivedAt: null, openFaults: [], present: true, presentSince: 0, absentSince: null };
    expect(auditEntry({ type: 'room.presence_changed', room, by: 'device:s', ...env })).toBeNull();
    expect(auditEntry({ type: 'attendance.signed_in', booking, user: { id: 'zhangmin', name: 'Zhang Min' }, status: 'late', tapAt: 600_000, ...env })).toMatchObject({
      data: { userId: 'zhangmin', status: 'late' },
    });
  });

  it('a booking edit is audited with the fields that changed', () => {
    const after = { ...booking, title: 'Renamed', attendees: ['zhangmin', 'wangfang'] };
    expect(auditEntry({ type: 'booking.updated', booking: after, before: booking, ...env })?.data).toEqual({ title: 'Renamed', attendees: ['zhangmin', 'wangfang'] });
  });
});
