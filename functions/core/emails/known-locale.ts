// The language someone already chose with us, for an email that someone else sends them (an invitation):
// their own language (set with their goals), else the one they picked as a buddy. Undefined for an address we do not know.
import type { Locale } from '../i18n/messages.js';
import type { Deps } from '../ports.js';

export async function knownLocale(deps: Pick<Deps, 'store'>, email: string): Promise<Locale | undefined> {
  return (await deps.store.getPerson(email))?.locale ?? (await deps.store.getBuddyLocale(email));
}
