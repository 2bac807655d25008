/**
 * M6: a contested item settled by a vote. The options are fixed when it
 * opens; each person in the meeting who is present casts one ballot (and may
 * change it while the vote is open); closing counts them. A tie has no winner:
 * the host decides (M7) and records the decision.
 */
import { InvalidError, NotAllowedError, StateConflictError } from '../errors.js';

export function checkOptions(options: readonly string[]): string[] {
  const trimmed = options.map((o) => o.trim());
  if (new Set(trimmed.map((o) => o.toLowerCase())).size !== trimmed.length) throw new InvalidError('the options must differ', { field: 'options' });
  return trimmed;
}

export interface VoteView {
  status: 'open' | 'closed';
  options: readonly string[];
}

export function checkBallot(v: VoteView, choice: string, present: boolean): void {
  if (v.status !== 'open') throw new StateConflictError('the vote is closed');
  if (!present) throw new NotAllowedError('only people present (signed in) may vote');
  if (!v.options.includes(choice)) throw new InvalidError(`choose one of: ${v.options.join(', ')}`, { field: 'choice' });
}

export interface Tally {
  counts: Record<string, number>;
  winner: string | null;
  ballots: number;
}

export function tally(options: readonly string[], ballots: readonly { choice: string }[]): Tally {
  const counts = Object.fromEntries(options.map((o) => [o, 0])) as Record<string, number>;
  for (const b of ballots) if (b.choice in counts) counts[b.choice]!++;
  const top = Math.max(0, ...Object.values(counts));
  const leaders = options.filter((o) => counts[o] === top);
  return { counts, winner: top > 0 && leaders.length === 1 ? leaders[0]! : null, ballots: ballots.length };
}

/** G3, M4: present means signed in (on time or late) and not gone. */
export const isPresent = (a: { status: string; leftAt?: number | null } | undefined) => !!a && (a.status === 'on_time' || a.status === 'late') && !a.leftAt;
