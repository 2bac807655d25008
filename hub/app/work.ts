/**
 * The unit of work of one use case: one transaction for all its writes, the
 * domain events it emits, the audit rows and the rooms' new states written or
 * computed in that same transaction, and nothing sent out before it commits.
 */
import type { RoomStatePayload } from '../../shared/schemas/mqtt.js';
import type { CheckInPolicy } from '../domain/policy.js';
import type { AppDeps } from './deps.js';
import { auditEntry, changesRoomState, type DomainEvent, type Emitted, roomOf } from './events.js';
import { meetingFollowUps } from './meetings/follow-ups.js';
import { noticesFor } from './notices.js';
import type { Store } from './ports.js';
import { computeRoomState } from './room-state.js';

export class Work {
  readonly events: Emitted[] = [];
  private readonly rooms = new Set<string>();

  constructor(
    readonly store: Store,
    /** The time of this unit of work: every decision in it is made at this instant. */
    readonly now: number,
    /** `user:<id>`, `device:<id>` or `system:<what>` */
    readonly actor: string,
    readonly policy: CheckInPolicy,
    readonly defaultTimeZone: string,
  ) {}

  emit(e: DomainEvent): void {
    this.events.push({ ...e, at: this.now, actor: this.actor });
    const room = roomOf(e);
    if (room && changesRoomState(e)) this.rooms.add(room);
  }

  /** Publish the room's state after commit even without an event (time alone moved it). */
  refreshRoom(roomId: string): void {
    this.rooms.add(roomId);
  }

  /** In the transaction, before commit: the audit log, the notices and the rooms' new states. */
  async finish(): Promise<RoomStatePayload[]> {
    await this.store.events.append(
      this.events.flatMap((e) => {
        const entry = auditEntry(e);
        return entry ? [{ at: e.at, actor: e.actor, ...entry }] : [];
      }),
    );
    // Derived writes of the meeting life cycle (a held meeting's minutes), before the notices of them.
    await meetingFollowUps(this.store, this.events, this.policy);
    const notices = [];
    for (const e of this.events) for (const n of await noticesFor(e, this.store)) notices.push({ at: e.at, ...n });
    await this.store.notifications.add(notices);
    // Every room locked gets its state published too: its lock reserved the next seq.
    for (const id of await this.store.rooms.locked()) this.rooms.add(id);
    const states: RoomStatePayload[] = [];
    for (const id of this.rooms) {
      const room = await this.store.rooms.get(id);
      if (room) states.push(await computeRoomState(this.store, room, this.now, this.policy));
    }
    return states;
  }
}

export interface WorkOptions {
  /** Work on one room: queued behind other work on it in this process (see Transactions.run). */
  room?: string;
}

/**
 * Runs a use case as one unit of work. After commit the rooms' states are
 * published first (the tap-to-panel path), then the events go to the bus.
 * A retried transaction starts again with a fresh Work: nothing of the
 * failed attempt is emitted.
 */
export async function runWork<T>(deps: AppDeps, actor: string, fn: (w: Work) => Promise<T>, opts: WorkOptions = {}): Promise<T> {
  let states: RoomStatePayload[] = [];
  let events: Emitted[] = [];
  const result = await deps.tx.run(
    async (store) => {
      const w = new Work(store, deps.clock.now(), actor, deps.policy, deps.defaultTimeZone);
      const r = await fn(w);
      states = await w.finish();
      events = w.events;
      return r;
    },
    opts.room ? { key: `room:${opts.room}` } : {},
  );
  await deps.roomStates.publish(states);
  await deps.bus.emit(events);
  return result;
}
