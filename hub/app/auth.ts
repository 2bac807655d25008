/** Sign-in of people (contract §3: sessions, the bootstrap admin, throttled failures). */
import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { DuplicateError, RateLimitedError, UnauthorizedError } from '../domain/errors.js';
import type { LoginGuard } from '../domain/login-guard.js';
import { systemActor } from './actor.js';
import type { AppDeps } from './deps.js';
import { WALK_IN_USER } from './handle-panel-request.js';
import type { UserRecord } from './ports.js';
import { hashPassword, hashToken, newToken, verifyPassword } from './secrets.js';
import { runWork } from './work.js';

const SESSION_TTL_MS = 12 * 3_600_000;

/**
 * A hash of a password nobody has: an unknown username costs the same scrypt
 * as a known one, so answer times do not tell which usernames exist.
 */
const NOBODY = hashPassword(randomBytes(16).toString('hex'));

export async function login(
  deps: AppDeps,
  guard: LoginGuard,
  username: string,
  password: string,
  address: string,
): Promise<{ token: string; user: UserRecord }> {
  const now = Date.now(); // throttling runs on the wall clock, not the policy clock
  const verdict = guard.begin(username, address, now);
  if (!verdict.ok) {
    const s = Math.ceil(verdict.retryAfterMs / 1000);
    throw new RateLimitedError(`too many failed sign-ins; try again in ${s} s`, s);
  }
  const found = await deps.reads.users.byUsername(username);
  const ok = await verifyPassword(password, found?.passwordHash ?? (await NOBODY));
  if (!found || !ok || found.deactivatedAt !== null || found.passwordHash === null) throw new UnauthorizedError();
  guard.succeeded(verdict.ticket, Date.now());
  const token = newToken();
  await runWork(deps, `user:${found.id}`, (w) => w.store.sessions.create(hashToken(token), found.id, w.now + SESSION_TTL_MS));
  return { token, user: found };
}

/** Signing out ends the session the token stands for. */
export async function logout(deps: AppDeps, token: string): Promise<void> {
  await runWork(deps, 'system:session', (w) => w.store.sessions.end(hashToken(token)));
}

export async function userForToken(deps: AppDeps, token: string): Promise<UserRecord | null> {
  return deps.reads.sessions.userFor(hashToken(token), deps.clock.now());
}

/**
 * Contract §1: on first start with an empty database, create `admin` with
 * HUB_ADMIN_PASSWORD, or a random password written once to the data folder.
 */
export async function bootstrapUsers(deps: AppDeps, adminPassword: string | undefined, passwordFile: string): Promise<void> {
  const base = { role: 'member' as const, department: null, badgeUid: null, email: null, passwordHash: null, deactivatedAt: null, locale: null };
  const actor = systemActor('bootstrap').ref;
  // Several hubs of one site may start together on an empty database (contract §9): the one
  // that loses the race to create a user finds it created.
  const createOnce = (work: Parameters<typeof runWork>[2]) => runWork(deps, actor, work).catch((err) => {
    if (!(err instanceof DuplicateError)) throw err;
  });
  if (!(await deps.reads.users.byId(WALK_IN_USER))) {
    await createOnce((w) => w.store.users.create({ ...base, id: WALK_IN_USER, username: WALK_IN_USER, name: 'Walk-up · 临时' }));
  }
  if (await deps.reads.users.byUsername('admin')) return;
  if ((await deps.reads.users.count()) > 1) return;
  let password = adminPassword;
  if (!password) {
    password = randomBytes(12).toString('base64url');
    await mkdir(dirname(passwordFile), { recursive: true });
    await writeFile(passwordFile, `${password}\n`, { mode: 0o600 });
    deps.log.warn({ file: passwordFile }, 'created user admin with a random password');
  }
  const passwordHash = await hashPassword(password);
  await createOnce((w) => w.store.users.create({ ...base, id: 'admin', username: 'admin', name: 'Administrator', role: 'admin', passwordHash }));
}
