// The emails around a buddy: the invitation (and its one reminder), the weekly result with one-click
// reactions, the final report, and the short notices the owner gets about their buddy.
import { buddyNews } from '../progress/change-lines.js';
import { targetFor } from '../progress/targets.js';
import { escapeHtml } from '../../../templates/escape.js';
import { asShownToOthers, unlinked } from '../emails/unlinked.js';
import { buttonsHtml, buttonsText } from '../emails/fragments.js';
import { noticeEmail } from '../emails/notice.js';
import { light } from '../../../templates/palette.js';
import { renderEmail } from '../emails/render.js';
import '../../../templates/compiled/emails/buddy-invite.js';
import '../../../templates/compiled/emails/buddy-reminder.js';
import '../../../templates/compiled/emails/buddy-weekly.js';
import '../../../templates/compiled/emails/buddy-final.js';
import { onBehalfOf } from '../emails/sender-name.js';
import type { Buddy, Goal } from '../goal.js';
import { buddyLeaveUrl, buddyPageUrl, invitationUrl, footerUrls, reactionUrl, replyAddress } from '../links/links.js';
import { t, type MessageKey } from '../i18n/messages.js';
import type { CoreConfig, OutgoingEmail } from '../ports.js';
import { isCounted, type WeekAnswer } from '../answers.js';
import { summarize } from '../progress/progress.js';
import { chartSlots } from '../emails/chart.js';
import { verdictOf, verdictText } from '../emails/verdict.js';
import { planFor, planLabel } from '../plan-label.js';

export const reactionKinds = ['applause', 'keep-going', 'ask'] as const;
export type ReactionKind = (typeof reactionKinds)[number];

/** How the owner is named to the buddy: their name, else their address. */
export const ownerLabel = (goal: Goal) => goal.ownerName ?? goal.owner;
export const buddyLabel = (buddy: Pick<Buddy, 'name' | 'email'>) => buddy.name ?? buddy.email;

/** Mail to the buddy is From "Ola Nordmann via Kompis" when the owner gave a usable name. */
function fromOwner(goal: Goal): { fromName?: string } {
  const name = onBehalfOf(goal.ownerName, goal.locale);
  return name ? { fromName: name } : {};
}

const commitment = (goal: Goal) => goal.commitment ?? t(goal.locale, 'goal.commitment', { perWeek: goal.targetPerWeek, weeks: goal.weeks });

/** A buddy's mail can be left with one click (RFC 8058), like the owner's check-ins. */
function buddyHeaders(config: CoreConfig, goal: Goal, buddy: Buddy, now: Date): Record<string, string> {
  return {
    'List-Unsubscribe': `<${buddyLeaveUrl(config, goal, buddy, now)}>`,
    'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    'Auto-Submitted': 'auto-generated',
  };
}

// Every email here goes to someone other than the owner: the owner's words come with no live links, and
// the subject names the owner by their confirmed address, never by anything they typed.

export function invitationEmail(config: CoreConfig, owners: Goal, buddy: Buddy, kind: 'buddy-invite' | 'buddy-reminder', now: Date): OutgoingEmail {
  const goal = asShownToOthers(owners);
  const url = invitationUrl(config, goal, buddy, now);
  const rendered = renderEmail(kind, goal.locale, {
    owner: ownerLabel(goal),
    ownerEmail: goal.owner,
    goalText: goal.text,
    commitment: commitment(goal),
    acceptUrl: url,
    declineUrl: url,
    ...footerUrls(config, buddy.email, goal.locale, now),
  });
  // The invitation is a request, not a list: no List-Unsubscribe, and nothing follows without a yes.
  return { to: buddy.email, ...fromOwner(goal), ...rendered, replyTo: replyAddress(config, goal), headers: { 'Auto-Submitted': 'auto-generated' } };
}

