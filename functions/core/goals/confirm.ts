// Confirming a goal: the owner's click turns a pending goal into an active one with its first check-in set.
import { GoalNotFound, LinkSignedOut } from '../errors.js';
import { inviteOnConfirm } from '../buddy/invitations.js';
import type { Deps } from '../ports.js';
import { checkinAt, firstCheckinDate } from '../schedule/checkins.js';
import { verifyToken, type TokenClaims, type TokenPurpose } from '../tokens/tokens.js';
import type { Goal } from './goal.js';
import { updateGoal } from './update.js';
import { goalCommitment } from '../analysis/analyze.js';
import { generationBound } from './links.js';

export interface GoalRef {
  owner: string;
  goalId: string;
  /** The link generation of the link this came from, when it is bound to one (see generationBound). */
  generation?: number;
}

/** The goal a verified token names. */
export function goalRef(claims: TokenClaims): GoalRef {
  const [owner, goalId] = claims.subject;
  if (!owner || !goalId) throw new GoalNotFound('token names no goal');
  return { owner, goalId, ...(generationBound.has(claims.purpose) ? { generation: claims.generation ?? 0 } : {}) };
}

export function readGoalToken(deps: Deps, token: string, purpose: TokenPurpose): GoalRef {
  return goalRef(verifyToken(deps.config.keys, token, purpose, deps.clock.now()));
}

/** Throws LinkSignedOut when the link that named this goal (or person) is from before the owner signed every link out. */
export function assertLinkCurrent(goal: Pick<Goal, 'linkGeneration'>, ref: Pick<GoalRef, 'generation'>): void {
  if (ref.generation !== undefined && ref.generation !== (goal.linkGeneration ?? 0)) throw new LinkSignedOut();
}

export async function loadGoal(deps: Deps, ref: GoalRef): Promise<Goal> {
  const goal = await deps.store.getGoal(ref.owner, ref.goalId);
  if (!goal) throw new GoalNotFound();
  assertLinkCurrent(goal, ref);
  return goal;
}

export type ConfirmOutcome = { result: 'activated' | 'already-active'; goal: Goal };

export async function confirmGoal(deps: Deps, ref: GoalRef): Promise<ConfirmOutcome> {
  const now = deps.clock.now();
  let activated = false;
  const goal = await updateGoal(deps.store, ref.owner, ref.goalId, (current) => {
    assertLinkCurrent(current, ref);
    // Decided on each attempt: a retry may find the goal activated by a parallel click.
    activated = current.status === 'pending';
    if (!activated) return undefined;
    const schedule = { weekday: current.checkinWeekday, hour: current.checkinHour, timeZone: current.timeZone };
    const firstDate = firstCheckinDate(now, schedule);
    // Confirmed goals are kept: the TTL only clears goals nobody confirmed.
    return {
      status: 'active',
      commitment: goalCommitment(current, now),
      confirmedAt: now.toISOString(),
      firstCheckinDate: firstDate,
      nextWeek: 1,
      nextCheckinAt: checkinAt(firstDate, 1, schedule).toISOString(),
      expiresAt: undefined,
    };
  });
  if (!goal) throw new GoalNotFound();
  // Also when already active: a write that failed on the first click is made on the next.
  await deps.store.keepPerson(goal);
  const invited = await inviteOnConfirm(deps, goal);
  return { result: activated ? 'activated' : 'already-active', goal: invited };
}
