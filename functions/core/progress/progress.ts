// Where a goal stands: each week's answer against the target, streak, totals and the verdict.
// "No answer" is its own state, never a 0; a week paused by reply is neither answered nor missed, and is
// left out of the target.
import type { Goal } from '../goal.js';
import { isCounted, type Channel, type WeekAnswer } from '../answers.js';
import { targetFor } from './targets.js';

export type WeekState = 'answered' | 'no-answer' | 'paused' | 'joker' | 'upcoming';

/** A week paused by reply or skipped with a joker: neither answered nor missed, left out of the target. */
export const isExcused = (row: Pick<WeekRow, 'state'> | undefined): boolean => row?.state === 'paused' || row?.state === 'joker';

export interface WeekRow {
  week: number;
  state: WeekState;
  count: number | null;
  onTarget: boolean | null;
  note?: string;
  channel?: Channel;
  split?: Partial<Record<Channel, number>>;
}

export interface Progress {
  rows: WeekRow[];
  /** Weeks whose check-in has been sent. */
  closedWeeks: number;
  answeredWeeks: number;
  weeksOnTarget: number;
  total: number;
  targetTotal: number;
  /** On-target weeks in a row, counted back from the latest closed week (an unanswered latest week is still open). */
  streak: number;
  reached: boolean;
  /** Counts per channel, largest first. */
  channels: { channel: Channel; count: number }[];
}

export function closedWeeks(goal: Pick<Goal, 'status' | 'weeks' | 'nextWeek'>): number {
  if (goal.status === 'pending') return 0;
  if (goal.status === 'completed') return goal.weeks;
  return Math.min(goal.weeks, Math.max(0, (goal.nextWeek ?? 1) - 1));
}

export function summarize(goal: Goal, answers: readonly WeekAnswer[]): Progress {
  const byWeek = new Map(answers.map((a) => [a.week, a]));
  const closed = closedWeeks(goal);
  const rows: WeekRow[] = [];
  for (let week = 1; week <= goal.weeks; week++) {
    const answer = byWeek.get(week);
    if (isCounted(answer)) {
      rows.push({
        week,
        state: 'answered',
        count: answer.count,
        onTarget: answer.count >= targetFor(goal, week),
        ...(answer.note ? { note: answer.note } : {}),
        ...(answer.channel ? { channel: answer.channel } : {}),
        ...(answer.split ? { split: answer.split } : {}),
      });
    } else {
      rows.push({
        week,
        state: answer?.joker ? 'joker' : answer?.paused ? 'paused' : week <= closed ? 'no-answer' : 'upcoming',
        count: null,
        onTarget: null,
        ...(answer?.note ? { note: answer.note } : {}),
      });
    }
  }
  const answered = rows.filter((r) => r.state === 'answered');
  const total = answered.reduce((sum, r) => sum + (r.count ?? 0), 0);
  // Each week counts with its own target (a change applies from its week on); a paused or jokered week not at all.
  const targetTotal = rows.reduce((sum, r) => sum + (isExcused(r) ? 0 : targetFor(goal, r.week)), 0);

  let streak = 0;
  let week = closed;
  if (week > 0 && goal.status !== 'completed' && rows[week - 1]?.state === 'no-answer') week--; // still open
  // Paused and joker weeks neither break a streak nor add to it.
  for (; week >= 1 && (rows[week - 1]?.onTarget === true || isExcused(rows[week - 1])); week--) if (!isExcused(rows[week - 1])) streak++;

  const perChannel = new Map<Channel, number>();
  for (const row of answered) {
    const parts = row.split ?? (row.channel ? { [row.channel]: row.count ?? 0 } : {});
    for (const [channel, n] of Object.entries(parts) as [Channel, number][]) perChannel.set(channel, (perChannel.get(channel) ?? 0) + n);
  }

  return {
    rows,
    closedWeeks: closed,
    answeredWeeks: answered.length,
    weeksOnTarget: answered.filter((r) => r.onTarget).length,
    total,
    targetTotal,
    streak,
    reached: total >= targetTotal,
    channels: [...perChannel].map(([channel, count]) => ({ channel, count })).sort((a, b) => b.count - a.count),
  };
}
