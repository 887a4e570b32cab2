// Recording a week's answer: an idempotent upsert, so the last count for a week stands. Late answers count
// until the final report; weeks whose check-in has not gone out yet cannot be answered. A click or a reply
// never erases a note written before; replies add to it. Each received message is applied to a week once,
// however often it is delivered.
import { GoalClosed, WeekNotOpen } from '../errors.js';
import type { Goal } from '../goal.js';
import type { Deps } from '../ports.js';
import type { AnswerSource, Channel, WeekAnswer } from '../answers.js';
import { closedWeeks } from '../progress/progress.js';
import { reportAfterAnswer } from '../buddy/reports.js';
import { updateGoal } from '../update-goal.js';
import { reminderAfterAnswer } from './checkin-reminder.js';
import { circleAfterAnswer } from '../circles/membership.js';

export interface AnswerInput {
  count: number;
  note?: string | undefined;
  channel?: Channel | undefined;
  source: AnswerSource;
}

/** What a week's note may hold, as on the week page. */
export const MAX_NOTE_CHARS = 1000;
/** The keys of applied messages a week keeps: enough for any retry, bounded for a flood. */
const MAX_REPLY_KEYS = 20;

export function assertWeekOpen(goal: Goal, week: number): void {
  if (goal.status === 'completed' || goal.status === 'stopped') throw new GoalClosed();
  if (week < 1 || week > closedWeeks(goal)) throw new WeekNotOpen();
}

/** "Treg start" then "2, tok igjen på torsdag": both stay, in order; the same words twice stay once. */
export function mergeNotes(existing: string | undefined, added: string | undefined): string | undefined {
  if (!added) return existing;
  if (!existing || existing === added) return added;
  if (existing.includes(added)) return existing;
  return `${existing}\n${added}`.slice(0, MAX_NOTE_CHARS);
}

async function currentAnswer(deps: Deps, goalId: string, week: number): Promise<WeekAnswer | undefined> {
  return (await deps.store.getWeekAnswers(goalId)).find((a) => a.week === week);
}

/** The week is settled: the buddy hears within the hour, and its reminder is not sent. */
export async function reportSoon(deps: Deps, goal: Goal, week: number): Promise<void> {
  const now = deps.clock.now();
  const patch = (current: Goal) => {
    const report = reportAfterAnswer(current, week, now);
    const reminder = reminderAfterAnswer(current, week);
    return report || reminder ? { ...report, ...reminder } : undefined;
  };
  if (patch(goal)) await updateGoal(deps.store, goal.owner, goal.id, patch);
  await circleAfterAnswer(deps, goal);
}

export async function recordAnswer(deps: Deps, goal: Goal, week: number, input: AnswerInput): Promise<WeekAnswer> {
  assertWeekOpen(goal, week);
  // The week page sends the whole answer (a cleared note is meant); a click sends only the count.
  const existing = input.source === 'web' ? undefined : await currentAnswer(deps, goal.id, week);
  const note = input.source === 'web' ? input.note : mergeNotes(existing?.note, input.note);
  const channel = input.channel ?? existing?.channel;
  const answer: WeekAnswer = {
    week,
    count: input.count,
    ...(note ? { note } : {}),
    ...(channel ? { channel } : {}),
    source: input.source,
    ...(existing?.replies ? { replies: existing.replies } : {}),
    updatedAt: deps.clock.now().toISOString(),
  };
  await deps.store.putWeekAnswer(goal.id, answer);
  await reportSoon(deps, goal, week);
  return answer;
}

/** A new count brings its own split (or none); words alone keep the week's. The largest part names the channel. */
function splitFields(input: ReplyInput, existing: WeekAnswer | undefined): Pick<WeekAnswer, 'channel' | 'split'> {
  const split = input.count !== undefined ? input.split : existing?.split;
  if (split) {
    const [top] = Object.entries(split).sort((a, b) => b[1] - a[1]);
    return { split, channel: top![0] as Channel };
  }
  return existing?.channel ? { channel: existing.channel } : {};
}

export interface ReplyInput {
  /** The received message's key (see inbound/message-key.ts). */
  key: string;
  count?: number | undefined;
  note?: string | undefined;
  /** The owner paused by replying to this week's check-in. */
  paused?: boolean;
  /** The count by channel, from the reply's words. */
  split?: Partial<Record<Channel, number>> | undefined;
}

/**
 * A reply applied to its week: a count, a note added to the week's note, or the week marked paused (only
 * while it has no count: a pause after answering is about the weeks ahead). False when this message was
 * applied already (a retried delivery), and nothing is written.
 */
export async function applyReply(deps: Deps, goal: Goal, week: number, input: ReplyInput): Promise<boolean> {
  assertWeekOpen(goal, week);
  const existing = await currentAnswer(deps, goal.id, week);
  if (existing?.replies?.includes(input.key)) return false;
  const count = input.count ?? existing?.count;
  const paused = input.count === undefined && (input.paused === true || existing?.paused === true) && count === undefined;
  const note = mergeNotes(existing?.note, input.note);
  const answer: WeekAnswer = {
    week,
    ...(count !== undefined ? { count } : {}),
    ...(note ? { note } : {}),
    ...splitFields(input, existing),
    source: input.count !== undefined || !existing ? 'reply' : existing.source,
    ...(paused ? { paused: true } : {}),
    replies: [...(existing?.replies ?? []), input.key].slice(-MAX_REPLY_KEYS),
    updatedAt: deps.clock.now().toISOString(),
  };
  await deps.store.putWeekAnswer(goal.id, answer);
  if (input.count !== undefined || paused) await reportSoon(deps, goal, week);
  return true;
}