export function buddyWeeklyEmail(config: CoreConfig, owners: Goal, buddy: Buddy, week: number, answers: WeekAnswer[], now: Date): OutgoingEmail {
  const goal = asShownToOthers(owners);
  const locale = goal.locale;
  const owner = ownerLabel(goal);
  const progress = summarize({ ...goal, nextWeek: week + 1 }, answers);
  const found = answers.find((a) => a.week === week);
  const answer = isCounted(found) ? found : undefined;
  // A week paused by reply is a break, not a week without an answer.
  const paused = !answer && found?.paused === true;
  // So is a week the owner used a joker for: the buddy sees "used a joker".
  const joker = !answer && found?.joker === true;
  // The week's own target: a change of the goal applies from a later week.
  const target = targetFor(goal, week);
  const vars = { owner, week, weeks: goal.weeks, target, count: answer?.count ?? 0, short: target - (answer?.count ?? 0) };
  const outcome = joker ? 'joker' : paused ? 'paused' : !answer ? 'none' : answer.count >= target ? 'reached' : 'short';
  const resultLine = t(locale, answer ? 'email.buddyWeekly.reported' : joker ? 'email.buddyWeekly.jokerLine' : paused ? 'email.buddyWeekly.pausedLine' : 'email.buddyWeekly.noAnswer', vars);
  // A streak is worth a sentence from two weeks on; "1 week in a row" says nothing the headline did not.
  const streak = progress.streak >= 2 ? t(locale, 'email.buddyWeekly.streak', { streak: progress.streak }) : '';
  // The owner's plan for the week after, in their words written plain (a buddy is a third party).
  const next = planFor(goal, week + 1);
  const plan = next ? t(locale, 'email.buddyWeekly.plan', { plan: planLabel(goal, { ...next, text: unlinked(next.text) }) }) : '';
  const note = goal.shareNotes && answer?.note ? t(locale, 'email.buddyWeekly.note', { owner, note: unlinked(answer.note) }) : '';
  const chart = chartSlots(progress, goal, week, 'email.buddyWeekly.chart');
  const reactions = reactionKinds.map((kind, index) => ({
    label: t(locale, `react.${kind}`),
    url: reactionUrl(config, goal, buddy, week, index, now),
  }));
  const rendered = renderEmail(
    'buddy-weekly',
    locale,
    {
      ...vars,
      subject: t(locale, `email.buddyWeekly.subject.${outcome}`, vars),
      goalText: goal.text,
      headline: t(locale, `email.buddyWeekly.headline.${outcome}`, vars),
      // "Ola changed the goal from 2 to 3 a week, from week 6": told once, in the week before it applies.
      summary: [resultLine, streak, buddyNews(goal, week, owner), plan].filter(Boolean).join(' '),
      buddyPageUrl: buddyPageUrl(config, buddy.email, now),
      leaveUrl: buddyLeaveUrl(config, goal, buddy, now),
      ...footerUrls(config, buddy.email, goal.locale, now),
    },
    {
      html: {
        note: note ? `<p style="margin:0 0 6px;font-style:italic">${escapeHtml(note)}</p>` : '',
        chart: chart.html,
        reactions: buttonsHtml(reactions),
      },
      text: { note: note ? `${note}\n` : '', chart: chart.text, reactions: buttonsText(reactions) },
    },
  );
  return { to: buddy.email, ...fromOwner(goal), ...rendered, replyTo: replyAddress(config, goal), headers: buddyHeaders(config, goal, buddy, now) };
}

export function buddyFinalEmail(config: CoreConfig, owners: Goal, buddy: Buddy, answers: WeekAnswer[], now: Date): OutgoingEmail {
  const goal = asShownToOthers(owners);
  const locale = goal.locale;
  const progress = summarize({ ...goal, status: 'completed' }, answers);
  const verdict = verdictOf(goal, progress);
  const vars = { ...verdict.vars, owner: ownerLabel(goal), onTarget: progress.weeksOnTarget };
  const chart = chartSlots(progress, goal, goal.weeks, 'email.final.chart');
  const rendered = renderEmail(
    'buddy-final',
    locale,
    {
      ...vars,
      subject: verdictText(goal, verdict, 'email.buddyFinal.subject', vars),
      heading: verdictText(goal, verdict, 'email.buddyFinal.heading', vars),
      verdictLine: verdict.line,
      rule: verdict.rule,
      weeksLine: t(locale, 'email.buddyFinal.weeks', vars),
      goalText: goal.text,
      buddyPageUrl: buddyPageUrl(config, buddy.email, now),
      ...footerUrls(config, buddy.email, goal.locale, now),
    },
    {
      html: { chart: chart.html, verdict: verdict.slots.html },
      text: { chart: chart.text, verdict: verdict.slots.text },
    },
  );
  return { to: buddy.email, ...fromOwner(goal), ...rendered, replyTo: replyAddress(config, goal), headers: buddyHeaders(config, goal, buddy, now) };
}

export type NoticeKind = 'accepted' | 'declined' | 'left' | 'reaction';

/** A short note to the owner about their buddy; `quote` is the buddy's own message, if any. */
export function ownerNotice(
  config: CoreConfig,
  goal: Goal,
  kind: NoticeKind,
  vars: Record<string, string | number>,
  now: Date,
  quote?: string,
): OutgoingEmail {
  const locale = goal.locale;
  return noticeEmail(
    config,
    goal,
    {
      subject: t(locale, `notice.${kind}.subject` as MessageKey, vars),
      body: t(locale, `notice.${kind}.body` as MessageKey, vars),
      ...(quote
        ? {
            extra: {
              html: `<p class="k-bubble" style="margin:0;padding:12px;background-color:${light.quoteBg};border-radius:6px">${escapeHtml(quote)}</p>`,
              text: `\n  "${quote}"\n`,
            },
          }
        : {}),
    },
    now,
  );
}
