// "Sign out every link I have been sent": the owner's link generation goes up by one, on the profile and
// on every goal, so every link made before (and every remembered browser) stops working; the owner gets
// one email with a fresh goal-page link. Unsubscribe and "never email me again" links keep working:
// all they can do is stop mail.
import { allowLinkEmail, emailGoalPage } from '../emails/link-email.js';
import type { Deps } from '../ports.js';
import type { Goal } from '../goal.js';
import { updateGoal } from '../update-goal.js';

export async function signOutEveryLink(deps: Deps, goal: Goal): Promise<void> {
  // The allowance first: signed out with no email to get back in would lock the owner out.
  await allowLinkEmail(deps, goal.owner);
  const next = ((await deps.store.getPerson(goal.owner))?.linkGeneration ?? goal.linkGeneration ?? 0) + 1;
  // The email with the next generation's link goes before anything is signed out: when it cannot be sent,
  // every link still works and the page's "nothing was changed" is true. Its link works once the generation
  // is raised below — by this request, or by the next try if this one fails after the email.
  await emailGoalPage(deps, { ...goal, linkGeneration: next }, 'signedOut', true);
  const generation = await deps.store.raiseLinkGeneration(goal.owner, next);
  for (const each of await deps.store.listGoals(goal.owner)) {
    await updateGoal(deps.store, each.owner, each.id, (current) => ((current.linkGeneration ?? 0) >= generation ? undefined : { linkGeneration: generation }));
  }
}
