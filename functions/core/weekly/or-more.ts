// The check-in's last button means "N or more". Recording N would make the chart and the totals false for
// a week of more, so its landing page asks for the exact number, N filled in.
import { MAX_WEEK_COUNT } from '../answers.js';
import type { Goal } from '../goal.js';
import { targetFor } from '../progress/targets.js';
import { buttonValues } from './checkin-email.js';

/** True when `value` is the week's "N or more" button (the week's own target, plus one). */
export function isOrMore(goal: Pick<Goal, 'targetPerWeek' | 'changes'>, week: number, value: number): boolean {
  const target = targetFor(goal, week);
  return value === target + 1 && buttonValues(target).at(-1) === value;
}

/** The exact number typed on the "N or more" page: a whole number of at least N; undefined otherwise. */
export function exactCount(typed: unknown, atLeast: number): number | undefined {
  if (typeof typed !== 'string' || !/^\s*\d{1,4}\s*$/.test(typed)) return undefined;
  const n = Number(typed);
  return n >= atLeast && n <= MAX_WEEK_COUNT ? n : undefined;
}
