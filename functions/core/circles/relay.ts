// Email in: a member's reply to the circle's weekly email goes once to the other members as "<name> wrote: …",
// its words made plain (no live links), cut to a bound, at most a few a circle week per member. It is never
// anyone's number: a check-in is answered by replying to the check-in.
import { noticeEmail } from '../emails/notice.js';
import { unlinked } from '../emails/unlinked.js';
import type { Goal } from '../goal.js';
import { t } from '../i18n/messages.js';
import type { Deps } from '../ports.js';
import { isBareAttribution, quoteHeaderAt } from '../replies/quote-headers.js';
import { addressFor } from '../tokens/address-tokens.js';

export const MAX_RELAYED_CHARS = 500;
export const RELAYS_PER_MEMBER_PER_WEEK = 3;

/**
 * The member's own words: the reply reader has cut the quoted lines, and a quote header it left (an
 * attribution without a date, "On Sun, Kompis wrote:", above the cut quote) goes too.
 */
export function ownWords(text: string): string {
  const lines = text.split('\n');
  const header = lines.findIndex((_, i) => quoteHeaderAt(lines, i) > 0);
  const kept = header < 0 ? lines : lines.slice(0, header);
  while (kept.length && (kept.at(-1)!.trim() === '' || isBareAttribution(kept.at(-1)!))) kept.pop();
  return kept.join('\n').trim();
}

/**
 * A reply to the circle's email or to a relayed message: both carry the member's circle address. The
 * allowance counts by the circle's week now, whatever digest (or relay) was replied to.
 */
export async function relayToCircle(deps: Deps, goal: Goal, sender: string, text: string, messageKey: string): Promise<string> {
  // Only the member themself writes to the circle: a forwarded digest's reply from someone else is dropped.
  if (sender !== goal.owner || !goal.circle) return 'dropped:not-member';
  const items = await deps.store.getCircle(goal.circle);
  const from = items?.members.find((m) => m.goalId === goal.id);
  if (!items || !from || items.circle.status !== 'open') return 'dropped:not-member';
  const words = ownWords(text).slice(0, MAX_RELAYED_CHARS);
  if (!words) return 'dropped:empty';
  // Once per received message, however often it is delivered; then the member's weekly allowance.
  if (!(await deps.store.markCircleOnce(items.circle.id, `MSG#${messageKey}`))) return 'dropped:duplicate';
  const now = deps.clock.now();
  const count = await deps.store.countRate('circle-relay', `${items.circle.id}#${goal.id}`, String(items.circle.week), Math.floor(now.getTime() / 1000) + 21 * 86400);
  if (count > RELAYS_PER_MEMBER_PER_WEEK) return 'dropped:rate';
  const vars = { name: unlinked(from.name), text: unlinked(words) };
  for (const member of items.members.filter((m) => m.goalId !== goal.id)) {
    const theirs = await deps.store.getGoal(member.owner, member.goalId);
    if (!theirs) continue;
    const locale = theirs.locale;
    // A reply to it ("Thanks!") is a message to the circle, like a reply to the digest, under the same allowance.
    const replyTo = addressFor(deps.config.keys, { purpose: 'circle', goalId: theirs.id, week: items.circle.week }, deps.config.inboundDomain);
    const notice = noticeEmail(deps.config, theirs, { subject: t(locale, 'circle.relay.subject', vars), body: t(locale, 'circle.relay.body', vars) }, now);
    await deps.mailer.send({ ...notice, replyTo });
  }
  return 'relayed';
}
