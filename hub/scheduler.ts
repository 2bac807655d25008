/**
 * Drives the time-based work every `sweepIntervalMs`: device activity to the
 * database, due releases and ghost meetings, rooms whose state moved with
 * time, and the spread-out republish that keeps every room's state at most
 * `republishIntervalMs` old; the meeting life cycle's reminders and deadlines,
 * and (hourly) the minutes' retention. One pass at a time; a failing step is logged and
 * the others (and the next pass) still run.
 */
import type { AppDeps } from './app/deps.js';
import { refreshRooms, refreshTimeDrivenStates, republishStaleStates } from './app/room-state.js';
import { sweep } from './app/sweep.js';
import { disposeOldMinutes, meetingSweep } from './app/meetings/meeting-sweep.js';

/** Device message ids are kept this long for idempotency: a reader bridge queues taps up to a day. */
const PROCESSED_RETENTION_MS = 2 * 86_400_000;
const PRUNE_EVERY_MS = 3_600_000;

export class Scheduler {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private lastPrune = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly deps: AppDeps,
    private readonly sweepIntervalMs: number,
    private readonly republishIntervalMs: number,
    /** Contract §5: the mail outbox, tried every pass too. */
    private readonly deliverMail: () => Promise<unknown> = async () => {},
    /**
     * Contract §9: in a site of several hubs only the leader runs the timers; the
     * others only record their own devices' activity. A hub alone always leads.
     */
    private readonly isLeader: () => boolean = () => true,
  ) {}

  start() {
    this.timer = setInterval(() => void this.tick(), this.sweepIntervalMs);
    this.timer.unref();
  }

  /**
   * One pass. `firstPass`: at start a hub that does not lead still publishes every room's
   * state once (its view of the site starts from them; a new seq each, never an old one).
   */
  tick({ firstPass = false } = {}): Promise<void> {
    if (this.running) return this.running;
    this.running = (async () => {
      try {
        await this.step('device activity', () => flushActivity(this.deps));
        if (!this.isLeader()) {
          if (firstPass) await this.step('time-driven room states', () => refreshTimeDrivenStates(this.deps));
          return;
        }
        await this.step('sweep', () => sweep(this.deps));
        await this.step('time-driven room states', () => refreshTimeDrivenStates(this.deps));
        // Each pass resends the oldest share, so all rooms stay within the interval.
        const share = Math.ceil((this.deps.roomStates.size * this.sweepIntervalMs) / this.republishIntervalMs) + 1;
        await this.step('republish', () => republishStaleStates(this.deps, Math.max(0, this.republishIntervalMs - this.sweepIntervalMs), share));
        await this.step('meetings', () => meetingSweep(this.deps));
        await this.step('mail', this.deliverMail);
        const now = this.deps.clock.now();
        if (now - this.lastPrune >= PRUNE_EVERY_MS) {
          this.lastPrune = now;
          await this.step('inbox prune', () => this.deps.tx.run((s) => s.inbox.prune(now - PROCESSED_RETENTION_MS)));
          await this.step('minutes retention', () => disposeOldMinutes(this.deps));
        }
      } finally {
        this.running = null;
      }
    })();
    return this.running;
  }

  /**
   * This hub just took over the site's timers, or a hub left: every room's state is
   * computed and published again (a hub killed between a commit and its publish
   * left a retained state behind), then a full pass runs.
   */
  async takeOver(): Promise<void> {
    await this.running;
    await this.step('republish all', async () =>
      refreshRooms(
        this.deps,
        (await this.deps.reads.rooms.list()).map((r) => r.id),
      ),
    );
    await this.tick();
  }

  private async step(what: string, run: () => Promise<unknown>): Promise<void> {
    try {
      await run();
    } catch (err) {
      this.deps.log.error({ err, step: what }, 'scheduler step failed');
    }
  }

  async stop() {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }
}

/** Writes who was heard from since the last pass (contract §2 HUB_DEVICE_STALE is judged from it). */
export async function flushActivity(deps: AppDeps): Promise<void> {
  const groups = deps.activity.takeSeen(deps.clock.now());
  if (groups.size === 0) return;
  await deps.tx.run(async (store) => {
    for (const [at, ids] of groups) await store.devices.touch(ids, at);
  });
}
