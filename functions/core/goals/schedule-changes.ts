// How a goal's schedule moves: after a check-in is sent, when it resumes, when its check-in time changes.
// The anchor (firstCheckinDate) is rewritten rather than counting from "now", so every later week stays
// on the chosen local weekday and hour.
import { DateTime } from 'luxon';
import type { Goal } from '../goal.js';
import type { GoalPatch } from '../update-goal.js';
import { checkinAt, finalReportAt, firstCheckinDate, type CheckinSchedule } from '../schedule/checkins.js';

export function scheduleOf(goal: Pick<Goal, 'checkinWeekday' | 'checkinHour' | 'timeZone'>): CheckinSchedule {
  return { weekday: goal.checkinWeekday, hour: goal.checkinHour, timeZone: goal.timeZone };
}

/** After week `week`'s check-in was sent: the next week, or the final report after the last. */
export function advanceAfterCheckin(goal: Goal, week: number): GoalPatch | undefined {
  if (goal.nextWeek !== week || !goal.firstCheckinDate) return undefined;
  const schedule = scheduleOf(goal);
  if (week < goal.weeks) {
    return { nextWeek: week + 1, nextCheckinAt: checkinAt(goal.firstCheckinDate, week + 1, schedule).toISOString() };
  }
  return { nextWeek: week + 1, nextCheckinAt: finalReportAt(goal.firstCheckinDate, goal.weeks, schedule).toISOString() };
}

/** A check-in moved by the owner (resume, new time) comes no sooner than this. */
export const MIN_HOURS_AFTER_CHANGE = 12;

/**
 * The anchor that puts week `week`'s check-in on the first scheduled slot at least `minHours` after
 * `from`: week `week` is then that date, week 1 lies (week-1) weeks before it.
 */
export function reanchor(from: Date, week: number, schedule: CheckinSchedule, minHours: number): GoalPatch {
  const date = firstCheckinDate(from, schedule, minHours);
  const anchor = DateTime.fromISO(date, { zone: schedule.timeZone }).minus({ weeks: week - 1 }).toISODate() as string;
  return { firstCheckinDate: anchor, nextCheckinAt: checkinAt(anchor, week, schedule).toISOString() };
}

/**
 * Active again from `now`; the week that was next stays next (paused weeks do not count). A resume the
 * owner clicks waits at least MIN_HOURS_AFTER_CHANGE; one on a chosen date takes that day's slot.
 */
export function resumePatch(goal: Goal, now: Date, minHours = MIN_HOURS_AFTER_CHANGE): GoalPatch {
  const week = goal.nextWeek ?? 1;
  // A reminder that fell due during the pause is not sent after it: the pause was the answer.
  const base: GoalPatch = { status: 'active', pausedAt: undefined, resumeAt: undefined, pauseReason: undefined, reminder: undefined };
  if (week > goal.weeks) return { ...base, nextCheckinAt: now.toISOString() }; // only the final report is left
  return { ...base, ...reanchor(now, week, scheduleOf(goal), minHours) };
}
