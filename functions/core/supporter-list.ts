// A goal's supporters in one list (issue 20): the first as stored in `buddy` since before issue 20, then
// the ones added later. Here, at the core's ground floor, so the due table can read them too.
import type { Buddy, Goal } from './goal.js';

/** Every supporter of the goal, the first one first. */
export function supportersOf(goal: Pick<Goal, 'buddy' | 'supporters'>): Buddy[] {
  return [...(goal.buddy ? [goal.buddy] : []), ...(goal.supporters ?? [])];
}
