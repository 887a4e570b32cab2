// Recording a week's answer: an idempotent upsert, so the last answer for a week stands. Late answers
// count until the final report; weeks whose check-in has not gone out yet cannot be answered.
import { GoalClosed, WeekNotOpen } from '../errors.js';
import type { Goal } from '../goals/goal.js';
import type { Deps } from '../ports.js';
import type { AnswerSource, Channel, WeekAnswer } from '../progress/answers.js';
import { closedWeeks } from '../progress/progress.js';
import { reportAfterAnswer } from '../buddy/reports.js';
import { updateGoal } from '../goals/update.js';

export interface AnswerInput {
  count: number;
  note?: string | undefined;
  channel?: Channel | undefined;
  source: AnswerSource;
}

export function assertWeekOpen(goal: Goal, week: number): void {
  if (goal.status === 'completed' || goal.status === 'stopped') throw new GoalClosed();
  if (week < 1 || week > closedWeeks(goal)) throw new WeekNotOpen();
}

export async function recordAnswer(deps: Deps, goal: Goal, week: number, input: AnswerInput): Promise<WeekAnswer> {
  assertWeekOpen(goal, week);
  const answer: WeekAnswer = {
    week,
    count: input.count,
    ...(input.note ? { note: input.note } : {}),
    ...(input.channel ? { channel: input.channel } : {}),
    source: input.source,
    updatedAt: deps.clock.now().toISOString(),
  };
  await deps.store.putWeekAnswer(goal.id, answer);
  const now = deps.clock.now();
  if (reportAfterAnswer(goal, week, now)) {
    await updateGoal(deps.store, goal.owner, goal.id, (current) => reportAfterAnswer(current, week, now));
  }
  return answer;
}

/** A reply with words but no number: the note is kept on the week, which stays unanswered. */
export async function keepNote(deps: Deps, goal: Goal, week: number, note: string): Promise<void> {
  assertWeekOpen(goal, week);
  const existing = (await deps.store.getWeekAnswers(goal.id)).find((a) => a.week === week);
  await deps.store.putWeekAnswer(goal.id, {
    ...(existing ?? { week, source: 'reply' as const }),
    note,
    updatedAt: deps.clock.now().toISOString(),
  });
}
