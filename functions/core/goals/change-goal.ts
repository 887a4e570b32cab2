// Changing a goal honestly: its words, weekly number or weeks, from the goal page or by replying
// "change: 3 per week" / "endre: 3 i uka". A change applies from the week after the one being lived
// (weeks already reported keep the target they had), is kept in the goal's history, rebuilds the
// commitment sentence, and the buddy hears of it in their next weekly email.
import { goalCommitment } from '../analysis/analyze.js';
import { readGoal } from '../analysis/goal-reader.js';
import { DomainError, GoalClosed, GoalNotFound } from '../errors.js';
import type { MessageKey } from '../i18n/messages.js';
import type { Deps } from '../ports.js';
import { assertLinkCurrent, type GoalRef } from './access.js';
import type { Goal, GoalChange, GoalTerms } from '../goal.js';
import { updateGoal, type GoalPatch } from '../update-goal.js';

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
      // Late by the end before or after the change: stretching the goal to 52 weeks first and then cutting it
      // back and lowering the number is still a change in its last two weeks.
      late: underway > Math.min(from.weeks, to.weeks) - LATE_WEEKS,
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
