// Come back, not give up: after a missed week (0, or no answer) the next check-in welcomes the owner back,
// the first answered week after a miss is "back on track", and progress is framed by what is done before
// halfway and by what is left after it ("8 to go in 5 weeks"). Paused and joker weeks are not misses.
import type { Goal } from '../goal.js';
import { t, tPlural } from '../i18n/messages.js';
import type { Progress, WeekRow } from '../progress/progress.js';

const missed = (row: WeekRow | undefined): boolean => row?.state === 'no-answer' || (row?.state === 'answered' && row.count === 0);

/** The week before `week` was missed: its check-in welcomes the owner back. */
export const welcomesBack = (progress: Progress, week: number): boolean => week > 1 && missed(progress.rows[week - 2]);

/** `week` has a number above 0 and the week before it was missed. */
export function backOnTrack(progress: Progress, week: number): boolean {
  const row = progress.rows[week - 1];
  return week > 1 && row?.state === 'answered' && (row.count ?? 0) > 0 && missed(progress.rows[week - 2]);
}

/** The check-in's progress line for `week`: what is done before halfway, what is left from halfway on. */
export function progressLine(goal: Goal, progress: Progress, week: number): string {
  const done = week - 1;
  if (done === 0) return '';
  const vars = { total: progress.total, targetTotal: progress.targetTotal, done };
  if (done < goal.weeks / 2) return tPlural(goal.locale, 'email.checkin.done', done, vars);
  const left = progress.targetTotal - progress.total;
  if (left <= 0) return t(goal.locale, 'email.checkin.left.reached', vars);
  const weeksLeft = goal.weeks - done;
  return tPlural(goal.locale, 'email.checkin.left', weeksLeft, { ...vars, left, weeksLeft });
}
