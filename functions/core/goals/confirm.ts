// Confirming a goal: the owner's click turns a pending goal into an active one with its first check-in set.
import { afterSaved, GoalNotFound, LimitReached } from '../errors.js';
import { sendInvitation } from '../buddy/invitations.js';
import type { Deps } from '../ports.js';
import { checkinAt, firstCheckinDate } from '../schedule/checkins.js';
import { verifyToken, type TokenPurpose } from '../tokens/tokens.js';
import type { Goal } from './goal.js';
import { updateGoal } from './update.js';
import { goalCommitment } from '../analysis/analyze.js';

export interface GoalRef {
  owner: string;
  goalId: string;
}

export function readGoalToken(deps: Deps, token: string, purpose: TokenPurpose): GoalRef {
  const claims = verifyToken(deps.config.keys, token, purpose, deps.clock.now());
  const [owner, goalId] = claims.subject;
  if (!owner || !goalId) throw new GoalNotFound('token names no goal');
  return { owner, goalId };
}

export async function loadGoal(deps: Deps, ref: GoalRef): Promise<Goal> {
  const goal = await deps.store.getGoal(ref.owner, ref.goalId);
  if (!goal) throw new GoalNotFound();
  return goal;
}

export type ConfirmOutcome = { result: 'activated' | 'already-active'; goal: Goal };

export async function confirmGoal(deps: Deps, ref: GoalRef): Promise<ConfirmOutcome> {
  const now = deps.clock.now();
  let activated = false;
  const goal = await updateGoal(deps.store, ref.owner, ref.goalId, (current) => {
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
  // Also when already active: an invitation that failed on the first click goes out on the next.
  const invited = await inviteNamedBuddy(deps, goal);
  return { result: activated ? 'activated' : 'already-active', goal: invited };
}

/**
 * A buddy named at sign-up is invited once the goal is confirmed; a limit reached keeps the goal confirmed,
 * and an invitation that could not be sent says the goal is confirmed all the same.
 */
async function inviteNamedBuddy(deps: Deps, goal: Goal): Promise<Goal> {
  if (goal.buddy?.status !== 'not-invited') return goal;
  try {
    return await afterSaved('error.email.confirmedInviteNotSent', () => sendInvitation(deps, goal.owner, goal.id));
  } catch (error) {
    if (error instanceof LimitReached) return goal;
    throw error;
  }
}
