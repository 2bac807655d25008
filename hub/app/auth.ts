/** Admin and member sign-in (contract §3: sessions, bootstrap admin, slowed-down failures). */
import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { NotAllowedError } from '../domain/errors.js';
import type { AppDeps } from './deps.js';
import type { UserRecord } from './ports.js';
import { hashPassword, hashToken, newToken, verifyPassword } from './secrets.js';
import { WALK_IN_USER } from './handle-panel-request.js';

const SESSION_TTL_MS = 12 * 3_600_000;

export class UnauthorizedError extends Error {
  readonly code = 'unauthorized';
}

/**
 * Repeated failures for one username are slowed down: after 3 failures each
 * attempt waits longer (up to 5 s), so guessing is slow but a typo is not.
 * An attempt counts as a failure from the moment it starts (a success clears
 * it), so guesses sent in parallel queue behind each other's delays.
 */
export class LoginThrottle {
  private failures = new Map<string, { count: number; last: number }>();
  constructor(private readonly now: () => number) {}
  /** Records the attempt and returns how long it must wait first. */
  begin(key: string): number {
    const prev = this.failures.get(key);
    const count = prev && this.now() - prev.last <= 15 * 60_000 ? prev.count : 0;
    this.failures.delete(key); // re-insert: the map's order is least recently tried first
    this.failures.set(key, { count: count + 1, last: this.now() });
    // Bounded memory under a spray of usernames: forget the least recently tried, never all.
    if (this.failures.size > 10_000) this.failures.delete(this.failures.keys().next().value as string);
    return count < 3 ? 0 : Math.min(5000, 250 * 2 ** (count - 3));
  }
  succeed(key: string) {
    this.failures.delete(key);
  }

  private readonly tails = new Map<string, Promise<unknown>>();
  /** Attempts for one username run one after another, each after its own delay. */
  serialise<T>(key: string, attempt: () => Promise<T>): Promise<T> {
    const run = (this.tails.get(key) ?? Promise.resolve()).catch(() => {}).then(attempt);
    this.tails.set(key, run);
    void run.catch(() => {}).finally(() => {
      if (this.tails.get(key) === run) this.tails.delete(key);
    });
    return run;
  }
}

export async function login(
  deps: AppDeps,
  throttle: LoginThrottle,
  username: string,
  password: string,
  sleep: (ms: number) => Promise<void>,
): Promise<{ token: string; user: UserRecord }> {
  const key = username.toLowerCase();
  const user = await throttle.serialise(key, async () => {
    const delay = throttle.begin(key);
    if (delay > 0) await sleep(delay);
    const found = await deps.store.users.byUsername(username);
    if (!found || !(await verifyPassword(password, found.passwordHash))) throw new UnauthorizedError('wrong username or password');
    throttle.succeed(key);
    return found;
  });
  const token = newToken();
  await deps.store.sessions.create(hashToken(token), user.id, deps.clock.now() + SESSION_TTL_MS);
  return { token, user };
}

export async function userForToken(deps: AppDeps, token: string): Promise<UserRecord | null> {
  return deps.store.sessions.userFor(hashToken(token), deps.clock.now());
}

export function requireAdmin(user: UserRecord) {
  if (user.role !== 'admin') throw new NotAllowedError('only the administration office may do this');
}

/**
 * Contract §1: on first start with an empty database, create `admin` with
 * HUB_ADMIN_PASSWORD, or a random password written once to the data folder.
 */
export async function bootstrapUsers(deps: AppDeps, adminPassword: string | undefined, passwordFile: string): Promise<void> {
  if (!(await deps.store.users.byId(WALK_IN_USER))) {
    await deps.store.users.create({ id: WALK_IN_USER, username: WALK_IN_USER, name: 'Walk-up · 临时', role: 'member', department: null, badgeUid: null, passwordHash: null });
  }
  if (await deps.store.users.byUsername('admin')) return;
  if ((await deps.store.users.count()) > 1) return;
  let password = adminPassword;
  if (!password) {
    password = randomBytes(12).toString('base64url');
    await mkdir(dirname(passwordFile), { recursive: true });
    await writeFile(passwordFile, `${password}\n`, { mode: 0o600 });
    deps.log.warn({ file: passwordFile }, 'created user admin with a random password');
  }
  await deps.store.users.create({ id: 'admin', username: 'admin', name: 'Administrator', role: 'admin', department: null, badgeUid: null, passwordHash: await hashPassword(password) });
}
