/**
 * R3: rooms allocated so they are used well. Ranks the rooms free for a
 * meeting: those that fit (seats, equipment), within opening hours before
 * those needing approval (R14, R15), nearest first (same floor, same
 * building), then the smallest that fits, then the fewest unused extras.
 */
export interface Candidate {
  id: string;
  name: string;
  capacity: number;
  equipment: readonly string[];
  building: string | null;
  floor: string | null;
  /** Outside opening hours at that time: needs approval. */
  afterHours: boolean;
}

export interface Want {
  headcount: number;
  equipment: readonly string[];
  building?: string;
  floor?: string;
}

export interface Ranked<C extends Candidate> {
  room: C;
  spareSeats: number;
  extraEquipment: string[];
  nearness: 'same_floor' | 'same_building' | 'elsewhere' | 'unknown';
}

export function rankRooms<C extends Candidate>(rooms: readonly C[], want: Want): Ranked<C>[] {
  const near = (r: Candidate): Ranked<C>['nearness'] => {
    if (!want.building) return 'unknown';
    if (r.building !== want.building) return 'elsewhere';
    return want.floor !== undefined && r.floor === want.floor ? 'same_floor' : 'same_building';
  };
  const order = { same_floor: 0, same_building: 1, unknown: 1, elsewhere: 2 };
  return rooms
    .filter((r) => r.capacity >= want.headcount && want.equipment.every((e) => r.equipment.includes(e)))
    .map((room) => ({ room, spareSeats: room.capacity - want.headcount, extraEquipment: room.equipment.filter((e) => !want.equipment.includes(e)), nearness: near(room) }))
    .sort(
      (a, b) =>
        Number(a.room.afterHours) - Number(b.room.afterHours) ||
        order[a.nearness] - order[b.nearness] ||
        a.spareSeats - b.spareSeats ||
        a.extraEquipment.length - b.extraEquipment.length ||
        a.room.name.localeCompare(b.room.name),
    );
}
