/** People (contract §3 users): created, changed, and deactivated with their history kept. */
import type { UserRole } from '../../shared/enums.js';
import { NotAllowedError, NotFoundError } from '../domain/errors.js';
import { type Actor, requireAdmin } from './actor.js';
import { type AppDeps, newId } from './deps.js';
import { WALK_IN_USER } from './handle-panel-request.js';
import type { UserRecord } from './ports.js';
import { hashPassword } from './secrets.js';
import { runWork } from './work.js';

export interface UserInput {
  id?: string;
  username: string;
  name: string;
  password?: string;
  role: UserRole;
  department?: string;
  badgeUid?: string;
  email?: string;
  locale?: 'zh-CN' | 'en';
}

export async function createUser(deps: AppDeps, input: UserInput, actor: Actor): Promise<UserRecord> {
  requireAdmin(actor);
  const passwordHash = input.password ? await hashPassword(input.password) : null;
  // Taken ids, usernames and badges are refused by the database's unique keys (409), races included.
  return runWork(deps, actor.ref, async (w) => {
    const user = await w.store.users.create({
      id: input.id ?? newId('u'),
      username: input.username,
      name: input.name,
      role: input.role,
      department: input.department ?? null,
      badgeUid: input.badgeUid ?? null,
      email: input.email ?? null,
      passwordHash,
      deactivatedAt: null,
      locale: input.locale ?? null,
    });
    w.emit({ type: 'user.created', user });
    return user;
  });
}

export interface UserPatch {
  name?: string;
  role?: UserRole;
  department?: string | null;
  /** A lost badge is replaced (a new UID) or cleared (null). */
  badgeUid?: string | null;
  email?: string | null;
  password?: string;
  locale?: 'zh-CN' | 'en' | null;
}

/** Admins change anyone; a person may change their own name, email and password. */
export async function updateUser(deps: AppDeps, id: string, patch: UserPatch, actor: Actor): Promise<UserRecord> {
  const self = actor.user?.id === id;
  const adminOnly = (['role', 'department', 'badgeUid'] as const).filter((k) => patch[k] !== undefined);
  if (!self || adminOnly.length > 0) requireAdmin(actor);
  if (id === WALK_IN_USER) throw new NotAllowedError('the walk-up user is built in');
  const { password, ...fields } = patch;
  const passwordHash = password ? await hashPassword(password) : undefined;
  return runWork(deps, actor.ref, async (w) => {
    if (!(await w.store.users.byId(id))) throw new NotFoundError('user', id);
    const user = await w.store.users.update(id, { ...fields, ...(passwordHash ? { passwordHash } : {}) });
    // A new password ends every other session of the person.
    if (passwordHash) await w.store.sessions.endAllOf(id);
    w.emit({ type: 'user.updated', user, changes: Object.keys(patch) });
    return user;
  });
}

/**
 * Contract §3: DELETE deactivates. The person can no longer sign in (sessions
 * end) and their badge opens nothing; bookings, attendance and the audit log keep them.
 */
export async function deactivateUser(deps: AppDeps, id: string, actor: Actor): Promise<UserRecord> {
  requireAdmin(actor);
  if (id === WALK_IN_USER || actor.user?.id === id) throw new NotAllowedError(id === WALK_IN_USER ? 'the walk-up user is built in' : 'you cannot deactivate yourself');
  return runWork(deps, actor.ref, async (w) => {
    const before = await w.store.users.byId(id);
    if (!before) throw new NotFoundError('user', id);
    if (before.deactivatedAt !== null) return before;
    const user = await w.store.users.update(id, { deactivatedAt: w.now, badgeUid: null });
    await w.store.sessions.endAllOf(id);
    w.emit({ type: 'user.deactivated', user });
    return user;
  });
}
