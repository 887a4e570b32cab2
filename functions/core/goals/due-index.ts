// Which goals the tick must look at, and when. Active goals are due at their next check-in; a paused
// goal with a resume date is due then; every other goal (pending, paused without a date, completed,
// stopped) carries no due keys at all, so the index only ever holds goals that will need work.
// Goals are spread over a fixed number of shards (from the goal id) so no index partition is hot.
import { createHash } from 'node:crypto';
import type { Goal } from './goal.js';

export const DUE_SHARDS = 4;

export function dueShard(goalId: string): number {
  return createHash('sha256').update(goalId).digest().readUInt32BE(0) % DUE_SHARDS;
}

export function duePartition(shard: number): string {
  return `DUE#${shard}`;
}

/** ISO time at which the tick should pick the goal up, or undefined when it needs no tick. */
export function dueAt(goal: Pick<Goal, 'status' | 'nextCheckinAt' | 'resumeAt'>): string | undefined {
  if (goal.status === 'active') return goal.nextCheckinAt;
  if (goal.status === 'paused') return goal.resumeAt;
  return undefined;
}
