import { describe, expect, it } from 'vitest';
import { maySeeContent } from '../../hub/domain/visibility.js';

const meeting = { private: true, hostId: 'host', attendees: ['guest'] };

describe('G4: a private meeting\'s content is for its audience', () => {
  it('shows a private meeting to its host, its attendees and the administration office', () => {
    expect(maySeeContent({ id: 'host', role: 'member' }, meeting)).toBe(true);
    expect(maySeeContent({ id: 'guest', role: 'member' }, meeting)).toBe(true);
    expect(maySeeContent({ id: 'boss', role: 'admin' }, meeting)).toBe(true);
  });

  it('hides it from everyone else, and hides nothing of a meeting that is not private', () => {
    expect(maySeeContent({ id: 'stranger', role: 'member' }, meeting)).toBe(false);
    expect(maySeeContent({ id: 'stranger', role: 'member' }, { ...meeting, private: false })).toBe(true);
  });
});
