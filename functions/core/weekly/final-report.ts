// The end of the period: the verdict in plain words, the weeks, what worked, and a way to go again.
import { renderEmail } from '../emails/render.js';
import '../../../templates/compiled/emails/final-report.js';
import type { Goal } from '../goal.js';
import { goalFormUrl, goalPageUrl, footerUrls, replyAddress } from '../links/links.js';
import { locales, t, type Locale } from '../i18n/messages.js';
import type { CoreConfig, OutgoingEmail } from '../ports.js';
import type { WeekAnswer } from '../answers.js';
import { summarize, type Progress } from '../progress/progress.js';
import { chartSlots } from '../emails/chart.js';
import { listHeaders } from '../emails/list-headers.js';
import { verdictOf, verdictText } from '../emails/verdict.js';

/** The sign-up form, prefilled with this goal, for the next period. */
export function nextGoalUrl(config: CoreConfig, goal: Goal): string {
  return goalFormUrl(config, goal);
}

const lists = Object.fromEntries(locales.map((l) => [l, new Intl.ListFormat(t(l, 'lang.tag'), { type: 'conjunction' })])) as Record<Locale, Intl.ListFormat>;

/** "Most came from events (7), then LinkedIn (4) and referrals (2)." */
export function channelsSentence(progress: Progress, locale: Locale): string {
  const [first, ...rest] = progress.channels.map((c) => `${t(locale, `channel.plural.${c.channel}`)} (${c.count})`);
  if (!first) return t(locale, 'email.final.channels.none');
  return rest.length ? t(locale, 'email.final.channels.many', { first, rest: lists[locale].format(rest) }) : t(locale, 'email.final.channels.one', { first });
}

/** `circleLine`: the shared target of the goal's circle, when it has one (circles/final-line.ts). */
export function finalReportEmail(config: CoreConfig, goal: Goal, answers: WeekAnswer[], now: Date, circleLine = ''): OutgoingEmail {
  const locale = goal.locale;
  const progress = summarize({ ...goal, status: 'completed' }, answers);
  const verdict = verdictOf(goal, progress);
  const vars = { ...verdict.vars, onTarget: progress.weeksOnTarget, answered: progress.answeredWeeks };
  const chart = chartSlots(progress, goal, goal.weeks, 'email.final.chart');
  const rendered = renderEmail(
    'final-report',
    locale,
    {
      subject: verdictText(goal, verdict, 'email.final.subject', vars),
      heading: verdictText(goal, verdict, 'email.final.heading', vars),
      verdictLine: verdict.line,
      rule: verdict.rule,
      weeksLine: t(locale, progress.answeredWeeks === goal.weeks ? 'email.final.weeks.all' : 'email.final.weeks.some', vars),
      goalText: goal.text,
      channels: circleLine ? `${channelsSentence(progress, locale)} ${circleLine}` : channelsSentence(progress, locale),
      nextGoalUrl: nextGoalUrl(config, goal),
      goalUrl: goalPageUrl(config, goal, now),
      ...footerUrls(config, goal.owner, goal.locale, now),
    },
    {
      html: { chart: chart.html, verdict: verdict.slots.html },
      text: { chart: chart.text, verdict: verdict.slots.text },
    },
  );
  return { to: goal.owner, ...rendered, replyTo: replyAddress(config, goal), headers: listHeaders(config, goal, now) };
}
