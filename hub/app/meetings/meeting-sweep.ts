/**
 * The meeting life cycle's timers, done by looking at the clock like the
 * booking sweep (a hub that was down catches up at start): reminders before
 * the minutes' deadlines and a flag when one passes (C2, C3), the owner of an
 * action gone overdue asked for its analysis (C7), attendees reminded of the
 * materials at their due time (M3), and minutes past their retention disposed
 * of (C10). Each step is a conditional write done once, whichever hub does it.
 */
import { minutesDue } from '../../domain/meetings/minutes.js';
import type { AppDeps } from '../deps.js';
import { runWork } from '../work.js';
import { defaultRecord } from './context.js';

/** Minutes still open are watched this long after their meeting. */
const WATCH_MS = 90 * 86_400_000;

export interface MeetingSweepResult {
  deadlines: number;
  overdueActions: number;
  materialReminders: number;
}

export async function meetingSweep(deps: AppDeps): Promise<MeetingSweepResult> {
  const now = deps.clock.now();
  const result = { deadlines: 0, overdueActions: 0, materialReminders: 0 };
  for (const m of await deps.tx.read((s) => s.minutes.pending(now - WATCH_MS))) {
    for (const step of minutesDue(m, now, deps.policy)) {
      const field = ({ draft_reminder: 'draftRemindedAt', draft_missed: 'draftMissedAt', distribute_reminder: 'distributeRemindedAt', distribute_missed: 'distributeMissedAt' } as const)[step];
      const done = await runWork(deps, 'system:timer', async (w) => {
        if (!(await w.store.minutes.mark(m.bookingId, field, w.now))) return false;
        const b = await w.store.bookings.get(m.bookingId);
        const meeting = (await w.store.meetings.get(m.bookingId)) ?? (b && (await defaultRecord(w.store, b)));
        if (!b || !meeting) return false;
        w.emit({ type: 'minutes.deadline', bookingId: m.bookingId, minutes: m, step, hostId: b.hostId, delegateId: meeting.delegateId });
        return true;
      });
      if (done) result.deadlines++;
    }
  }
  for (const a of await deps.tx.read((s) => s.actions.list({ overdueAt: now, unnotified: true, limit: 500 }))) {
    const done = await runWork(deps, 'system:timer', async (w) => {
      if (!(await w.store.actions.markOverdueNotified(a.id, w.now))) return false;
      w.emit({ type: 'action.overdue', bookingId: a.bookingId, action: a });
      return true;
    });
    if (done) result.overdueActions++;
  }
  // M3: at the due time (start - lead), attendees are reminded of what to read.
  for (const m of await deps.tx.read((s) => s.meetings.materialsReminderDue(now + deps.policy.materialsLeadMs, now))) {
    const done = await runWork(deps, 'system:timer', async (w) => {
      const materials = await w.store.materials.list(m.bookingId);
      const b = await w.store.bookings.get(m.bookingId);
      if (!b || !['confirmed', 'checked_in'].includes(b.status)) return false;
      await w.store.meetings.put({ ...m, materialsRemindedAt: w.now });
      if (materials.length === 0) return false;
      w.emit({ type: 'materials.reminder', bookingId: m.bookingId, materials });
      return true;
    });
    if (done) result.materialReminders++;
  }
  return result;
}

/** C10: minutes older than the retention period are disposed of, and what was removed is logged. */
export async function disposeOldMinutes(deps: AppDeps): Promise<number> {
  const before = deps.clock.now() - deps.policy.minutesRetentionMs;
  let disposed = 0;
  for (const bookingId of await deps.tx.read((s) => s.minutes.olderThan(before, 200))) {
    await runWork(deps, 'system:retention', async (w) => {
      const m = await w.store.minutes.get(bookingId);
      if (!m || m.meetingStart >= before) return;
      const removed = await w.store.minutes.dispose(bookingId);
      w.emit({ type: 'minutes.disposed', bookingId, removed, meetingStart: m.meetingStart });
      deps.log.info({ bookingId, meetingStart: new Date(m.meetingStart).toISOString(), removed }, 'minutes disposed of after the retention period (C10)');
    });
    disposed++;
  }
  return disposed;
}
