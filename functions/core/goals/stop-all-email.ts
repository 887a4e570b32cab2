// "Never email me again" as the person sees it: the address is suppressed, and each of its goals leaves its
// circle (an organiser's goal closes it), so no one sees a member who will never answer and no digest waits
// for them (attack F15). Here, not in emails/, because circles sit above emails in the house.
import { leaveAnyCircle } from '../circles/membership.js';
import { neverEmailAgain } from '../emails/never-email.js';
import type { Deps } from '../ports.js';

export async function stopAllEmail(deps: Deps, address: string): Promise<void> {
  await neverEmailAgain(deps, address);
  for (const goal of await deps.store.listGoals(address)) await leaveAnyCircle(deps, goal);
}
