/** Store guarantees the use cases rely on, on both databases. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROVIDERS } from '../support/databases.js';
import { book, MIN, provisionRoom, type Site, startTestHub, type TestHub } from '../support/hub-fixture.js';

describe.each(PROVIDERS)('store on %s', (provider) => {
  let t: TestHub;
  let site: Site;
  beforeAll(async () => {
    t = await startTestHub(provider);
    site = await provisionRoom(t);
  });
  afterAll(() => t.stop());

  it('forgets processed device message ids older than asked', async () => {
    const store = t.hub.deps.store;
    const now = t.clock.now();
    expect(await store.processed.claim('dev:old', now - 3 * 86_400_000)).toEqual({ fresh: true });
    expect(await store.processed.claim('dev:new', now)).toEqual({ fresh: true });
    expect((await store.processed.claim('dev:old', now)).fresh).toBe(false);
    expect(await store.processed.prune(now - 2 * 86_400_000)).toBe(1);
    expect(await store.processed.claim('dev:old', now)).toEqual({ fresh: true }); // forgotten, so new again
    expect((await store.processed.claim('dev:new', now)).fresh).toBe(false); // kept
  });

  it('a change made on stale facts does not apply (contract §4 conditional update)', async () => {
    const created = await book(t, site, 30, 60);
    const b = (await t.hub.deps.store.bookings.get(created.id))!;
    // Someone extends the meeting after the sweep read it...
    expect(await t.hub.deps.store.bookings.change(b.id, b, { end: b.end + 30 * MIN })).toBe(true);
    // ...so the sweep's decision, made on the old end, must not apply.
    expect(await t.hub.deps.store.bookings.change(b.id, b, { status: 'completed' })).toBe(false);
    const now = (await t.hub.deps.store.bookings.get(b.id))!;
    expect(now.status).toBe('confirmed');
    expect(now.end).toBe(b.end + 30 * MIN);
    // The same decision on the current facts applies once, and only once.
    expect(await t.hub.deps.store.bookings.change(now.id, now, { status: 'cancelled' })).toBe(true);
    expect(await t.hub.deps.store.bookings.change(now.id, now, { status: 'cancelled' })).toBe(false);
  });
});
