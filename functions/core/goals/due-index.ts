// Which goals the tick must look at, and when: the earliest of an active goal's next check-in, a paused
// goal's resume date, a buddy's invitation or reminder and a waiting buddy report. A goal with none of these
// (pending, paused without a date, completed, stopped) carries no due keys at all, so the index only
// ever holds goals that will need work.
// Goals are spread over a fixed number of shards (from the goal id) so no index partition is hot.
import { createHash } from 'node:crypto';
import type { Goal } from '../goal.js';

export const DUE_SHARDS = 4;

export function dueShard(goalId: string): number {
  return createHash('sha256').update(goalId).digest().readUInt32BE(0) % DUE_SHARDS;
}

export function duePartition(shard: number): string {
  return `DUE#${shard}`;
}

/** ISO time at which the tick should pick the goal up, or undefined when it needs no tick. */
export function dueAt(goal: Pick<Goal, 'status' | 'nextCheckinAt' | 'resumeAt' | 'buddy' | 'buddyReport'>): string | undefined {
  const times: (string | undefined)[] = [];
  if (goal.status === 'active') times.push(goal.nextCheckinAt);
  if (goal.status === 'paused') times.push(goal.resumeAt);
  if (goal.status === 'active' || goal.status === 'paused') {
    if (goal.buddy?.status === 'not-invited') times.push(goal.buddy.inviteAt);
    if (goal.buddy?.status === 'invited') times.push(goal.buddy.remindAt);
    if (goal.buddy?.status === 'accepted') times.push(goal.buddyReport?.dueAt);
  }
  const set = times.filter((t): t is string => t !== undefined).sort();
  return set[0];
}
