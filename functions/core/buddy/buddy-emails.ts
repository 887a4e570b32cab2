// The emails around a buddy: the invitation (and its one reminder), the weekly result with one-click
// reactions, the final report, and the short notices the owner gets about their buddy.
import { escapeHtml } from '../emails/escape.js';
import { buttonsHtml, buttonsText } from '../emails/fragments.js';
import { renderEmail } from '../emails/render.js';
import type { Buddy, Goal } from '../goals/goal.js';
import { buddyLeaveUrl, buddyPageUrl, invitationUrl, neverEmailUrl, reactionUrl, replyAddress } from '../goals/links.js';
import { noticeEmail } from '../emails/notice.js';
import { t, tPlural, type MessageKey } from '../i18n/messages.js';
import type { CoreConfig, OutgoingEmail } from '../ports.js';
import { isCounted, type WeekAnswer } from '../progress/answers.js';
import { summarize } from '../progress/progress.js';
import { chartSlots } from '../weekly/checkin-email.js';

export const reactionKinds = ['applause', 'keep-going', 'ask'] as const;
export type ReactionKind = (typeof reactionKinds)[number];

/** How the owner is named to the buddy: their name, else their address. */
export const ownerLabel = (goal: Goal) => goal.ownerName ?? goal.owner;
export const buddyLabel = (buddy: Pick<Buddy, 'name' | 'email'>) => buddy.name ?? buddy.email;

const commitment = (goal: Goal) => goal.commitment ?? t(goal.locale, 'goal.commitment', { perWeek: goal.targetPerWeek, weeks: goal.weeks });

/** A buddy's mail can be left with one click (RFC 8058), like the owner's check-ins. */
function buddyHeaders(config: CoreConfig, goal: Goal, buddy: string, now: Date): Record<string, string> {
  return {
    'List-Unsubscribe': `<${buddyLeaveUrl(config, goal, buddy, now)}>`,
    'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    'Auto-Submitted': 'auto-generated',
  };
}

export function invitationEmail(config: CoreConfig, goal: Goal, buddy: Buddy, kind: 'buddy-invite' | 'buddy-reminder', now: Date): OutgoingEmail {
  const url = invitationUrl(config, goal, buddy.email, now);
  const rendered = renderEmail(kind, goal.locale, {
    owner: ownerLabel(goal),
    ownerEmail: goal.owner,
    goalText: goal.text,
    commitment: commitment(goal),
    acceptUrl: url,
    declineUrl: url,
    neverUrl: neverEmailUrl(config, buddy.email, goal.locale, now),
  });
  // The invitation is a request, not a list: no List-Unsubscribe, and nothing follows without a yes.
  return { to: buddy.email, ...rendered, replyTo: replyAddress(config, goal), headers: { 'Auto-Submitted': 'auto-generated' } };
}

export function buddyWeeklyEmail(config: CoreConfig, goal: Goal, buddy: Buddy, week: number, answers: WeekAnswer[], now: Date): OutgoingEmail {
  const locale = goal.locale;
  const owner = ownerLabel(goal);
  const progress = summarize({ ...goal, nextWeek: week + 1 }, answers);
  const found = answers.find((a) => a.week === week);
  const answer = isCounted(found) ? found : undefined;
  // A week paused by reply is a break, not a week without an answer.
  const paused = !answer && found?.paused === true;
  const result = answer
    ? t(locale, 'email.buddyWeekly.result', { count: answer.count, target: goal.targetPerWeek })
    : t(locale, paused ? 'email.buddyWeekly.paused' : 'email.buddyWeekly.notReported');
  const resultLine = answer ? result : t(locale, paused ? 'email.buddyWeekly.pausedLine' : 'email.buddyWeekly.noAnswer', { owner, week });
  const note = goal.shareNotes && answer?.note ? t(locale, 'email.buddyWeekly.note', { owner, note: answer.note }) : '';
  const chart = chartSlots(progress, goal, week);
  const reactions = reactionKinds.map((kind, index) => ({
    label: t(locale, `react.${kind}`),
    url: reactionUrl(config, goal, buddy.email, week, index, now),
  }));
  const rendered = renderEmail(
    'buddy-weekly',
    locale,
    {
      owner,
      week,
      weeks: goal.weeks,
      result,
      goalText: goal.text,
      resultLine,
      streakLine: tPlural(locale, 'email.buddyWeekly.streak', progress.streak, { streak: progress.streak }),
      buddyPageUrl: buddyPageUrl(config, buddy.email, now),
      leaveUrl: buddyLeaveUrl(config, goal, buddy.email, now),
      neverUrl: neverEmailUrl(config, buddy.email, goal.locale, now),
    },
    {
      html: {
        note: note ? `<p style="margin:0 0 12px;font-style:italic">${escapeHtml(note)}</p>` : '',
        chart: chart.html,
        reactions: buttonsHtml(reactions),
      },
      text: { note: note ? `${note}\n` : '', chart: chart.text, reactions: buttonsText(reactions) },
    },
  );
  return { to: buddy.email, ...rendered, replyTo: replyAddress(config, goal), headers: buddyHeaders(config, goal, buddy.email, now) };
}

export function buddyFinalEmail(config: CoreConfig, goal: Goal, buddy: Buddy, answers: WeekAnswer[], now: Date): OutgoingEmail {
  const locale = goal.locale;
  const owner = ownerLabel(goal);
  const progress = summarize({ ...goal, status: 'completed' }, answers);
  const chart = chartSlots(progress, goal, goal.weeks);
  const rendered = renderEmail(
    'buddy-final',
    locale,
    {
      owner,
      weeks: goal.weeks,
      goalText: goal.text,
      verdict: t(locale, progress.reached ? 'email.buddyFinal.reached' : 'email.buddyFinal.notReached', { owner }),
      total: progress.total,
      targetTotal: progress.targetTotal,
      onTarget: progress.weeksOnTarget,
      buddyPageUrl: buddyPageUrl(config, buddy.email, now),
      neverUrl: neverEmailUrl(config, buddy.email, goal.locale, now),
    },
    {
      html: { chart: chart.html },
      text: { chart: chart.text },
    },
  );
  return { to: buddy.email, ...rendered, replyTo: replyAddress(config, goal), headers: buddyHeaders(config, goal, buddy.email, now) };
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
        ? { extra: { html: `<p style="margin:0;padding:12px;background:#f5f7fa;border-radius:6px">${escapeHtml(quote)}</p>`, text: `\n  "${quote}"\n` } }
        : {}),
    },
    now,
  );
}
