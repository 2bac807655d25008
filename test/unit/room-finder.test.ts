import { describe, expect, it } from 'vitest';
import { type Candidate, rankRooms } from '../../hub/domain/room-finder.js';

const room = (id: string, over: Partial<Candidate> = {}): Candidate => ({ id, name: id, capacity: 8, equipment: [], building: 'HQ', floor: '3', afterHours: false, ...over });

describe('room finder ranking (R3)', () => {
  it('leaves out rooms too small or missing needed equipment', () => {
    const found = rankRooms([room('small', { capacity: 4 }), room('no-screen'), room('screen', { equipment: ['screen'] })], { headcount: 6, equipment: ['screen'] });
    expect(found.map((f) => f.room.id)).toEqual(['screen']);
  });

  it('puts rooms within opening hours before those needing approval (R15)', () => {
    const found = rankRooms([room('late', { afterHours: true, capacity: 6 }), room('open', { capacity: 20 })], { headcount: 6, equipment: [] });
    expect(found.map((f) => f.room.id)).toEqual(['open', 'late']);
  });

  it('prefers the same floor, then the same building, then elsewhere', () => {
    const rooms = [room('other-building', { building: 'Annex', capacity: 6 }), room('same-building', { floor: '5', capacity: 6 }), room('same-floor', { capacity: 12 })];
    const found = rankRooms(rooms, { headcount: 6, equipment: [], building: 'HQ', floor: '3' });
    expect(found.map((f) => [f.room.id, f.nearness])).toEqual([
      ['same-floor', 'same_floor'],
      ['same-building', 'same_building'],
      ['other-building', 'elsewhere'],
    ]);
  });

  it('among equals, the smallest room that fits, then the fewest unused extras', () => {
    const rooms = [room('big', { capacity: 20, equipment: ['screen'] }), room('snug-extra', { capacity: 6, equipment: ['vc', 'screen'] }), room('snug', { capacity: 6, equipment: ['screen'] })];
    const found = rankRooms(rooms, { headcount: 5, equipment: ['screen'] });
    expect(found.map((f) => f.room.id)).toEqual(['snug', 'snug-extra', 'big']);
    expect(found[0]).toMatchObject({ spareSeats: 1, extraEquipment: [] });
    expect(found[1]!.extraEquipment).toEqual(['vc']);
  });
});
