// A goal's changes in words — the number, the weeks, the words — as the goal page's history, the buddy's
// weekly email and the final report tell them. Here, below emails and buddy, so both can say it.
import type { Goal, GoalChange } from '../goal.js';
import { t, type Locale } from '../i18n/messages.js';

/** Each change, in words: the number, the weeks, the words — what history, buddy and report say. */
export function changeLines(locale: Locale, change: GoalChange, base: 'change.history' | 'change.buddy', owner = ''): string[] {
  const vars = { week: change.fromWeek, owner };
  return [
    change.from.perWeek !== change.to.perWeek ? t(locale, `${base}.perWeek`, { ...vars, from: change.from.perWeek, to: change.to.perWeek }) : '',
    change.from.weeks !== change.to.weeks ? t(locale, `${base}.weeks`, { ...vars, from: change.from.weeks, to: change.to.weeks }) : '',
    change.from.text !== change.to.text ? t(locale, `${base}.text`, vars) : '',
  ].filter(Boolean);
}

/**
 * What the buddy's weekly email for `week` tells: the change that applies from the week after it, once —
 * several changes made the same week are told as the one they add up to (2 → 3 → 4 is "from 2 to 4"; 2 → 3
 * → 2 is nothing).
 */
export function buddyNews(goal: Goal, week: number, owner: string): string {
  const changes = (goal.changes ?? []).filter((c) => c.fromWeek === week + 1);
  const [first, last] = [changes[0], changes.at(-1)];
  if (!first || !last) return '';
  return changeLines(goal.locale, { ...last, from: first.from }, 'change.buddy', owner).join(' ');
}

/** For the final report: a goal made easier in its last two weeks says so. */
export function lateEasierLine(goal: Goal): string {
  const late = (goal.changes ?? []).filter((c) => c.late && c.easier);
  if (late.length === 0) return '';
  const first = late[0]!;
  const last = late[late.length - 1]!;
  return t(goal.locale, 'change.final.late', { fromPerWeek: first.from.perWeek, fromWeeks: first.from.weeks, toPerWeek: last.to.perWeek, toWeeks: last.to.weeks });
}
