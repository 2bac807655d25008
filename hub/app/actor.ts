/** Who asks for a use case: a signed-in person, a device, or the hub itself. */
import { NotAllowedError } from '../domain/errors.js';
import type { UserRecord } from './records.js';

export interface Actor {
  /** `user:<id>`, `device:<id>` or `system:<what>`: what the audit log records. */
  ref: string;
  user: UserRecord | null;
}

export const userActor = (user: UserRecord): Actor => ({ ref: `user:${user.id}`, user });
export const deviceActor = (deviceId: string): Actor => ({ ref: `device:${deviceId}`, user: null });
export const systemActor = (what: string): Actor => ({ ref: `system:${what}`, user: null });

export const isAdmin = (a: Actor) => a.user?.role === 'admin';

/** R1: rooms, devices and people are the administration office's. */
export function requireAdmin(a: Actor): void {
  if (!isAdmin(a)) throw new NotAllowedError('only the administration office may do this');
}
