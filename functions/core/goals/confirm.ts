// Confirming a goal: the owner's click turns a pending goal into an active one with its first check-in set.
import { GoalNotFound } from '../errors.js';
import type { Deps } from '../ports.js';
import { checkinAt, firstCheckinDate } from '../schedule/checkins.js';
import { verifyToken } from '../tokens/tokens.js';
import type { Goal } from './goal.js';

export interface GoalRef {
  owner: string;
  goalId: string;
}

export function readGoalToken(deps: Deps, token: string, purpose: 'confirm' | 'goal'): GoalRef {
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
  const goal = await loadGoal(deps, ref);
  if (goal.status !== 'pending') return { result: 'already-active', goal };
  const now = deps.clock.now();
  const schedule = { weekday: goal.checkinWeekday, hour: goal.checkinHour, timeZone: goal.timeZone };
  const firstDate = firstCheckinDate(now, schedule);
  const activation = {
    confirmedAt: now.toISOString(),
    firstCheckinDate: firstDate,
    nextCheckinAt: checkinAt(firstDate, 1, schedule).toISOString(),
  };
  const result = await deps.store.activateGoal(ref.owner, ref.goalId, activation);
  if (result === 'missing') throw new GoalNotFound();
  if (result === 'already-active') return { result, goal: await loadGoal(deps, ref) };
  return { result, goal: { ...goal, ...activation, status: 'active', nextWeek: 1 } };
}
