/**
 * Contract §9: a hub's board hears the states the other hubs of its site publish,
 * keeps the newest by seq, and never publishes a state older than one it saw.
 */
import { describe, expect, it } from 'vitest';
import { RoomStateBoard } from '../../hub/app/room-state.js';
import type { RoomStatePayload } from '../../shared/schemas/mqtt.js';

const state = (room: string, seq: number, status: RoomStatePayload['status'] = 'free') =>
  ({ room, name: room, at: '2026-12-01T10:00:00.000Z', seq, status, current: null, next: null, freeUntil: null }) as RoomStatePayload;

function board() {
  const sent: RoomStatePayload[] = [];
  const seen: [number, number | undefined][] = [];
  const b = new RoomStateBoard({ roomState: async (_r, s) => void sent.push(s), roomEvent: async () => {} }, () => 1000);
  b.onPublish = (next, prev) => seen.push([next.seq, prev?.seq]);
  return { b, sent, seen };
}

describe('RoomStateBoard across hubs', () => {
  it('an observed state is remembered and told to the site view, without being published again', () => {
    const { b, sent, seen } = board();
    b.observe(state('r1', 4, 'in_use'));
    expect(b.get('r1')?.status).toBe('in_use');
    expect(sent).toEqual([]);
    expect(seen).toEqual([[4, undefined]]);
  });

  it('an observed state older than the last one is ignored', () => {
    const { b, seen } = board();
    b.observe(state('r1', 7, 'in_use'));
    b.observe(state('r1', 6, 'free'));
    b.observe(state('r1', 7, 'free'));
    expect(b.get('r1')?.status).toBe('in_use');
    expect(seen).toEqual([[7, undefined]]);
  });

  it('a state computed here is not published once a newer one was seen from another hub', async () => {
    const { b, sent } = board();
    b.observe(state('r1', 10, 'in_use'));
    await b.publish([state('r1', 9, 'free'), state('r2', 1)]);
    expect(sent.map((s) => [s.room, s.seq])).toEqual([['r2', 1]]);
    await b.publish([state('r1', 11, 'free')]);
    expect(b.get('r1')?.seq).toBe(11);
  });
});
