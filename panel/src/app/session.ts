/**
 * Who is signed in. The session itself is the hub's HttpOnly cookie
 * `hub_session` (set by POST /api/session); the page only asks who it belongs to.
 */
import type { UserDto } from '../../../shared/schemas/http.js';
import { api, ApiError } from './api.js';
import { setHubTime } from './hub-clock.js';

const KEY = 'office-app.user';

export async function signIn(username: string, password: string): Promise<UserDto> {
  const r = await api<{ user: UserDto }>('POST', '/api/session', { username, password });
  sessionStorage.setItem(KEY, JSON.stringify(r.user));
  await whoAmI(); // the hub's clock
  return r.user;
}

/** The signed-in user, or null. */
export async function whoAmI(): Promise<UserDto | null> {
  try {
    const s = await api<{ user: UserDto; now?: string }>('GET', '/api/session');
    setHubTime(s.now);
    return s.user;
  } catch (e) {
    if (!(e instanceof ApiError) || e.status !== 404 && e.status !== 405) return null;
  }
  // A hub without GET /api/session: the user this tab signed in as, if the cookie still holds.
  const stored = sessionStorage.getItem(KEY);
  if (!stored) return null;
  const user = JSON.parse(stored) as UserDto;
  try {
    return await api<UserDto>('GET', `/api/users/${encodeURIComponent(user.id)}`);
  } catch {
    return null;
  }
}

export async function signOut(): Promise<void> {
  sessionStorage.removeItem(KEY);
  try {
    await api('DELETE', '/api/session');
  } catch {
    // Already signed out, or a hub without DELETE /api/session: the page forgets the user either way.
  }
}

export function rememberUser(user: UserDto) {
  sessionStorage.setItem(KEY, JSON.stringify(user));
}
