// Which goals the tick must look at, and when: the earliest of an active goal's next check-in, a paused
// goal's resume date, an active goal's check-in reminder, a buddy's invitation or reminder and a waiting buddy report. A goal with none of these
// (pending, paused without a date, completed, stopped) carries no due keys at all, so the index only
// ever holds goals that will need work.
// Goals are spread over a fixed number of shards (from the goal id) so no index partition is hot.
import { createHash } from 'node:crypto';
import { dueConditions, type DueGoal } from '../due.js';

export const DUE_SHARDS = 4;

export function dueShard(goalId: string): number {
  return createHash('sha256').update(goalId).digest().readUInt32BE(0) % DUE_SHARDS;
}

export function duePartition(shard: number): string {
  return `DUE#${shard}`;
}

/** ISO time at which the tick should pick the goal up, or undefined when it needs no tick. */
export function dueAt(goal: DueGoal): string | undefined {
  const times = Object.values(dueConditions).map((condition) => condition.at(goal));
  return times.filter((t): t is string => t !== undefined).sort()[0];
}
