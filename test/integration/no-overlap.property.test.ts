/**
 * G1, M1, R3 as a property: after any sequence of creates, edits, series,
 * series moved this-and-following, and cancels (each refused or not), no two active bookings of one room overlap,
 * and no person is in two active bookings at once.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { userActor } from '../../hub/app/actor.js';
import { cancelBooking } from '../../hub/app/close-booking.js';
import { createBooking } from '../../hub/app/create-booking.js';
import { changeSeries, createSeries } from '../../hub/app/series.js';
import { updateBooking } from '../../hub/app/update-booking.js';
import { DomainError } from '../../hub/domain/errors.js';
import { PROVIDERS } from '../support/databases.js';
import { startTestHub, type TestHub } from '../support/hub-fixture.js';

const MIN = 60_000;
const ROOMS = ['p1', 'p2', 'p3'];
const PEOPLE = ['u1', 'u2', 'u3', 'u4'];
const ACTIVE = new Set(['confirmed', 'checked_in', 'pending_approval']);

const slot = fc.record({ day: fc.integer({ min: 1, max: 3 }), quarter: fc.integer({ min: 0, max: 30 }), length: fc.integer({ min: 1, max: 8 }) });
const people = fc.subarray(PEOPLE, { minLength: 1, maxLength: 3 });
const command = fc.oneof(
  fc.record({ kind: fc.constant('create' as const), room: fc.constantFrom(...ROOMS), slot, people }),
  fc.record({ kind: fc.constant('series' as const), room: fc.constantFrom(...ROOMS), slot, people, count: fc.integer({ min: 2, max: 4 }) }),
  fc.record({ kind: fc.constant('edit' as const), pick: fc.nat(), slot, people }),
  fc.record({ kind: fc.constant('cancel' as const), pick: fc.nat() }),
  // This and following of a series moved to another time of day, with new people.
  fc.record({ kind: fc.constant('move' as const), pick: fc.nat(), quarter: fc.integer({ min: 28, max: 50 }), length: fc.integer({ min: 1, max: 8 }), people }),
);

describe.each(PROVIDERS)('no overlaps, whatever happens, on %s', (provider) => {
  let t: TestHub;
  beforeAll(async () => {
    t = await startTestHub(provider);
    for (const id of ROOMS) await t.api('POST', '/api/rooms', { id, name: id, capacity: 10, openingHours: [{ days: [1, 2, 3, 4, 5, 6, 7], open: '07:00', close: '21:00' }] });
    for (const id of PEOPLE) await t.api('POST', '/api/users', { id, username: id, name: id });
  });
  afterAll(() => t.stop());

  it('holds for random sequences of creates, series, series moves, edits and cancels', async () => {
    const admin = userActor((await t.hub.deps.reads.users.byId('admin'))!);
    const base = t.clock.now() + 2 * 86_400_000;
    const at = (s: { day: number; quarter: number; length: number }) => {
      const start = base + s.day * 86_400_000 + s.quarter * 15 * MIN;
      return { start, end: start + s.length * 15 * MIN };
    };
    const made: string[] = [];
    const series: string[] = [];
    const attempt = async (run: () => Promise<unknown>) => {
      try {
        await run();
      } catch (err) {
        if (!(err instanceof DomainError)) throw err; // refusals are fine; anything else is a bug
      }
    };
    await fc.assert(
      fc.asyncProperty(fc.array(command, { minLength: 5, maxLength: 14 }), async (commands) => {
        await Promise.all(
          commands.map(async (c) => {
            const [host, ...attendees] = 'people' in c ? c.people : ['u1'];
            if (c.kind === 'create') {
              await attempt(async () => made.push((await createBooking(t.hub.deps, { roomId: c.room, title: 'p', ...at(c.slot), headcount: 1, hostId: host, attendees }, admin)).booking.id));
            } else if (c.kind === 'series') {
              await attempt(async () => {
                const r = await createSeries(t.hub.deps, { roomId: c.room, title: 's', ...at(c.slot), rrule: `FREQ=DAILY;COUNT=${c.count}`, headcount: 1, hostId: host, attendees }, admin);
                for (const o of r.occurrences) if (o.booking) made.push(o.booking.id);
                series.push(r.series.id);
              });
            } else if (c.kind === 'move') {
              if (series.length === 0) return;
              const id = series[c.pick % series.length]!;
              const q = c.quarter * 15;
              const time = { start: `${String(Math.floor(q / 60) % 24).padStart(2, '0')}:${String(q % 60).padStart(2, '0')}`, minutes: c.length * 15 };
              await attempt(() => changeSeries(t.hub.deps, id, { from: 0, time, attendees }, admin));
            } else if (made.length > 0) {
              const id = made[c.pick % made.length]!;
              if (c.kind === 'edit') await attempt(() => updateBooking(t.hub.deps, id, { ...at(c.slot), attendees }, admin));
              else await attempt(() => cancelBooking(t.hub.deps, id, admin));
            }
          }),
        );
        const active = (await t.hub.deps.reads.bookings.list({ limit: 5000 })).filter((b) => ACTIVE.has(b.status));
        for (let i = 0; i < active.length; i++) {
          for (let j = i + 1; j < active.length; j++) {
            const a = active[i]!;
            const b = active[j]!;
            if (a.start >= b.end || b.start >= a.end) continue;
            expect(a.roomId === b.roomId, `room ${a.roomId}: ${a.id} and ${b.id} overlap`).toBe(false);
            const shared = [a.hostId, ...a.attendees].filter((p) => [b.hostId, ...b.attendees].includes(p));
            expect(shared, `${shared.join(', ')} in ${a.id} and ${b.id} at once`).toEqual([]);
          }
        }
      }),
      { numRuns: provider === 'sqlite' ? 25 : 10 },
    );
  }, 120_000);
});
