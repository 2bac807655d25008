/**
 * The meeting pages' logic outside the browser (issue 11 point 9): the minute
 * taker's text kept on the device per booking and version until the hub has
 * it (M9), the meeting's parts as addresses, and "My actions" in the order a
 * person should see them (C7: overdue first).
 */
import { describe, expect, it } from 'vitest';
import { forgetDrafts, keepDraft, keptDrafts } from '../../panel/src/app/meeting/draft-store.js';
import { actionOrder } from '../../panel/src/app/meeting/action-order.js';
import { href, parseRoute } from '../../panel/src/app/router.js';
import type { ActionDto } from '../../shared/schemas/meetings.js';

/** The Web Storage interface over a Map, as a browser's localStorage behaves. */
class MemoryStorage implements Storage {
  private readonly m = new Map<string, string>();
  get length() {
    return this.m.size;
  }
  clear() {
    this.m.clear();
  }
  getItem(k: string) {
    return this.m.get(k) ?? null;
  }
  key(i: number) {
    return [...this.m.keys()][i] ?? null;
  }
  removeItem(k: string) {
    this.m.delete(k);
  }
  setItem(k: string, v: string) {
    this.m.set(k, String(v));
  }
}

describe("the minute taker's text kept on the device (M9: no lost text)", () => {
  it('keeps one draft per booking and version, newest version first, and forgets those the hub has', () => {
    const s = new MemoryStorage();
    keepDraft({ bookingId: 'b1', version: 3, text: 'three', at: 1 }, s);
    keepDraft({ bookingId: 'b1', version: 3, text: 'three, more', at: 2 }, s);
    keepDraft({ bookingId: 'b1', version: 4, text: 'four', at: 3 }, s);
    keepDraft({ bookingId: 'b10', version: 1, text: 'another meeting', at: 4 }, s);
    expect(keptDrafts('b1', s).map((d) => [d.version, d.text])).toEqual([
      [4, 'four'],
      [3, 'three, more'],
    ]);
    forgetDrafts('b1', 3, s);
    expect(keptDrafts('b1', s).map((d) => d.version)).toEqual([4]);
    expect(keptDrafts('b10', s).map((d) => d.text)).toEqual(['another meeting']);
  });

  it('drops an entry it cannot read rather than failing, and survives a full storage', () => {
    const s = new MemoryStorage();
    s.setItem('minutes-draft:b1:2', '{not json');
    expect(keptDrafts('b1', s)).toEqual([]);
    expect(s.length).toBe(0);
    const full = new MemoryStorage();
    full.setItem = () => {
      throw new DOMException('full', 'QuotaExceededError');
    };
    expect(() => keepDraft({ bookingId: 'b1', version: 0, text: 'x', at: 0 }, full)).not.toThrow();
  });
});

describe("the meeting's parts as addresses", () => {
  it('reads #/meetings/<id>/<part> and keeps the existing routes as they were', () => {
    expect(parseRoute('#/meetings/bk_1/minutes')).toEqual({ page: 'meetings', id: 'bk_1', part: 'minutes' });
    expect(parseRoute('#/meetings/bk_1')).toEqual({ page: 'meetings', id: 'bk_1' });
    expect(parseRoute('#/meetings/bk_1/next')).toEqual({ page: 'meetings', id: 'bk_1', part: 'next' });
    expect(parseRoute('#/meetings')).toEqual({ page: 'meetings' });
    expect(parseRoute('#/actions')).toEqual({ page: 'actions' });
    expect(parseRoute('#/minutes')).toEqual({ page: 'minutes' });
    expect(parseRoute('#/faults/f-1')).toEqual({ page: 'faults', id: 'f-1' });
    expect(parseRoute('#/nowhere')).toBeNull();
    expect(href('meetings', 'bk 1', 'agenda')).toBe('#/meetings/bk%201/agenda');
    expect(href('meetings', 'bk_1')).toBe('#/meetings/bk_1');
    expect(parseRoute(href('meetings', 'a/b', 'outcomes'))).toEqual({ page: 'meetings', id: 'a/b', part: 'outcomes' });
  });
});

describe('My actions, in order (C7)', () => {
  const a = (id: string, deadline: string, status: ActionDto['status'], overdue: boolean) => ({ id, deadline, status, overdue }) as ActionDto;
  it('overdue first, then open by deadline, done last', () => {
    const list = [
      a('done', '2026-12-01T00:00:00Z', 'done', false),
      a('later', '2026-12-09T00:00:00Z', 'open', false),
      a('late2', '2026-12-03T00:00:00Z', 'in_progress', true),
      a('soon', '2026-12-05T00:00:00Z', 'in_progress', false),
      a('late1', '2026-12-02T00:00:00Z', 'open', true),
    ];
    expect(list.sort(actionOrder).map((x) => x.id)).toEqual(['late1', 'late2', 'soon', 'later', 'done']);
  });
});
