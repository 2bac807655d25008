/**
 * G4: meeting content is confidential. Whoever is not in a private meeting's
 * audience (its host and attendees) sees that it exists and when, not its
 * title, attendees or minutes; the administration office sees all.
 */
export interface Viewer {
  id: string;
  role: string;
}

export function maySeeContent(viewer: Viewer, b: { private: boolean; hostId: string; attendees: readonly string[] }): boolean {
  return !b.private || viewer.role === 'admin' || viewer.id === b.hostId || b.attendees.includes(viewer.id);
}
