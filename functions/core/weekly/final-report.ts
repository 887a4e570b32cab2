// The end of the period: the verdict in plain words, the totals, what worked, and a way to go again.
import { renderEmail } from '../emails/render.js';
import type { Goal } from '../goals/goal.js';
import { goalFormUrl, goalPageUrl, neverEmailUrl, replyAddress } from '../goals/links.js';
import { t } from '../i18n/messages.js';
import type { CoreConfig, OutgoingEmail } from '../ports.js';
import type { WeekAnswer } from '../progress/answers.js';
import { summarize } from '../progress/progress.js';
import { chartSlots, listHeaders } from './checkin-email.js';

/** The sign-up form, prefilled with this goal, for the next period. */
export function nextGoalUrl(config: CoreConfig, goal: Goal): string {
  return goalFormUrl(config, goal);
}

export function finalReportEmail(config: CoreConfig, goal: Goal, answers: WeekAnswer[], now: Date): OutgoingEmail {
  const locale = goal.locale;
  const progress = summarize({ ...goal, status: 'completed' }, answers);
  const verdict = t(locale, progress.reached ? 'email.final.reached' : 'email.final.notReached');
  const channels = progress.channels.length
    ? t(locale, 'email.final.channels', {
        channels: progress.channels.map((c) => `${t(locale, `channel.${c.channel}`)} (${c.count})`).join(', '),
      })
    : t(locale, 'email.final.channels.none');
  const chart = chartSlots(progress, goal, goal.weeks);
  const rendered = renderEmail(
    'final-report',
    locale,
    {
      verdict,
      weeks: goal.weeks,
      goalText: goal.text,
      total: progress.total,
      targetTotal: progress.targetTotal,
      onTarget: progress.weeksOnTarget,
      answered: progress.answeredWeeks,
      channels,
      nextGoalUrl: nextGoalUrl(config, goal),
      goalUrl: goalPageUrl(config, goal, now),
      neverUrl: neverEmailUrl(config, goal.owner, goal.locale, now),
    },
    {
      html: { chart: chart.html },
      text: { chart: chart.text },
    },
  );
  return { to: goal.owner, ...rendered, replyTo: replyAddress(config, goal), headers: listHeaders(config, goal, now) };
}
