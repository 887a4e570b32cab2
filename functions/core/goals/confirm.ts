// Confirming a goal: the owner's click turns a pending goal into an active one with its first check-in set.
import { GoalNotFound } from '../errors.js';
import { inviteOnConfirm } from '../buddy/invitations.js';
import type { Deps } from '../ports.js';
import { checkinAt, firstCheckinDate } from '../schedule/checkins.js';
import type { Goal } from '../goal.js';
import { updateGoal } from '../update-goal.js';
import { goalCommitment } from '../analysis/analyze.js';
import { assertLinkCurrent, type GoalRef } from './access.js';

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
