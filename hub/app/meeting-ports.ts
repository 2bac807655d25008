/** The store's part for the meeting life cycle (policy chapters 1-3, contract §8). */
import type { Term } from '../domain/meetings/search-text.js';
import type {
  ActionFilter,
  ActionRecord,
  AgendaItemRecord,
  DecisionRecord,
  MaterialRecord,
  MeetingRecord,
  MinutesConfirmationRecord,
  MinutesRecord,
  VoteRecord,
} from './meeting-records.js';

export interface MeetingStore {
  meetings: {
    get(bookingId: string): Promise<MeetingRecord | null>;
    put(m: MeetingRecord): Promise<MeetingRecord>;
    /** Meetings with materials whose attendees are due their reminder (M3): starting in (after, before], not yet reminded. */
    materialsReminderDue(before: number, after: number): Promise<MeetingRecord[]>;
  };
  agenda: {
    list(bookingId: string): Promise<AgendaItemRecord[]>;
    get(id: string): Promise<AgendaItemRecord | null>;
    create(i: AgendaItemRecord): Promise<AgendaItemRecord>;
    /** Writes many items' section and position at once (a move renumbers its sections). */
    update(items: AgendaItemRecord[]): Promise<void>;
    remove(id: string): Promise<void>;
  };
  materials: {
    list(bookingId: string): Promise<MaterialRecord[]>;
    get(id: string): Promise<(MaterialRecord & { content: Uint8Array }) | null>;
    add(m: MaterialRecord & { content: Uint8Array }): Promise<void>;
    remove(id: string): Promise<void>;
    /** Bytes stored for a meeting (its total is bounded). */
    totalSize(bookingId: string): Promise<number>;
  };
  votes: {
    list(bookingId: string): Promise<VoteRecord[]>;
    get(id: string): Promise<VoteRecord | null>;
    create(v: VoteRecord): Promise<VoteRecord>;
    /** Conditional: closes only an open vote. */
    close(id: string, at: number, result: NonNullable<VoteRecord['result']>): Promise<boolean>;
    ballots(voteId: string): Promise<{ userId: string; choice: string; at: number }[]>;
    /** One ballot per person: a second replaces the first while the vote is open. */
    cast(voteId: string, userId: string, choice: string, at: number): Promise<void>;
  };
  decisions: {
    list(bookingId: string): Promise<DecisionRecord[]>;
    create(d: DecisionRecord): Promise<DecisionRecord>;
  };
  actions: {
    get(id: string): Promise<ActionRecord | null>;
    list(f: ActionFilter): Promise<ActionRecord[]>;
    create(a: ActionRecord): Promise<ActionRecord>;
    /** Conditional: writes only while the item is as it was read (its updatedAt). */
    change(id: string, expectedUpdatedAt: number, a: ActionRecord): Promise<boolean>;
    /** Marks an overdue item's notice sent, once; false when already marked. */
    markOverdueNotified(id: string, at: number): Promise<boolean>;
  };
  minutes: {
    get(bookingId: string): Promise<MinutesRecord | null>;
    /** Makes the minutes of a held meeting if they do not exist yet (twice is harmless). */
    ensure(m: MinutesRecord): Promise<boolean>;
    /** Conditional: writes only while the minutes still have `expected` status and version. */
    change(bookingId: string, expected: { status: string; version: number }, m: MinutesRecord): Promise<boolean>;
    /** Marks a deadline step done once (reminded or missed); false when already marked. */
    mark(bookingId: string, field: 'draftRemindedAt' | 'distributeRemindedAt' | 'draftMissedAt' | 'distributeMissedAt', at: number): Promise<boolean>;
    /** Minutes still open (not approved) whose meeting ended after `endedAfter`. */
    pending(endedAfter: number): Promise<MinutesRecord[]>;
    confirmations(bookingId: string): Promise<MinutesConfirmationRecord[]>;
    confirm(bookingId: string, userId: string, at: number, comment: string | null): Promise<void>;
    /** C8: indexes approved minutes for search (the text as search-text.ts writes it). */
    index(bookingId: string, searchText: string): Promise<void>;
    /** C8: approved minutes matching a search, newest first, at most `limit`. */
    search(query: { terms: Term[]; from?: number; to?: number; limit: number }): Promise<MinutesRecord[]>;
    /** Approved minutes, newest first (the archive without a search). */
    archive(f: { from?: number; to?: number; before?: number; limit: number }): Promise<MinutesRecord[]>;
    /** C10: the meetings whose minutes are older than `before` (by meeting start). */
    olderThan(before: number, limit: number): Promise<string[]>;
    /** C10: removes a meeting's record: minutes, confirmations, agenda, materials, votes, decisions and actions. */
    dispose(bookingId: string): Promise<Record<string, number>>;
  };
}
