/**
 * Login throttling that an attacker cannot turn against the real user
 * (contract §3: repeated failures are slowed down). Pure, time passed in.
 *
 * - Failures are counted per source address, and per account *and* address,
 *   in a sliding window: past the limit the answer is "try again in N s"
 *   (HTTP 429 with Retry-After) at once, never a sleep that holds the request.
 * - Guesses from elsewhere do not lock the owner out: an account under a
 *   spray from many addresses stays open to the addresses it signed in from.
 * - An attempt counts as a failure from its start until it succeeds, so
 *   guesses sent in parallel cannot all slip under the limit.
 * Memory stays bounded: each table forgets its least recently used keys.
 */
export interface LoginLimits {
  windowMs: number;
  /** Failures from one address, over all accounts. */
  perAddress: number;
  /** Failures for one account from one address. */
  perAccountAndAddress: number;
  /** Failures for one account from all addresses; past it only known addresses may try. */
  perAccount: number;
  /** Remembered addresses an account signed in from, and for how long. */
  knownAddressMs: number;
  maxKeys: number;
}

export const DEFAULT_LOGIN_LIMITS: LoginLimits = {
  windowMs: 15 * 60_000,
  perAddress: 30,
  perAccountAndAddress: 5,
  perAccount: 100,
  knownAddressMs: 30 * 86_400_000,
  maxKeys: 10_000,
};

export type LoginVerdict = { ok: true; ticket: LoginTicket } | { ok: false; retryAfterMs: number };
export interface LoginTicket {
  account: string;
  address: string;
  at: number;
}

/** Timestamps per key, oldest first, least recently used key evicted first. */
class Windows {
  private readonly map = new Map<string, number[]>();
  constructor(private readonly maxKeys: number) {}
  recent(key: string, since: number): number[] {
    const list = (this.map.get(key) ?? []).filter((t) => t > since);
    this.map.delete(key);
    if (list.length) this.map.set(key, list);
    return list;
  }
  add(key: string, t: number, since: number): void {
    const list = this.recent(key, since);
    list.push(t);
    this.map.set(key, list);
    if (this.map.size > this.maxKeys) this.map.delete(this.map.keys().next().value as string);
  }
  remove(key: string, t: number): void {
    const list = this.map.get(key);
    const i = list?.indexOf(t) ?? -1;
    if (list && i >= 0) list.splice(i, 1);
  }
  clear(key: string): void {
    this.map.delete(key);
  }
}

export class LoginGuard {
  private readonly byAddress: Windows;
  private readonly byPair: Windows;
  private readonly byAccount: Windows;
  private readonly known = new Map<string, number>();

  constructor(private readonly limits: LoginLimits = DEFAULT_LOGIN_LIMITS) {
    this.byAddress = new Windows(limits.maxKeys);
    this.byPair = new Windows(limits.maxKeys);
    this.byAccount = new Windows(limits.maxKeys);
  }

  /** Call before checking the password; the attempt counts as failed until `succeeded`. */
  begin(username: string, address: string, now: number): LoginVerdict {
    const account = username.toLowerCase();
    const since = now - this.limits.windowMs;
    const pair = `${account}\n${address}`;
    const wait = (list: number[], limit: number) => (list.length >= limit ? list[list.length - limit]! + this.limits.windowMs - now : 0);
    let retryAfterMs = Math.max(
      wait(this.byAddress.recent(address, since), this.limits.perAddress),
      wait(this.byPair.recent(pair, since), this.limits.perAccountAndAddress),
    );
    const knownUntil = this.known.get(pair) ?? 0;
    if (knownUntil <= now) retryAfterMs = Math.max(retryAfterMs, wait(this.byAccount.recent(account, since), this.limits.perAccount));
    if (retryAfterMs > 0) return { ok: false, retryAfterMs };
    this.byAddress.add(address, now, since);
    this.byPair.add(pair, now, since);
    this.byAccount.add(account, now, since);
    return { ok: true, ticket: { account, address, at: now } };
  }

  /** The password was right: the attempt was no failure, and the address is now known for the account. */
  succeeded(t: LoginTicket, now: number): void {
    const pair = `${t.account}\n${t.address}`;
    this.byAddress.remove(t.address, t.at);
    this.byAccount.remove(t.account, t.at);
    this.byPair.clear(pair);
    this.known.delete(pair);
    this.known.set(pair, now + this.limits.knownAddressMs);
    if (this.known.size > this.limits.maxKeys) this.known.delete(this.known.keys().next().value as string);
  }
}
