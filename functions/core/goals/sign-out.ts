// "Sign out every link I have been sent": the owner's link generation goes up by one, on the profile and
// on every goal, so every link made before (and every remembered browser) stops working; the owner gets
// one email with a fresh goal-page link. Unsubscribe and "never email me again" links keep working:
// all they can do is stop mail.
import { allowLinkEmail, emailGoalPage } from '../emails/link-email.js';
import type { Deps } from '../ports.js';
import type { Goal } from './goal.js';
import { updateGoal } from './update.js';

export async function signOutEveryLink(deps: Deps, goal: Goal): Promise<void> {
  // The allowance first: signed out with no email to get back in would lock the owner out.
  await allowLinkEmail(deps, goal.owner);
  const generation = await deps.store.raiseLinkGeneration(goal.owner);
  for (const each of await deps.store.listGoals(goal.owner)) {
    await updateGoal(deps.store, each.owner, each.id, (current) => ((current.linkGeneration ?? 0) >= generation ? undefined : { linkGeneration: generation }));
  }
  await emailGoalPage(deps, { ...goal, linkGeneration: generation }, 'signedOut', true);
}
