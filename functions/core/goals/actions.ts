// What the owner can do from the goal page or an email: pause, resume, change the check-in time, stop.
import { GoalClosed, GoalNotFound } from '../errors.js';
import type { Deps } from '../ports.js';
import type { CheckinSchedule } from '../schedule/checkins.js';
import { MIN_HOURS_AFTER_CHANGE, reanchor, resumePatch } from './schedule-changes.js';
import { assertLinkCurrent, type GoalRef } from './access.js';
import type { Goal } from '../goal.js';
import { withMovedEnd } from './change-goal.js';
import { updateGoal, type GoalPatch } from '../update-goal.js';

async function change(deps: Deps, ref: GoalRef, patch: (goal: Goal) => GoalPatch | undefined): Promise<Goal> {
  const goal = await updateGoal(deps.store, ref.owner, ref.goalId, (current) => {
    assertLinkCurrent(current, ref);
    if (current.status === 'completed' || current.status === 'stopped') throw new GoalClosed();
    return patch(current);
  });
  if (!goal) throw new GoalNotFound();
  return goal;
}

/** Off the due index until `resumeAt` (then the tick resumes it), or until the owner resumes it. */
export function pauseGoal(deps: Deps, ref: GoalRef, resumeAt?: Date, reason: Goal['pauseReason'] = 'owner'): Promise<Goal> {
  const now = deps.clock.now().toISOString();
  return change(deps, ref, (goal) => {
    if (goal.status !== 'active' && goal.status !== 'paused') return undefined;
    // Paused just so already (a second unsubscribe click, a mail provider's retry): nothing to write.
    if (goal.status === 'paused' && goal.resumeAt === resumeAt?.toISOString() && goal.pauseReason === reason) return undefined;
    return { status: 'paused', pausedAt: goal.pausedAt ?? now, resumeAt: resumeAt?.toISOString(), pauseReason: reason };
  });
}

export function resumeGoal(deps: Deps, ref: GoalRef): Promise<Goal> {
  const now = deps.clock.now();
  return change(deps, ref, (goal) => (goal.status === 'paused' ? withMovedEnd(goal, resumePatch(goal, now), now) : undefined));
}

/** A new weekday, hour or zone; the next check-in moves to the first new slot at least 12 hours away. */
export function rescheduleGoal(deps: Deps, ref: GoalRef, schedule: CheckinSchedule): Promise<Goal> {
  const now = deps.clock.now();
  return change(deps, ref, (goal) => {
    const base: GoalPatch = { checkinWeekday: schedule.weekday, checkinHour: schedule.hour, timeZone: schedule.timeZone };
    const week = goal.nextWeek ?? 1;
    // Pending goals are scheduled when confirmed; a goal waiting only for its final report keeps that time.
    if (goal.status === 'pending' || week > goal.weeks) return base;
    return withMovedEnd(goal, { ...base, ...reanchor(now, week, schedule, MIN_HOURS_AFTER_CHANGE) }, now);
  });
}

export function stopGoal(deps: Deps, ref: GoalRef): Promise<Goal> {
  const now = deps.clock.now().toISOString();
  return change(deps, ref, () => ({ status: 'stopped', stoppedAt: now, resumeAt: undefined, nextCheckinAt: undefined }));
}
