/**
 * M6, M7, G5: votes, decisions and follow-up actions, recorded as the meeting
 * takes them. A decision always names an owner and a deadline, and its
 * execution is followed as an action item (C4-C6); actions may also be set
 * on their own. Votes are cast by the people present (M4: signed in).
 */
import { InvalidError, NotFoundError, StateConflictError } from '../../domain/errors.js';
import { checkBallot, checkOptions, isPresent, tally } from '../../domain/meetings/votes.js';
import type { Actor } from '../actor.js';
import { type AppDeps, newId } from '../deps.js';
import type { ActionRecord, DecisionRecord, VoteRecord } from '../ports.js';
import { runWork, type Work } from '../work.js';
import { meetingContext } from './context.js';
import { requirePerson } from './people.js';

export interface OutcomeInput {
  text: string;
  ownerId: string;
  deadline: number;
  agendaItemId?: string;
}

async function checkOutcome(w: Work, bookingId: string, input: OutcomeInput) {
  // G5: both are required by the schema; here, that they make sense.
  const owner = await requirePerson(w.store, input.ownerId, 'owner');
  if (input.agendaItemId) {
    const item = await w.store.agenda.get(input.agendaItemId);
    if (!item || item.bookingId !== bookingId) throw new InvalidError(`no agenda item ${input.agendaItemId} in this meeting`, { field: 'agendaItem' });
  }
  return owner;
}

function newAction(w: Work, b: { id: string; seriesId: string | null }, input: OutcomeInput, department: string | null, decisionId: string | null): ActionRecord {
  return {
    id: newId('act'),
    bookingId: b.id,
    seriesId: b.seriesId,
    decisionId,
    text: input.text,
    ownerId: input.ownerId,
    department,
    deadline: input.deadline,
    status: 'open',
    plan: null,
    progress: [],
    problems: [],
    report: null,
    completedAt: null,
    evaluation: null,
    overdueReason: null,
    remedy: null,
    analysedAt: null,
    overdueNotifiedAt: null,
    createdBy: w.actor,
    createdAt: w.now,
    updatedAt: w.now,
  };
}

/** Records the record once it has content: a meeting with decisions has a record (and so minutes, C1). */
async function ensureRecord(w: Work, ctx: Awaited<ReturnType<typeof meetingContext>>) {
  if (!ctx.stored) await w.store.meetings.put(ctx.meeting);
}

export async function recordDecision(deps: AppDeps, bookingId: string, input: OutcomeInput & { voteId?: string }, actor: Actor): Promise<{ decision: DecisionRecord; action: ActionRecord }> {
  return runWork(deps, actor.ref, async (w) => {
    const ctx = await meetingContext(w.store, bookingId, actor);
    ctx.require('record_outcomes');
    const owner = await checkOutcome(w, bookingId, input);
    if (input.voteId) {
      const v = await w.store.votes.get(input.voteId);
      if (!v || v.bookingId !== bookingId) throw new InvalidError(`no vote ${input.voteId} in this meeting`, { field: 'vote' });
    }
    await ensureRecord(w, ctx);
    const decision = await w.store.decisions.create({
      id: newId('dec'),
      bookingId,
      agendaItemId: input.agendaItemId ?? null,
      voteId: input.voteId ?? null,
      text: input.text,
      ownerId: input.ownerId,
      deadline: input.deadline,
      createdBy: w.actor,
      createdAt: w.now,
    });
    const action = await w.store.actions.create(newAction(w, ctx.booking, input, owner.department, decision.id));
    w.emit({ type: 'decision.recorded', bookingId, decision, action });
    return { decision, action };
  });
}

export async function recordAction(deps: AppDeps, bookingId: string, input: OutcomeInput, actor: Actor): Promise<ActionRecord> {
  return runWork(deps, actor.ref, async (w) => {
    const ctx = await meetingContext(w.store, bookingId, actor);
    ctx.require('record_outcomes');
    const owner = await checkOutcome(w, bookingId, input);
    await ensureRecord(w, ctx);
    const action = await w.store.actions.create(newAction(w, ctx.booking, input, owner.department, null));
    w.emit({ type: 'action.created', bookingId, action });
    return action;
  });
}

export async function openVote(deps: AppDeps, bookingId: string, input: { question: string; options: string[]; agendaItemId?: string }, actor: Actor): Promise<VoteRecord> {
  return runWork(deps, actor.ref, async (w) => {
    const ctx = await meetingContext(w.store, bookingId, actor);
    ctx.require('run_vote');
    if (ctx.booking.status !== 'checked_in') throw new StateConflictError('a vote is held during the meeting (once it is checked in)');
    await ensureRecord(w, ctx);
    const vote = await w.store.votes.create({
      id: newId('vot'),
      bookingId,
      agendaItemId: input.agendaItemId ?? null,
      question: input.question,
      options: checkOptions(input.options),
      status: 'open',
      openedBy: w.actor,
      openedAt: w.now,
      closedAt: null,
      result: null,
    });
    w.emit({ type: 'vote.opened', bookingId, vote });
    return vote;
  });
}

async function voteIn(w: Work, bookingId: string, voteId: string): Promise<VoteRecord> {
  const v = await w.store.votes.get(voteId);
  if (!v || v.bookingId !== bookingId) throw new NotFoundError('vote', voteId);
  return v;
}

export async function castBallot(deps: AppDeps, bookingId: string, voteId: string, choice: string, actor: Actor): Promise<void> {
  await runWork(deps, actor.ref, async (w) => {
    const ctx = await meetingContext(w.store, bookingId, actor);
    ctx.require('cast_ballot');
    const v = await voteIn(w, bookingId, voteId);
    const me = (await w.store.attendance.list(bookingId)).find((a) => a.userId === actor.user?.id);
    checkBallot(v, choice, isPresent(me));
    await w.store.votes.cast(voteId, actor.user!.id, choice, w.now);
  });
}

export async function closeVote(deps: AppDeps, bookingId: string, voteId: string, actor: Actor): Promise<VoteRecord> {
  return runWork(deps, actor.ref, async (w) => {
    const ctx = await meetingContext(w.store, bookingId, actor);
    ctx.require('run_vote');
    const v = await voteIn(w, bookingId, voteId);
    const result = tally(v.options, await w.store.votes.ballots(voteId));
    if (!(await w.store.votes.close(voteId, w.now, result))) throw new StateConflictError('the vote is already closed');
    const closed: VoteRecord = { ...v, status: 'closed', closedAt: w.now, result };
    w.emit({ type: 'vote.closed', bookingId, vote: closed });
    return closed;
  });
}
