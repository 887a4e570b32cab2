// "Delete everything" (an owner, from a step-up link) and "delete what Kompis knows about me" (anyone, from
// the buddy page's step-up link): every item that names the person goes — their goals with everything
// under them, their goals' buddy links, their role as someone else's buddy (that owner is told, politely,
// that the buddy left) — and a hashed suppression entry stays, so nothing is ever sent to the address again.
import { releaseErasedBuddy } from '../buddy/invitations.js';
import type { Deps } from '../ports.js';
import { leaveAnyCircle } from '../circles/membership.js';

export async function deleteEverything(deps: Deps, email: string): Promise<number> {
  // Suppressed first: from the moment erasing begins nothing is sent to the address, and a try that stopped
  // half-way is known as one (routes/step-up.tsx lets the same link finish it).
  await deps.store.suppress(email, 'unsubscribe', deps.clock.now().toISOString());
  for (const link of await deps.store.listBuddyLinks(email)) await releaseErasedBuddy(deps, link);
  // Out of every circle (an organiser's goal closes its circle): gone from its page and digests at once.
  for (const goal of await deps.store.listGoals(email)) await leaveAnyCircle(deps, goal);
  return deps.store.deletePerson(email);
}
