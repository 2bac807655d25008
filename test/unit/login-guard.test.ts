import { describe, expect, it } from 'vitest';
import { LoginGuard } from '../../hub/domain/login-guard.js';

const MIN = 60_000;
const limits = { windowMs: 15 * MIN, perAddress: 10, perAccountAndAddress: 3, perAccount: 6, knownAddressMs: 30 * 1440 * MIN, maxKeys: 100 };

describe('LoginGuard (contract §3: repeated failures are slowed down, issue 8: not against the real user)', () => {
  it('counts an attempt from its start, so parallel guesses cannot all slip under the limit', () => {
    const g = new LoginGuard(limits);
    const verdicts = Array.from({ length: 5 }, () => g.begin('admin', '10.0.0.9', 0));
    expect(verdicts.map((v) => v.ok)).toEqual([true, true, true, false, false]);
    const refused = verdicts[3]!;
    expect(!refused.ok && refused.retryAfterMs).toBe(15 * MIN); // until the oldest of the three leaves the window
  });

  it("an attacker's failures do not lock the owner out from the owner's own address", () => {
    const g = new LoginGuard(limits);
    for (let i = 0; i < 3; i++) g.begin('admin', '10.0.0.9', i);
    expect(g.begin('admin', '10.0.0.9', 10).ok).toBe(false);
    expect(g.begin('admin', '192.168.1.5', 10).ok).toBe(true);
  });

  it('a spray over many addresses closes the account to unknown addresses only', () => {
    const g = new LoginGuard(limits);
    const owner = g.begin('admin', '192.168.1.5', 0);
    if (owner.ok) g.succeeded(owner.ticket, 0); // the owner signed in from here before
    for (let i = 0; i < 6; i++) g.begin('admin', `10.0.1.${i}`, 1);
    expect(g.begin('admin', '10.0.2.1', 2).ok).toBe(false);
    expect(g.begin('admin', '192.168.1.5', 2).ok).toBe(true);
  });

  it('limits one address across usernames, and forgets failures after the window', () => {
    const g = new LoginGuard(limits);
    for (let i = 0; i < 10; i++) expect(g.begin(`user${i}`, '10.0.0.7', 0).ok).toBe(true);
    expect(g.begin('user99', '10.0.0.7', 1).ok).toBe(false);
    expect(g.begin('user99', '10.0.0.7', 15 * MIN + 1).ok).toBe(true);
  });

  it('a success clears its own failure and the pair\'s count', () => {
    const g = new LoginGuard(limits);
    g.begin('admin', '10.0.0.1', 0);
    g.begin('admin', '10.0.0.1', 0);
    const ok = g.begin('admin', '10.0.0.1', 0);
    if (ok.ok) g.succeeded(ok.ticket, 0);
    expect(g.begin('admin', '10.0.0.1', 1).ok).toBe(true);
  });

  it('stays bounded under a spray of usernames', () => {
    const g = new LoginGuard({ ...limits, perAddress: 1e9 });
    for (let i = 0; i < 1000; i++) g.begin(`spray-${i}`, '10.0.0.3', 0);
    expect((g as unknown as { byPair: { map: Map<string, unknown> } }).byPair.map.size).toBeLessThanOrEqual(100);
  });
});
