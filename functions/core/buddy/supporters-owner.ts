// The owner's side of several supporters (issue 20): add one more (up to three, through the same step-up
// link as a new buddy), or take an added one off the goal. An added supporter is asked for, invited,
// reminded and released exactly like the first (invitations.ts), under their own id.
import { DomainError, GoalClosed, GoalNotFound } from '../errors.js';
import type { Buddy, Goal } from '../goal.js';
import type { Deps } from '../ports.js';
import { askInvitation, assertCanName, linkNamedBuddy, nameBuddy } from './invitations.js';
import { MAX_SUPPORTERS, newSupporterId, seenFor, supportersOf, updateSupporter } from './supporters.js';

/** The address is a supporter of the goal already (the first, or an added one). */
export class AlreadySupporter extends DomainError {
  readonly status = 409;
  readonly messageKey = 'error.supporter.already';
}

/** Three supporters already: a limit of the goal, not a rate (409, not 429). */
export class SupportersFull extends DomainError {
  readonly status = 409;
  readonly messageKey = 'error.supporter.max';
}

/** What refuses one more supporter before any link is emailed: three already, the address among them, the limits. */
export async function assertCanAdd(deps: Pick<Deps, 'store'>, goal: Goal, email: string): Promise<void> {
  if (goal.status === 'completed' || goal.status === 'stopped') throw new GoalClosed();
  if (supportersOf(goal).some((s) => s.email === email)) throw new AlreadySupporter();
  if (supportersOf(goal).length >= MAX_SUPPORTERS) throw new SupportersFull();
  await assertCanName(deps, goal, email, true);
}

/** One more supporter; with none yet, the first (as naming a buddy). Asked for at once on a running goal. */
export async function addSupporter(deps: Deps, owner: string, goalId: string, who: { email: string; name?: string | undefined }): Promise<Goal> {
  const goal = await deps.store.getGoal(owner, goalId);
  if (!goal) throw new GoalNotFound();
  if (!goal.buddy) return nameBuddy(deps, owner, goalId, who);
  // A second click on the emailed link: the supporter is already on the goal.
  if (supportersOf(goal).some((s) => s.email === who.email)) return goal;
  await assertCanAdd(deps, goal, who.email);
  const id = newSupporterId();
  const named: Buddy = { id, email: who.email, ...(who.name ? { name: who.name } : {}), status: 'not-invited', invitation: 0 };
  const patch = goal.status === 'pending' ? { buddy: named } : await askInvitation(deps, seenFor(goal, id), named);
  const added = await updateSupporter(deps.store, owner, goalId, id, (current) =>
    // The view for a new id holds the first supporter in none of its fields but `supporters` does not count them.
    current.buddy === undefined && (current.supporters?.length ?? 0) + 1 < MAX_SUPPORTERS && !current.supporters?.some((s) => s.email === who.email) ? patch : undefined,
  );
  if (added?.buddy) await linkNamedBuddy(deps, added);
  // Another link filled the last place between the check and the save.
  else if (added && !supportersOf(added).some((s) => s.email === who.email)) throw new SupportersFull();
  return (await deps.store.getGoal(owner, goalId)) ?? goal;
}

/** The owner takes an added supporter off the goal: their link goes, nothing more is sent to them. No refusal is kept. */
export async function removeSupporter(deps: Deps, owner: string, goalId: string, id: string): Promise<Goal> {
  const goal = await deps.store.getGoal(owner, goalId);
  if (!goal) throw new GoalNotFound();
  const supporter = goal.supporters?.find((s) => s.id === id);
  if (!supporter) return goal;
  await updateSupporter(deps.store, owner, goalId, id, (current) => (current.buddy ? { buddy: undefined, buddyReport: undefined } : undefined));
  await deps.store.deleteBuddyLink(supporter.email, goalId);
  return (await deps.store.getGoal(owner, goalId)) ?? goal;
}
