// Jokers: planned slack. Each goal has a small budget of skip weeks (1 per 6 weeks, at least 1); using one
// on a week whose check-in has gone out takes that week out of the goal's target, as a pause by reply does,
// and the buddy hears "used a joker" instead of "no answer". A number recorded later for the week replaces
// the joker and gives it back. A week that already has a number keeps it: a joker is for a week that did not happen.
import { DomainError } from '../errors.js';
import type { Goal } from '../goal.js';
import type { Deps } from '../ports.js';
import { isCounted, type AnswerSource, type WeekAnswer } from '../answers.js';
import { assertWeekOpen, reportSoon } from './record.js';

export const WEEKS_PER_JOKER = 6;

/** No joker left, or the week already has a number. */
export class JokerRefused extends DomainError {
  readonly status = 409;
  readonly messageKey;
  constructor(readonly reason: 'none-left' | 'counted') {
    super(reason);
    this.messageKey = reason === 'none-left' ? ('error.joker.noneLeft' as const) : ('error.joker.counted' as const);
  }
}

/**
 * From the fewest weeks the goal has had: stretching it to 52 weeks for 8 jokers and cutting it back would
 * otherwise keep them (found by the review of issues 18 and 19).
 */
export function jokerBudget(goal: Pick<Goal, 'weeks' | 'jokers' | 'changes'>): number {
  const fewestWeeks = Math.min(goal.weeks, ...(goal.changes ?? []).flatMap((change) => [change.from.weeks, change.to.weeks]));
  return goal.jokers ?? Math.max(1, Math.floor(fewestWeeks / WEEKS_PER_JOKER));
}

export function jokersLeft(goal: Pick<Goal, 'weeks' | 'jokers' | 'changes'>, answers: readonly WeekAnswer[]): number {
  return Math.max(0, jokerBudget(goal) - answers.filter((a) => a.joker === true && !isCounted(a)).length);
}

/** Uses a joker for `week`; 'already' when the week has one. The note and the applied reply keys stay. */
export async function useJoker(deps: Deps, goal: Goal, week: number, source: AnswerSource, replyKey?: string): Promise<'used' | 'already'> {
  assertWeekOpen(goal, week);
  const answers = await deps.store.getWeekAnswers(goal.id);
  const existing = answers.find((a) => a.week === week);
  if (existing?.joker === true && !isCounted(existing)) return 'already';
  if (isCounted(existing)) throw new JokerRefused('counted');
  if (jokersLeft(goal, answers) === 0) throw new JokerRefused('none-left');
  const replies = replyKey ? [...(existing?.replies ?? []), replyKey] : existing?.replies;
  await deps.store.putWeekAnswer(goal.id, {
    week,
    joker: true,
    ...(existing?.note ? { note: existing.note } : {}),
    source,
    ...(replies ? { replies } : {}),
    updatedAt: deps.clock.now().toISOString(),
  });
  await reportSoon(deps, goal, week);
  return 'used';
}
