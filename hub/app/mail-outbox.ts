/**
 * Contract §5: mail waits in a durable outbox and is retried with backoff, so
 * a hub restart or an SMTP server that is down delays it, never drops it. A
 * notice is claimed (its attempt counted and its next try scheduled) before
 * it is sent, and marked sent after, so two hubs never send it both; a hub
 * killed between sending and marking may send it again, with the same
 * Message-ID (mail clients fold such a repeat into one).
 */
import type { AppDeps } from './deps.js';
import type { NoticeKind } from './notices.js';
import type { ActionRecord, ArchivedMinutes, BookingRecord, MaterialRecord, NotificationRecord, RoomRecord, SeriesRecord, UserRecord } from './ports.js';

export interface Person {
  id: string;
  name: string;
  email: string | null;
}

/** Everything a mail says, gathered when it leaves (the booking as it is then). */
export interface MailMessage {
  notificationId: number;
  kind: NoticeKind;
  locale: 'zh-CN' | 'en';
  to: Person & { email: string };
  at: number;
  booking?: { record: BookingRecord; room: RoomRecord; host: Person; attendees: Person[] };
  series?: { record: SeriesRecord; room: RoomRecord; host: Person; attendees: Person[]; occurrences: BookingRecord[] };
  reason?: string;
  note?: string;
  from?: number;
  /** C4-C7: the action a notice is about, with its owner. */
  action?: { record: ActionRecord; owner: Person };
  /** C3: the minutes as distributed. */
  minutes?: ArchivedMinutes;
  /** M3: the meeting's materials. */
  materials?: MaterialRecord[];
}

/** The port a mail transport implements (SMTP, or .eml files in the data folder). */
export interface Mailer {
  send(message: MailMessage): Promise<void>;
}

const MAX_BATCH = 50;
/** 30 s, doubling, at most an hour between tries; never given up on. */
export const retryDelayMs = (attempts: number) => Math.min(3_600_000, 30_000 * 2 ** Math.min(attempts, 7));

export async function deliverDueMail(deps: AppDeps, mailer: Mailer, defaultLocale: 'zh-CN' | 'en'): Promise<{ sent: number; failed: number; skipped: number }> {
  const now = deps.clock.now();
  const due = await deps.reads.notifications.due(now, MAX_BATCH);
  const counts = { sent: 0, failed: 0, skipped: 0 };
  for (const n of due) {
    if (!(await deps.tx.run((s) => s.notifications.claim(n.id, n.attempts, now + retryDelayMs(n.attempts))))) continue;
    const outcome = await deliverOne(deps, mailer, n, defaultLocale);
    counts[outcome]++;
  }
  return counts;
}

async function deliverOne(deps: AppDeps, mailer: Mailer, n: NotificationRecord, defaultLocale: 'zh-CN' | 'en'): Promise<'sent' | 'failed' | 'skipped'> {
  const now = deps.clock.now();
  const user = await deps.reads.users.byId(n.userId);
  const skip = async (why: string) => {
    await deps.tx.run((s) => s.notifications.skipped(n.id, now, why));
    return 'skipped' as const;
  };
  if (!user) return skip('no such user');
  if (user.deactivatedAt !== null) return skip('deactivated');
  if (!user.email) return skip('no mail address');
  try {
    const message = await gather(deps, n, user, defaultLocale);
    if (!message) return skip('the booking or series is gone');
    await mailer.send(message);
    await deps.tx.run((s) => s.notifications.sent(n.id, deps.clock.now()));
    return 'sent';
  } catch (err) {
    deps.log.warn({ err, notification: n.id, attempts: n.attempts + 1 }, 'mail not sent; it will be tried again');
    await deps.tx.run((s) => s.notifications.failed(n.id, String((err as Error)?.message ?? err))).catch(() => {});
    return 'failed';
  }
}

/** What a notice of the meeting life cycle adds to its booking: the action, the minutes, the materials. */
async function meetingParts(deps: AppDeps, kind: string, data: { bookingId?: string; actionId?: string }, person: (id: string) => Promise<Person>): Promise<Partial<MailMessage>> {
  const out: Partial<MailMessage> = {};
  if (data.actionId) {
    const record = await deps.reads.actions.get(data.actionId);
    if (record) out.action = { record, owner: await person(record.ownerId) };
  }
  if (kind === 'minutes_distributed' && data.bookingId) {
    const m = await deps.reads.minutes.get(data.bookingId);
    if (m?.archive) out.minutes = m.archive;
  }
  if (kind.startsWith('material') && data.bookingId) out.materials = await deps.reads.materials.list(data.bookingId);
  return out;
}

async function gather(deps: AppDeps, n: NotificationRecord, user: UserRecord, defaultLocale: 'zh-CN' | 'en'): Promise<MailMessage | null> {
  const person = async (id: string): Promise<Person> => {
    const u = await deps.reads.users.byId(id);
    return { id, name: u?.name ?? id, email: u?.email ?? null };
  };
  const data = n.data as { bookingId?: string; seriesId?: string; reason?: string; note?: string; from?: number; actionId?: string };
  const base = {
    notificationId: n.id,
    kind: n.kind as NoticeKind,
    locale: user.locale ?? defaultLocale,
    to: { id: user.id, name: user.name, email: user.email! },
    at: n.at,
    ...(data.reason ? { reason: data.reason } : {}),
    ...(data.note ? { note: data.note } : {}),
    ...(data.from !== undefined ? { from: data.from } : {}),
  };
  if (data.bookingId) {
    const record = await deps.reads.bookings.get(data.bookingId);
    const room = record && (await deps.reads.rooms.get(record.roomId));
    if (!record || !room) return null;
    // An invitation lists at most 100 people: a company-wide meeting stays a mail, not a phone book.
    const booking = { record, room, host: await person(record.hostId), attendees: await Promise.all(record.attendees.slice(0, 100).map(person)) };
    return { ...base, booking, ...(await meetingParts(deps, n.kind, data, person)) };
  }
  if (data.seriesId) {
    const record = await deps.reads.series.get(data.seriesId);
    const room = record && (await deps.reads.rooms.get(record.roomId));
    if (!record || !room) return null;
    const occurrences = await deps.reads.bookings.ofSeries(record.id);
    return { ...base, series: { record, room, host: await person(record.hostId), attendees: await Promise.all(record.attendees.slice(0, 100).map(person)), occurrences } };
  }
  return null;
}
