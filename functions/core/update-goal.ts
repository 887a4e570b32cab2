// Changing a goal: every change is a new version, saved only if nobody changed the goal meanwhile.
import type { Store } from './ports.js';
import type { Goal } from './goal.js';

/** Fields set to undefined are removed from the goal. */
export type GoalPatch = { [K in keyof Goal]?: Goal[K] | undefined };

export function nextVersion(goal: Goal, patch: GoalPatch): Goal {
  const next = { ...goal, ...patch, version: goal.version + 1 } as Goal;
  for (const [key, value] of Object.entries(next)) if (value === undefined) delete (next as unknown as Record<string, unknown>)[key];
  return next;
}

/**
 * Applies `change` to the current goal and saves it, re-reading and re-applying when another writer got
 * there first. `change` returns undefined when, on the goal as it now is, there is nothing to do.
 */
export async function updateGoal(
  store: Store,
  owner: string,
  goalId: string,
  change: (goal: Goal) => GoalPatch | undefined,
  attempts = 5,
): Promise<Goal | undefined> {
  for (let attempt = 0; attempt < attempts; attempt++) {
    const current = await store.getGoal(owner, goalId);
    if (!current) return undefined;
    const patch = change(current);
    if (!patch) return current;
    const next = nextVersion(current, patch);
    if (await store.saveGoal(next)) return next;
  }
  throw new Error(`goal ${goalId} kept changing under ${attempts} attempts`);
}
