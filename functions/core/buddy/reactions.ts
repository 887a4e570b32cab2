// A buddy's one-click reaction, relayed to the owner in one short email: at most one of each kind
// per week and buddy (the sent marker, the supporter's own, is the guard), an optional short message with
// the "ask". The owner's email names the supporter as the owner typed them: with several, it says who.
import { BuddyLinkClosed, LimitReached } from '../errors.js';
import type { Deps } from '../ports.js';
import { sendOnce } from '../emails/send-once.js';
import { buddyLabel, ownerNotice, type ReactionKind } from './buddy-emails.js';
import { goalForBuddy, type BuddyRef } from './invitations.js';
import { t } from '../i18n/messages.js';
import { onBehalfOf } from '../emails/sender-name.js';
import { supporterKey } from './supporters.js';

export const MAX_REACTION_MESSAGE = 280;
/** Per buddy address, over all the goals they follow: each kind is relayed once a week anyway. */
export const MAX_REACTIONS_PER_BUDDY_PER_DAY = 20;

export async function react(deps: Deps, ref: BuddyRef, week: number, kind: ReactionKind, message?: string): Promise<'sent' | 'already'> {
  const goal = await goalForBuddy(deps, ref);
  const buddy = goal.buddy!;
  if (buddy.status !== 'accepted') throw new BuddyLinkClosed();
  const now = deps.clock.now();
  const today = await deps.store.countRate('react', buddy.email, now.toISOString().slice(0, 10), Math.floor(now.getTime() / 1000) + 2 * 86400);
  if (today > MAX_REACTIONS_PER_BUDDY_PER_DAY) throw new LimitReached('error.rate.react');
  const reaction = t(goal.locale, `react.${kind}`);
  // A relayed cheer is the buddy's message: From "Kari via Kompis" when the buddy has a usable name.
  const fromName = onBehalfOf(buddy.name, goal.locale);
  const outcome = await sendOnce(deps, goal.id, supporterKey({ week, kind: `react-${kind}` }, buddy), (at) => ({
    ...ownerNotice(deps.config, goal, 'reaction', { buddy: buddyLabel(buddy), reaction, week }, at, message || undefined),
    ...(fromName ? { fromName } : {}),
  }));
  return outcome === 'sent' ? 'sent' : 'already';
}
