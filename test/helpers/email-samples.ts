// One sample of every kind of email Kompis sends, built by the same functions production uses, with
// the content that stresses a layout: a 13-week chart with two-digit counts and unanswered weeks, a goal
// reached and one missed, an owner without a name, a shared note, a buddy's message; the links emailed on
// request and the answers to replies.
import { buddyFinalEmail, buddyWeeklyEmail, invitationEmail, ownerNotice } from '../../functions/core/buddy/buddy-emails.js';
import { buttonsHtml, buttonsText } from '../../functions/core/emails/fragments.js';
import { noticeEmail } from '../../functions/core/emails/notice.js';
import { renderEmail } from '../../functions/core/emails/render.js';
import '../../templates/compiled/emails/email-signup.js';
import { confirmEmail, scheduleText } from '../../functions/core/goals/sign-up.js';
import { buddyPageUrl, confirmUrl, footerUrls, forgetUrl, goalPageUrl, recordUrl, stepUpUrl } from '../../functions/core/links/links.js';
import { myGoalsEmail, type ListedGoal } from '../../functions/core/goals/my-goals.js';
import { linkEmail, type LinkEmailKind } from '../../functions/core/emails/link-email.js';
import { ownerAnswer, shortAnswer } from '../../functions/core/inbound/answers.js';
import { t, type Locale } from '../../functions/core/i18n/messages.js';
import type { OutgoingEmail } from '../../functions/core/ports.js';
import type { WeekAnswer } from '../../functions/core/answers.js';
import { checkinEmail } from '../../functions/core/weekly/checkin-email.js';
import { checkinReminderEmail } from '../../functions/core/weekly/checkin-reminder.js';
import { planEmail } from '../../functions/core/weekly/plan.js';
import { midReportEmail } from '../../functions/core/weekly/mid-report.js';
import { finalReportEmail } from '../../functions/core/weekly/final-report.js';
import { aGoal, anAnswer, exampleConfig } from './factories.js';
import { aCircle } from './circle-samples.js';
import { digestEmail } from '../../functions/core/circles/digest-email.js';
import { circleChangeUrl, circleInvitationUrl, circleJoinUrl } from '../../functions/core/circles/circle-links.js';

export interface EmailSample {
  /** e.g. "buddy-weekly"; `variant` tells samples of one kind apart. */
  kind: string;
  variant: string;
  locale: Locale;
  email: OutgoingEmail;
}

const now = new Date('2026-06-05T13:00:00Z');
const buddy = { email: 'kari@example.com', name: 'Kari Nordmann', status: 'accepted' as const, invitation: 1 };

/** 13 weeks of 2 a week: 34 in all, a 14, two weeks without an answer, notes and channels. */
const counts = [2, 3, 0, null, 14, 2, 1, 2, 4, null, 3, 2, 2];
const channels = ['event', 'linkedin', 'event', 'referral'] as const;
export const sampleAnswers: WeekAnswer[] = counts.flatMap((count, i) =>
  count === null ? [] : [anAnswer(i + 1, count, { channel: channels[i % channels.length]!, ...(i === 11 ? { note: 'Two at the meetup, one over lunch' } : {}) })],
);
/** The same weeks, short of the goal: 21 of 26. */
const shortAnswers = sampleAnswers.map((a) => (a.week === 5 ? { ...a, count: 1 } : a));

