// What counts as reached, and how far off the goal stands: one rule and one margin, said the same way on
// the goal page, in the check-in and in the final report. "Reached when the weeks add up to 26 in 13
// weeks, or 2 a week on average"; "2 short of pace", "3 ahead of pace". The verdict uses the total.
import type { Goal } from '../goal.js';
import { t, tPlural, type Locale } from '../i18n/messages.js';
import { isExcused, type Progress } from './progress.js';
import { targetFor, targetsVary } from './targets.js';

/** The weekly number on average over the weeks that count (a paused or jokered week does not). */
export function averagePerWeek(goal: Goal, progress: Progress): string | number {
  const counting = progress.rows.filter((r) => !isExcused(r)).length;
  if (!targetsVary(goal)) return goal.targetPerWeek;
  return new Intl.NumberFormat(goal.locale, { maximumFractionDigits: 1 }).format(progress.targetTotal / Math.max(1, counting));
}

/** "Reached when the weeks add up to 26 in 13 weeks, or 2 a week on average." */
export function ruleLine(goal: Goal, progress: Progress, locale: Locale = goal.locale): string {
  const span = tPlural(locale, 'email.span', goal.weeks, { weeks: goal.weeks });
  return t(locale, targetsVary(goal) ? 'email.final.rule.varying' : 'email.final.rule', { targetTotal: progress.targetTotal, span, perWeek: averagePerWeek(goal, progress) });
}

/** The total the weeks so far should have reached: each closed week's own target, paused and jokered weeks left out. */
export function expectedByNow(goal: Goal, progress: Progress): number {
  return progress.rows.slice(0, progress.closedWeeks).reduce((sum, r) => sum + (isExcused(r) ? 0 : targetFor(goal, r.week)), 0);
}

/** "2 short of pace (6 so far, 8 by now)", "3 ahead of pace …", "On pace …"; nothing before a week has closed. */
export function marginLine(goal: Goal, progress: Progress, locale: Locale = goal.locale): string {
  const expected = expectedByNow(goal, progress);
  if (progress.closedWeeks === 0 || expected === 0) return '';
  const diff = progress.total - expected;
  const vars = { total: progress.total, expected, diff: Math.abs(diff) };
  return t(locale, diff > 0 ? 'margin.ahead' : diff < 0 ? 'margin.behind' : 'margin.onPace', vars);
}
