// Replies that are not a check-in's answer. To any other Kompis email (the sign-up answer, a notice, a
// report, an invitation, a buddy's weekly email): the owner's commands still act; otherwise the owner, or
// the buddy, gets one helpful answer for the goal, ever. From an address that is neither (another address of
// the owner, a forwarded email): one short answer to that address at most once a week, saying the goal
// belongs to another address — nothing about the goal itself. Only after the trust checks; never to a
// machine.
import type { Goal } from '../goal.js';
import { buddyPageUrl, invitationUrl } from '../links/links.js';
import { findSupporter, supporterKey } from '../buddy/supporters.js';
import { t } from '../i18n/messages.js';
import type { Deps } from '../ports.js';
import { sendOnce } from '../emails/send-once.js';
import { ownerAnswer, shortAnswer } from './answers.js';
import { answerOnce, handleCheckinReply, statusContent, type InboundReply } from './checkin-reply.js';
import { addressHash, isoWeek } from '../emails/message-key.js';

export async function handleGoalReply(deps: Deps, goal: Goal, sender: string, reply: InboundReply): Promise<string> {
  const locale = goal.locale;
  const command = reply.reading.command;
  if (sender === goal.owner) {
    // A command needs no week: "pause" in answer to a notice pauses the goal (no week is marked).
    if (((command && command.kind !== 'status') || reply.reading.plan) && (goal.status === 'active' || goal.status === 'paused')) {
      return handleCheckinReply(deps, goal, 0, reply);
    }
    if (command?.kind === 'status' && goal.status !== 'pending') {
      const content = statusContent(goal, await deps.store.getWeekAnswers(goal.id));
      await answerOnce(deps, goal, 0, reply.key, (at) => ownerAnswer(deps.config, goal, 0, reply.received, content, at));
      return 'status';
    }
    // A goal not yet confirmed is started by its Confirm link, not by a reply ("Yes!").
    const body =
      goal.status === 'pending' ? t(locale, 'reply.help.pending.body', { button: t(locale, 'email.confirm.button') }) : t(locale, 'reply.help.owner.body');
    const sent = await sendOnce(deps, goal.id, { week: 0, kind: 'notice-help-owner' }, (at) =>
      ownerAnswer(deps.config, goal, 0, reply.received, { heading: t(locale, 'reply.help.subject'), body }, at),
    );
    return sent === 'sent' ? 'helped' : 'helped-already';
  }
  const supporter = findSupporter(goal, sender);
  if (supporter) {
    const buddy = supporter.email;
    const buddyLocale = (await deps.store.getBuddyLocale(buddy)) ?? locale;
    // Someone only invited ("Yes, happy to!") is not a buddy yet: a reply does not answer the invitation, its page does.
    const invited = supporter.status === 'invited';
    const sent = await sendOnce(deps, goal.id, supporterKey({ week: 0, kind: 'notice-help-buddy' }, supporter), (at) =>
      shortAnswer(deps.config, goal, buddy, buddyLocale, reply.received, {
        heading: t(buddyLocale, 'reply.help.subject'),
        body: invited
          ? t(buddyLocale, 'reply.help.invitee.body', { accept: t(buddyLocale, 'invite.accept'), decline: t(buddyLocale, 'invite.decline') })
          : t(buddyLocale, 'reply.help.buddy.body'),
        link: invited
          ? { label: t(buddyLocale, 'reply.help.invitee.link'), url: invitationUrl(deps.config, goal, supporter, at) }
          : { label: t(buddyLocale, 'reply.help.buddy.link'), url: buddyPageUrl(deps.config, buddy, at) },
      }, at),
    );
    return sent === 'sent' ? 'helped' : 'helped-already';
  }
  return answerStranger(deps, goal, sender, reply);
}

/** Once a week per goal and sender: the goal is someone else's; reply from that address or use the buttons. */
export async function answerStranger(deps: Deps, goal: Goal, sender: string, reply: InboundReply): Promise<string> {
  const now = deps.clock.now();
  const seen = await deps.store.countRate('other-sender', `${goal.id}#${addressHash(sender)}`, isoWeek(now), Math.floor(now.getTime() / 1000) + 8 * 86400);
  if (seen > 1) return 'dropped:not-owner';
  const locale = goal.locale;
  await deps.mailer.send(
    shortAnswer(deps.config, goal, sender, locale, reply.received, { heading: t(locale, 'reply.stranger.subject'), body: t(locale, 'reply.stranger.body') }, now),
  );
  return 'answered:not-owner';
}
