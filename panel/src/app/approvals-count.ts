/** The after-hours queue's length (R15), for the count beside "Approvals" in the navigation. */
import { api } from './api.js';

/** Fired on window (detail: the new count) when the queue changed on this page. */
export const APPROVALS_CHANGED = 'office-approvals-changed';

export async function pendingCount(): Promise<number> {
  try {
    return (await api<unknown[]>('GET', '/api/approvals')).length;
  } catch {
    return 0;
  }
}
