// Changing a goal honestly: its words, weekly number or weeks, from the goal page or by replying
// "change: 3 per week" / "endre: 3 i uka". A change applies from the week after the one being lived
// (weeks already reported keep the target they had), is kept in the goal's history, rebuilds the
// commitment sentence, and the buddy hears of it in their next weekly email.
import { goalCommitment } from '../analysis/analyze.js';
import { readGoal } from '../analysis/goal-reader.js';
import { DomainError, GoalClosed, GoalNotFound } from '../errors.js';
import { t, type Locale, type MessageKey } from '../i18n/messages.js';
import type { Deps } from '../ports.js';
import { assertLinkCurrent, type GoalRef } from './confirm.js';
import type { Goal, GoalChange, GoalTerms } from './goal.js';
import { updateGoal, type GoalPatch } from './update.js';

/** The weeks a goal can run, as on the sign-up form. */
export const MAX_WEEKS = 52;
/** "Within the last two weeks": a change made then that lowers the bar is shown as such in the final report. */
const LATE_WEEKS = 2;

/** A change that cannot be made as asked; `field` says where the page shows why. */
export class ChangeRefused extends DomainError {
  readonly status = 400;
  readonly messageKey: MessageKey;
  constructor(
    messageKey: MessageKey,
    readonly field: 'goal' | 'perWeek' | 'weeks',
  ) {
    super(messageKey);
    this.messageKey = messageKey;
  }
}

/** Where the commitment's weeks count from: the confirmation, moved on by every pause since. */
export function commitmentStart(goal: Pick<Goal, 'commitmentStart' | 'confirmedAt'>, now: Date): Date {
  return new Date(goal.commitmentStart ?? goal.confirmedAt ?? now.toISOString());
}

/**
 * A resume or a new check-in time moves the weeks (the anchor, week 1's date): the end date moves with them,
 * and the commitment sentence says the new one ("… until 14 April").
 */
export function withMovedEnd(goal: Goal, patch: GoalPatch, now: Date): GoalPatch {
  const from = goal.firstCheckinDate;
  const to = patch.firstCheckinDate;
  if (!from || !to || from === to || !goal.commitment) return patch;
  const start = new Date(commitmentStart(goal, now).getTime() + (Date.parse(to) - Date.parse(from)));
  return { ...patch, commitmentStart: start.toISOString(), commitment: commitmentFor(goal, termsOf(goal), start) };
}

/** The week a change made now applies from: the one after the week being lived. */
export function changeFromWeek(goal: Pick<Goal, 'nextWeek'>): number {
  return (goal.nextWeek ?? 1) + 1;
}

export function termsOf(goal: Pick<Goal, 'text' | 'targetPerWeek' | 'weeks'>): GoalTerms {
  return { text: goal.text, perWeek: goal.targetPerWeek, weeks: goal.weeks };
}

/** The commitment sentence with the new number and weeks; the person's words stay as they wrote them. */
export function commitmentFor(goal: Goal, terms: GoalTerms, start: Date): string {
  const reading = readGoal(terms.text, start);
  const at = reading.countAt;
  const text = at && reading.count !== terms.perWeek ? `${terms.text.slice(0, at.index)}${terms.perWeek}${terms.text.slice(at.index + at.length)}` : terms.text;
  return goalCommitment({ text, locale: goal.locale, weeks: terms.weeks }, start);
}

/**
 * Applies `edit` to an active or paused goal; returns the goal and the change (none when nothing differs).
 * Fewer weeks than have begun is refused: a week underway cannot be taken back.
 */
export async function changeGoal(deps: Pick<Deps, 'store' | 'clock'>, ref: GoalRef, edit: Partial<GoalTerms>): Promise<{ goal: Goal; change?: GoalChange }> {
  const now = deps.clock.now();
  let made: GoalChange | undefined;
  const goal = await updateGoal(deps.store, ref.owner, ref.goalId, (current) => {
    assertLinkCurrent(current, ref);
    made = undefined;
    if (current.status !== 'active' && current.status !== 'paused') throw new GoalClosed();
    const from = termsOf(current);
    const to: GoalTerms = { text: edit.text ?? from.text, perWeek: edit.perWeek ?? from.perWeek, weeks: edit.weeks ?? from.weeks };
    if (to.text === from.text && to.perWeek === from.perWeek && to.weeks === from.weeks) return undefined;
    const underway = current.nextWeek ?? 1;
    if (to.weeks < underway) throw new ChangeRefused('errors.weeks.beforeNow', 'weeks');
    const fromWeek = changeFromWeek(current);
    made = {
      at: now.toISOString(),
      fromWeek,
      from,
      to,
      easier: to.perWeek < from.perWeek || to.weeks < from.weeks,
      late: underway > from.weeks - LATE_WEEKS,
    };
    return {
      text: to.text,
      targetPerWeek: to.perWeek,
      weeks: to.weeks,
      commitment: commitmentFor(current, to, commitmentStart(current, now)),
      changes: [...(current.changes ?? []), made],
    };
  });
  if (!goal) throw new GoalNotFound();
  return made ? { goal, change: made } : { goal };
}

/** Each change, in words: the number, the weeks, the words — what history, buddy and report say. */
export function changeLines(locale: Locale, change: GoalChange, base: 'change.history' | 'change.buddy', owner = ''): string[] {
  const vars = { week: change.fromWeek, owner };
  return [
    change.from.perWeek !== change.to.perWeek ? t(locale, `${base}.perWeek`, { ...vars, from: change.from.perWeek, to: change.to.perWeek }) : '',
    change.from.weeks !== change.to.weeks ? t(locale, `${base}.weeks`, { ...vars, from: change.from.weeks, to: change.to.weeks }) : '',
    change.from.text !== change.to.text ? t(locale, `${base}.text`, vars) : '',
  ].filter(Boolean);
}

/** What the buddy's weekly email for `week` tells: the changes that apply from the week after it. */
export function buddyNews(goal: Goal, week: number, owner: string): string {
  return (goal.changes ?? [])
    .filter((c) => c.fromWeek === week + 1)
    .flatMap((c) => changeLines(goal.locale, c, 'change.buddy', owner))
    .join(' ');
}

/** For the final report: a goal made easier in its last two weeks says so. */
export function lateEasierLine(goal: Goal): string {
  const late = (goal.changes ?? []).filter((c) => c.late && c.easier);
  if (late.length === 0) return '';
  const first = late[0]!;
  const last = late[late.length - 1]!;
  return t(goal.locale, 'change.final.late', { fromPerWeek: first.from.perWeek, fromWeeks: first.from.weeks, toPerWeek: last.to.perWeek, toWeeks: last.to.weeks });
}
