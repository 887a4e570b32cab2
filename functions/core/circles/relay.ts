// Email in: a member's reply to the circle's weekly email goes once to the other members as "<name> wrote: …",
// its words made plain (no live links), cut to a bound, at most a few a circle week per member. It is never
// anyone's number: a check-in is answered by replying to the check-in.
import { noticeEmail } from '../emails/notice.js';
import { unlinked } from '../emails/unlinked.js';
import type { Goal } from '../goal.js';
import { t } from '../i18n/messages.js';
import type { Deps } from '../ports.js';

export const MAX_RELAYED_CHARS = 500;
export const RELAYS_PER_MEMBER_PER_WEEK = 3;

export async function relayToCircle(deps: Deps, goal: Goal, week: number, sender: string, text: string, messageKey: string): Promise<string> {
  // Only the member themself writes to the circle: a forwarded digest's reply from someone else is dropped.
  if (sender !== goal.owner || !goal.circle) return 'dropped:not-member';
  const items = await deps.store.getCircle(goal.circle);
  const from = items?.members.find((m) => m.goalId === goal.id);
  if (!items || !from || items.circle.status !== 'open') return 'dropped:not-member';
  const words = text.trim().slice(0, MAX_RELAYED_CHARS);
  if (!words) return 'dropped:empty';
  // Once per received message, however often it is delivered; then the member's weekly allowance.
  if (!(await deps.store.markCircleOnce(items.circle.id, `MSG#${messageKey}`))) return 'dropped:duplicate';
  const now = deps.clock.now();
  const count = await deps.store.countRate('circle-relay', `${items.circle.id}#${goal.id}`, String(week), Math.floor(now.getTime() / 1000) + 21 * 86400);
  if (count > RELAYS_PER_MEMBER_PER_WEEK) return 'dropped:rate';
  const vars = { name: unlinked(from.name), text: unlinked(words) };
  for (const member of items.members.filter((m) => m.goalId !== goal.id)) {
    const theirs = await deps.store.getGoal(member.owner, member.goalId);
    if (!theirs) continue;
    const locale = theirs.locale;
    await deps.mailer.send(noticeEmail(deps.config, theirs, { subject: t(locale, 'circle.relay.subject', vars), body: t(locale, 'circle.relay.body', vars) }, now));
  }
  return 'relayed';
}
