/** Store guarantees the use cases rely on, on both databases. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../hub/app/ports.js';
import { ConflictError, DuplicateError } from '../../hub/domain/errors.js';
import { PROVIDERS } from '../support/databases.js';
import { book, MIN, provisionRoom, type Site, startTestHub, type TestHub } from '../support/hub-fixture.js';

describe.each(PROVIDERS)('store on %s', (provider) => {
  let t: TestHub;
  let site: Site;
  const inTx = <T>(work: (s: Store) => Promise<T>) => t.hub.deps.tx.run(work);
  beforeAll(async () => {
    t = await startTestHub(provider);
    site = await provisionRoom(t);
  });
  afterAll(() => t.stop());

  it('forgets processed device message ids older than asked', async () => {
    const now = t.clock.now();
    expect(await inTx((s) => s.inbox.claim('dev:old', now - 3 * 86_400_000))).toEqual({ fresh: true });
    expect(await inTx((s) => s.inbox.claim('dev:new', now))).toEqual({ fresh: true });
    expect((await inTx((s) => s.inbox.claim('dev:old', now))).fresh).toBe(false);
    expect(await inTx((s) => s.inbox.prune(now - 2 * 86_400_000))).toBe(1);
    expect(await inTx((s) => s.inbox.claim('dev:old', now))).toEqual({ fresh: true }); // forgotten, so new again
    expect((await inTx((s) => s.inbox.claim('dev:new', now))).fresh).toBe(false); // kept
  });

  it('a claim rolled back with its transaction is no claim (the id and the effects commit together)', async () => {
    const now = t.clock.now();
    await expect(
      inTx(async (s) => {
        await s.inbox.claim('dev:rolled-back', now);
        throw new Error('the handler failed');
      }),
    ).rejects.toThrow('the handler failed');
    expect(await inTx((s) => s.inbox.claim('dev:rolled-back', now))).toEqual({ fresh: true });
  });

  it('a change made on stale facts does not apply (contract §4 conditional update)', async () => {
    const created = await book(t, site, 30, 60);
    const b = (await t.hub.deps.reads.bookings.get(created.id))!;
    // Someone extends the meeting after the sweep read it...
    expect(await inTx((s) => s.bookings.change(b.id, b, { end: b.end + 30 * MIN }))).toBe(true);
    // ...so the sweep's decision, made on the old end, must not apply.
    expect(await inTx((s) => s.bookings.change(b.id, b, { status: 'completed' }))).toBe(false);
    const now = (await t.hub.deps.reads.bookings.get(b.id))!;
    expect(now.status).toBe('confirmed');
    expect(now.end).toBe(b.end + 30 * MIN);
    // The same decision on the current facts applies once, and only once.
    expect(await inTx((s) => s.bookings.change(now.id, now, { status: 'cancelled' }))).toBe(true);
    expect(await inTx((s) => s.bookings.change(now.id, now, { status: 'cancelled' }))).toBe(false);
  });

  it('refusals of the database arrive as domain errors, by code', async () => {
    const created = await book(t, site, 200, 60);
    const b = (await t.hub.deps.reads.bookings.get(created.id))!;
    const { status: _s, checkedInAt: _c, checkInEvidence: _e, lastTapAt: _l, closedAt: _d, closeReason: _r, createdAt: _a, ...fields } = b;
    const overlapping = { ...fields, status: 'confirmed' as const, id: 'bk_overlap', idempotencyKey: null, start: b.start + 10 * MIN, end: b.end + 10 * MIN, scheduledEnd: b.end + 10 * MIN };
    await expect(inTx((s) => s.bookings.create(overlapping))).rejects.toBeInstanceOf(ConflictError);
    await expect(inTx((s) => s.bookings.create({ ...overlapping, start: b.end + 60 * MIN, end: b.end + 90 * MIN, scheduledEnd: b.end + 90 * MIN, id: b.id }))).rejects.toBeInstanceOf(DuplicateError);
    const u = (await t.hub.deps.reads.users.byId(site.host.id))!;
    await expect(inTx((s) => s.users.create({ ...u, id: 'someone-else' }))).rejects.toBeInstanceOf(DuplicateError);
  });
});
