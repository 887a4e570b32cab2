// "Delete everything": the person, their goals and weeks, their buddy links and counters go; a hashed
// suppression entry stays, so nothing is ever sent to the address again.
import type { Deps } from '../ports.js';

export async function deleteEverything(deps: Deps, email: string): Promise<number> {
  const removed = await deps.store.deletePerson(email);
  await deps.store.suppress(email, 'unsubscribe', deps.clock.now().toISOString());
  return removed;
}
