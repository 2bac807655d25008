/**
 * C8: minutes archived in time order, newest first, and searchable in
 * Chinese and English (search-text.ts). C9: a member reads the minutes of
 * their department's meetings and of those copied to it; G4: a private
 * meeting's only if they were in it. The dashboard's list of minutes late on
 * their deadlines (C2, C3).
 */
import { excerpt, searchTerms } from '../../domain/meetings/search-text.js';
import type { Actor } from '../actor.js';
import type { AppDeps } from '../deps.js';
import type { MinutesRecord } from '../ports.js';
import { meetingContext } from './context.js';

export interface ArchiveQuery {
  q?: string;
  from?: number;
  to?: number;
  roomId?: string;
  department?: string;
  limit: number;
  offset: number;
}

export interface ArchiveHit {
  minutes: MinutesRecord;
  excerpt: string;
}

/** The most minutes one search looks through (after access), newest first. */
const SCAN = 5000;

export async function searchArchive(deps: AppDeps, q: ArchiveQuery, actor: Actor): Promise<ArchiveHit[]> {
  return deps.tx.read(async (store) => {
    const terms = q.q ? searchTerms(q.q) : [];
    const candidates = terms.length ? await store.minutes.search({ terms, from: q.from, to: q.to, limit: SCAN }) : await store.minutes.archive({ from: q.from, to: q.to, limit: SCAN });
    const hits: ArchiveHit[] = [];
    for (const m of candidates) {
      const a = m.archive;
      if (!a) continue;
      if (q.roomId && a.room.id !== q.roomId) continue;
      if (q.department && a.department !== q.department && !a.ccDepartments.includes(q.department)) continue;
      const ctx = await meetingContext(store, m.bookingId, actor).catch(() => null);
      if (!ctx?.may('read')) continue;
      hits.push({ minutes: m, excerpt: excerpt(a.text || a.title, q.q ?? '') });
      if (hits.length >= q.offset + q.limit) break;
    }
    return hits.slice(q.offset);
  });
}

/** Minutes past a deadline and not yet through (C2, C3): for the administration office. */
export async function lateMinutes(deps: AppDeps): Promise<MinutesRecord[]> {
  const now = deps.clock.now();
  const pending = await deps.tx.read((s) => s.minutes.pending(now - 90 * 86_400_000));
  return pending.filter((m) => (m.status !== 'submitted' && m.draftDue < now) || m.distributeDue < now);
}