export function emailSamples(locale: Locale): EmailSample[] {
  const goal = aGoal({ locale, ownerName: 'Ola Nordmann', buddy, shareNotes: true, nextWeek: 12 });
  const done = { ...goal, status: 'completed' as const, nextWeek: 14 };
  const nameless = { ...done, ownerName: undefined };
  const invited = { ...buddy, status: 'invited' as const };
  const upTo = (week: number) => sampleAnswers.filter((a) => a.week <= week);
  const recordButtons = [0, 1, 2, 3].map((value) => ({
    label: value === 3 ? t(locale, 'email.checkin.orMore', { count: value }) : String(value),
    url: recordUrl(exampleConfig, goal, 11, value, now),
  }));
  const circle = aCircle(locale, now);
  const samples: [string, string, OutgoingEmail][] = [
    ['circle-digest', 'eight members, shared target', digestEmail(exampleConfig, circle, { ...circle.members[1]!, locale }, now)],
    ['confirm-goal', 'with buddy', { to: goal.owner, ...confirmEmail({ config: exampleConfig }, { ...goal, status: 'pending' }, now) }],
    [
      'email-signup',
      'understood',
      {
        to: goal.owner,
        ...renderEmail('email-signup', locale, {
          goalText: goal.text,
          understood: t(locale, 'email.signup.understood', { perWeek: 2, weeks: 13, schedule: scheduleText(goal) }),
          buddyLine: t(locale, 'email.signup.buddy', { buddy: `${buddy.name} <${buddy.email}>` }),
          confirmUrl: confirmUrl(exampleConfig, goal, now),
          editUrl: `${exampleConfig.baseUrl}/?goal=x`,
          ...footerUrls(exampleConfig, goal.owner, locale, now),
        }),
      },
    ],
    ['checkin', 'week 1', checkinEmail(exampleConfig, { ...goal, nextWeek: 1 }, 1, [], now)],
    ['checkin', 'week 12', checkinEmail(exampleConfig, goal, 12, upTo(11), now)],
    ['checkin', 'target 9', checkinEmail(exampleConfig, { ...goal, targetPerWeek: 9 }, 12, upTo(11), now)],
    ['checkin-reminder', 'week 12', checkinReminderEmail(exampleConfig, goal, 12, now)],
    ['mid-report', 'channels', midReportEmail(exampleConfig, goal, 7, upTo(6), now)],
    ['mid-report', 'no channels', midReportEmail(exampleConfig, goal, 7, upTo(6).map(({ channel: _channel, ...a }) => a), now)],
    ['plan', 'a long plan', planEmail(exampleConfig, goal, { week: 12, weekday: 4, hour: 8, minute: 0, email: true, text: 'Coffee with two CFOs from the referral list, then follow up on LinkedIn' }, now)],
    ['checkin', 'with a plan, after a missed week', checkinEmail(exampleConfig, { ...goal, nextWeek: 11, plan: { week: 11, weekday: 2, hour: 9, minute: 30, email: false, text: 'call three leads' } }, 11, upTo(9), now)],
    ['final-report', 'reached', finalReportEmail(exampleConfig, done, sampleAnswers, now)],
    ['final-report', 'short', finalReportEmail(exampleConfig, done, shortAnswers, now)],
    ['buddy-invite', 'named owner', invitationEmail(exampleConfig, goal, invited, 'buddy-invite', now)],
    ['buddy-reminder', 'no owner name', invitationEmail(exampleConfig, { ...goal, ownerName: undefined }, invited, 'buddy-reminder', now)],
    ['buddy-weekly', 'reached, note, streak', buddyWeeklyEmail(exampleConfig, goal, buddy, 12, upTo(12), now)],
    ['buddy-weekly', 'short', buddyWeeklyEmail(exampleConfig, goal, buddy, 7, upTo(7), now)],
    ['buddy-weekly', 'used a joker', buddyWeeklyEmail(exampleConfig, goal, buddy, 4, [...upTo(3), { week: 4, joker: true, source: 'reply', updatedAt: now.toISOString() }], now)],
    ['buddy-weekly', 'no answer', buddyWeeklyEmail(exampleConfig, { ...goal, ownerName: undefined }, buddy, 10, upTo(10), now)],
    [
      'buddy-weekly',
      'the goal changed',
      buddyWeeklyEmail(
        exampleConfig,
        { ...goal, targetPerWeek: 3, changes: [{ at: now.toISOString(), fromWeek: 12, from: { text: goal.text, perWeek: 2, weeks: 13 }, to: { text: goal.text, perWeek: 3, weeks: 13 }, easier: false, late: false }] },
        buddy,
        11,
        upTo(11),
        now,
      ),
    ],
    ['buddy-final', 'reached', buddyFinalEmail(exampleConfig, done, buddy, sampleAnswers, now)],
    ['buddy-final', 'short, no owner name', buddyFinalEmail(exampleConfig, nameless, buddy, shortAnswers, now)],
    ['notice', 'buddy accepted', ownerNotice(exampleConfig, goal, 'accepted', { buddy: buddy.name }, now)],
    ['notice', 'buddy declined', ownerNotice(exampleConfig, goal, 'declined', { buddy: buddy.name }, now)],
    ['notice', 'buddy left', ownerNotice(exampleConfig, goal, 'left', { buddy: buddy.name }, now)],
    [
      'notice',
      'reaction with a message',
      ownerNotice(exampleConfig, goal, 'reaction', { buddy: buddy.name, reaction: t(locale, 'react.applause'), week: 11 }, now, 'Strong week, keep it up!'),
    ],
    [
      'notice',
      'read-back with buttons',
      noticeEmail(
        exampleConfig,
        goal,
        {
          subject: t(locale, 'reply.recorded.subject', { count: 2, week: 11 }),
          body: t(locale, 'reply.recorded.body', { count: 2, week: 11 }),
          extra: { html: buttonsHtml(recordButtons), text: buttonsText(recordButtons) },
        },
        now,
      ),
    ],
  ];
  // Links emailed when asked for on a page, and the answers to replies that are not a check-in's.
  const links: [string, LinkEmailKind, string, Record<string, string>][] = [
    ['goal page', 'goal', goalPageUrl(exampleConfig, goal, now), {}],
    ['signed out', 'signedOut', goalPageUrl(exampleConfig, goal, now), {}],
    ['step-up export', 'export', stepUpUrl(exampleConfig, goal, 'export', now), {}],
    ['step-up erase', 'erase', stepUpUrl(exampleConfig, goal, 'erase', now), {}],
    ['step-up buddy change', 'buddy-change', stepUpUrl(exampleConfig, goal, 'buddy-change', now, [buddy.email]), { buddy: `${buddy.name} <${buddy.email}>` }],
    ['forget', 'forget', forgetUrl(exampleConfig, buddy.email, locale, now), {}],
    ['circle invitation', 'circleInvite', circleInvitationUrl(exampleConfig, circle.circle, now), { inviter: 'Ola Nordmann', circle: circle.circle.name }],
    ['circle join link', 'circleJoin', circleJoinUrl(exampleConfig, circle.circle.id, goal.owner, 'Ola', now), { circle: circle.circle.name }],
    ['circle remove', 'circleRemove', circleChangeUrl(exampleConfig, circle.circle.id, goal, 'remove', now, circle.members[1]!.goalId), { circle: circle.circle.name, name: 'Kari Nordmann' }],
    ['circle close', 'circleClose', circleChangeUrl(exampleConfig, circle.circle.id, goal, 'close', now), { circle: circle.circle.name, name: '' }],
  ];
  for (const [variant, kind, url, vars] of links) samples.push(['link', variant, linkEmail(exampleConfig, goal.owner, locale, kind, url, vars, now, goal)]);
  const received = { messageId: '<reply-1@mail.example.com>', references: [], subject: 'Re: Kari Nordmann is your buddy' };
  const help = t(locale, 'reply.help.subject');
  samples.push(
    ['notice', 'help to the owner', ownerAnswer(exampleConfig, goal, 0, received, { heading: help, body: t(locale, 'reply.help.owner.body') }, now)],
    [
      'notice',
      'paused by reply, with its undo link',
      ownerAnswer(exampleConfig, goal, 11, received, {
        heading: t(locale, 'reply.paused.subject'),
        body: t(locale, 'reply.pausedOpen.body'),
        link: { label: t(locale, 'reply.undo.resume'), url: goalPageUrl(exampleConfig, goal, now), hint: t(locale, 'reply.undo.hint', { word: 'resume' }) },
      }, now),
    ],
    [
      'short-answer',
      'help to the buddy',
      shortAnswer(exampleConfig, goal, buddy.email, locale, received, {
        heading: help,
        body: t(locale, 'reply.help.buddy.body'),
        link: { label: t(locale, 'reply.help.buddy.link'), url: buddyPageUrl(exampleConfig, buddy.email, now) },
      }, now),
    ],
    [
      'short-answer',
      'another address',
      shortAnswer(exampleConfig, goal, 'ola.private@example.net', locale, received, { heading: t(locale, 'reply.stranger.subject'), body: t(locale, 'reply.stranger.body') }, now),
    ],
  );
  // "Find my goals": two goals of one's own (one finished) and one followed as a buddy.
  const listed: ListedGoal[] = [
    { goal, role: 'owner', url: goalPageUrl(exampleConfig, goal, now) },
    { goal: { ...done, id: 'second', text: 'Run 3 times a week' }, role: 'owner', url: goalPageUrl(exampleConfig, done, now) },
    { goal: { ...goal, owner: 'kari@example.com', ownerName: 'Kari Nordmann', text: 'Write 5 pages a week' }, role: 'buddy', url: buddyPageUrl(exampleConfig, goal.owner, now) },
  ];
  samples.push(['my-goals', 'owned and followed', myGoalsEmail(exampleConfig, { email: goal.owner }, locale, listed, now)]);
  return samples.map(([kind, variant, email]) => ({ kind, variant, locale, email }));
}

/** Every sample in both languages. */
export const allEmailSamples = (): EmailSample[] => [...emailSamples('nb'), ...emailSamples('en')];

/** A file-name-safe name: "buddy-weekly-short-nb". */
export const sampleName = (s: EmailSample): string => `${s.kind}-${s.variant}-${s.locale}`.replace(/[^a-z0-9]+/gi, '-').toLowerCase();
