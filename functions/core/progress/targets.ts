// Each week's own target: a change of the weekly number applies from its week on, so the weeks before it
// are measured against the number they had when they were lived.
import type { Goal } from '../goal.js';

type Targets = Pick<Goal, 'targetPerWeek' | 'changes'>;

export function targetFor(goal: Targets, week: number): number {
  const changes = goal.changes ?? [];
  if (changes.length === 0) return goal.targetPerWeek;
  let target = changes[0]!.from.perWeek;
  for (const change of changes) if (change.fromWeek <= week) target = change.to.perWeek;
  return target;
}

/** True when the weekly number differs between weeks. */
export function targetsVary(goal: Targets & Pick<Goal, 'weeks'>): boolean {
  const first = targetFor(goal, 1);
  for (let week = 2; week <= goal.weeks; week++) if (targetFor(goal, week) !== first) return true;
  return false;
}
