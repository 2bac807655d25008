/**
 * M5: the agenda in its fixed sections, kept by the host (or delegate). For
 * a meeting in a series, section (a) carries the previous meeting's minutes
 * and every overdue action of the series' earlier meetings (C7), read at the
 * time the agenda is read, so nobody copies them and nothing is stale.
 */
import { AGENDA_SECTION_KEYS, type AgendaSection } from '../../../shared/schemas/meetings.js';
import { NotFoundError } from '../../domain/errors.js';
import { bySection, carriedOver, previousMeeting } from '../../domain/meetings/agenda.js';
import type { Actor } from '../actor.js';
import { type AppDeps, newId } from '../deps.js';
import type { ActionRecord, AgendaItemRecord, BookingRecord, MinutesRecord, Store } from '../ports.js';
import { runWork } from '../work.js';
import { meetingContext } from './context.js';

export interface AgendaView {
  sections: { section: AgendaSection; key: string; items: AgendaItemRecord[] }[];
  previous: { booking: BookingRecord; minutes: MinutesRecord | null; confirmations: number; mayRead: boolean } | null;
  overdue: (ActionRecord & { setAt: number })[];
}

export async function readAgenda(deps: AppDeps, bookingId: string, actor: Actor): Promise<AgendaView> {
  return deps.tx.read(async (store) => {
    const ctx = await meetingContext(store, bookingId, actor);
    ctx.require('read');
    const sections = bySection(await store.agenda.list(bookingId)).map((s) => ({ ...s, key: AGENDA_SECTION_KEYS[s.section] }));
    if (!ctx.booking.seriesId) return { sections, previous: null, overdue: [] };
    return { sections, ...(await fromSeries(store, ctx.booking, actor)) };
  });
}

/** Section (a) from the series' earlier meetings (M5, C7). */
async function fromSeries(store: Store, b: BookingRecord, actor: Actor): Promise<Pick<AgendaView, 'previous' | 'overdue'>> {
  const occurrences = await store.bookings.ofSeries(b.seriesId!);
  const prev = previousMeeting(occurrences, b.start);
  const startOf = new Map(occurrences.map((o) => [o.id, o.start]));
  const actions = (await store.actions.list({ seriesId: b.seriesId!, limit: 2000 })).map((a) => ({ ...a, setAt: startOf.get(a.bookingId) ?? a.createdAt }));
  let previous: AgendaView['previous'] = null;
  if (prev) {
    const minutes = await store.minutes.get(prev.id);
    const prevCtx = await meetingContext(store, prev.id, actor);
    previous = { booking: prev, minutes, confirmations: minutes ? (await store.minutes.confirmations(prev.id)).length : 0, mayRead: prevCtx.may('read') };
  }
  return { previous, overdue: carriedOver(actions, b.start, prev?.start ?? null) };
}

export interface AgendaItemInput {
  section: AgendaSection;
  title: string;
  notes?: string;
  presenterId?: string | null;
}

export async function addAgendaItem(deps: AppDeps, bookingId: string, input: AgendaItemInput, actor: Actor): Promise<AgendaItemRecord> {
  return runWork(deps, actor.ref, async (w) => {
    const ctx = await meetingContext(w.store, bookingId, actor);
    ctx.require('edit_agenda');
    const inSection = (await w.store.agenda.list(bookingId)).filter((i) => i.section === input.section);
    const item = await w.store.agenda.create({
      id: newId('agi'),
      bookingId,
      section: input.section,
      position: inSection.length,
      title: input.title,
      notes: input.notes ?? '',
      presenterId: input.presenterId ?? null,
      createdBy: w.actor,
      createdAt: w.now,
    });
    w.emit({ type: 'meeting.agenda_changed', bookingId, item: item.id, change: 'added' });
    return item;
  });
}

export async function changeAgendaItem(
  deps: AppDeps,
  bookingId: string,
  itemId: string,
  patch: Partial<AgendaItemInput> & { position?: number },
  actor: Actor,
): Promise<AgendaItemRecord> {
  return runWork(deps, actor.ref, async (w) => {
    const ctx = await meetingContext(w.store, bookingId, actor);
    const all = await w.store.agenda.list(bookingId);
    const item = all.find((i) => i.id === itemId);
    if (!item) throw new NotFoundError('agenda item', itemId);
    // The minute taker writes down the discussion (C1) as it happens; the rest is the host's (M5).
    const notesOnly = Object.entries(patch).every(([k, v]) => k === 'notes' || v === undefined);
    ctx.require(notesOnly && ctx.may('write_minutes') ? 'write_minutes' : 'edit_agenda');
    const changed: AgendaItemRecord = {
      ...item,
      ...(patch.title !== undefined ? { title: patch.title } : {}),
      ...(patch.notes !== undefined ? { notes: patch.notes } : {}),
      ...(patch.presenterId !== undefined ? { presenterId: patch.presenterId } : {}),
      section: patch.section ?? item.section,
    };
    // Renumber the sections it leaves and enters, with the item at its new place.
    const moved = patch.section !== undefined || patch.position !== undefined;
    const touched: AgendaItemRecord[] = [changed];
    if (moved) {
      const target = all.filter((i) => i.section === changed.section && i.id !== itemId).sort((a, b) => a.position - b.position);
      target.splice(Math.min(patch.position ?? target.length, target.length), 0, changed);
      target.forEach((i, n) => (i === changed ? (changed.position = n) : touched.push({ ...i, position: n })));
      if (changed.section !== item.section) {
        all.filter((i) => i.section === item.section && i.id !== itemId).sort((a, b) => a.position - b.position).forEach((i, n) => touched.push({ ...i, position: n }));
      }
    }
    await w.store.agenda.update(touched);
    w.emit({ type: 'meeting.agenda_changed', bookingId, item: itemId, change: 'changed' });
    return changed;
  });
}

export async function removeAgendaItem(deps: AppDeps, bookingId: string, itemId: string, actor: Actor): Promise<void> {
  await runWork(deps, actor.ref, async (w) => {
    const ctx = await meetingContext(w.store, bookingId, actor);
    ctx.require('edit_agenda');
    const all = await w.store.agenda.list(bookingId);
    const item = all.find((i) => i.id === itemId);
    if (!item) throw new NotFoundError('agenda item', itemId);
    await w.store.agenda.remove(itemId);
    await w.store.agenda.update(all.filter((i) => i.section === item.section && i.id !== itemId).map((i, n) => ({ ...i, position: n })));
    w.emit({ type: 'meeting.agenda_changed', bookingId, item: itemId, change: 'removed' });
  });
}
