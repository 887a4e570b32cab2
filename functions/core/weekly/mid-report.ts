// What is working: once, at the middle of the period, one email shows which channels produced most so far
// and asks whether to shift effort there. Due a day and two hours after the first check-in past halfway (after
// that check-in's reminder window), through tick → queue → send with its own marker (mid-report). A goal
// shorter than MIN_WEEKS has no middle worth an email; the owner can turn it off on the goal page.
import { renderEmail } from '../emails/render.js';
import '../../../templates/compiled/emails/mid-report.js';
import type { Goal } from '../goal.js';
import { goalPageUrl, neverEmailUrl, replyAddress, unsubscribeUrl } from '../links/links.js';
import { updateGoal, type GoalPatch } from '../update-goal.js';
import { t } from '../i18n/messages.js';
import type { CoreConfig, Deps, OutgoingEmail } from '../ports.js';
import type { WeekAnswer } from '../answers.js';
import { summarize } from '../progress/progress.js';
import { chartSlots } from '../emails/chart.js';
import { listHeaders } from '../emails/list-headers.js';
import { channelsSentence } from './final-report.js';
import { sendOnce } from '../emails/send-once.js';
import type { Pacer } from '../emails/send-rate.js';

export const MID_REPORT_MIN_WEEKS = 4;
export const MID_REPORT_AFTER_HOURS = 26;

/** The week whose check-in is the first past halfway: weeks 1…half are behind it. */
export const midWeek = (goal: Pick<Goal, 'weeks'>): number => Math.floor(goal.weeks / 2) + 1;

/** After week `week`'s check-in went out: the mid-period email, if this is the week and it is wanted. */
export function midReportAfterCheckin(goal: Goal, week: number, sentAt: Date): GoalPatch {
  if (goal.weeks < MID_REPORT_MIN_WEEKS || week !== midWeek(goal) || goal.midReportOff) return {};
  return { midReport: { week, dueAt: new Date(sentAt.getTime() + MID_REPORT_AFTER_HOURS * 3600_000).toISOString() } };
}

export function midReportEmail(config: CoreConfig, goal: Goal, week: number, answers: WeekAnswer[], now: Date): OutgoingEmail {
  const locale = goal.locale;
  const done = week - 1;
  const progress = summarize({ ...goal, nextWeek: week }, answers);
  const chart = chartSlots(progress, goal, done, 'email.checkin.progress');
  const top = progress.channels[0];
  const rendered = renderEmail(
    'mid-report',
    locale,
    {
      week,
      weeks: goal.weeks,
      goalText: goal.text,
      soFar: t(locale, 'email.midReport.soFar', { total: progress.total, done, targetTotal: progress.targetTotal }),
      channels: channelsSentence(progress, locale),
      question: top ? t(locale, 'email.midReport.shift', { channel: t(locale, `channel.plural.${top.channel}`) }) : t(locale, 'email.midReport.noChannels'),
      goalUrl: goalPageUrl(config, goal, now),
      unsubscribeUrl: unsubscribeUrl(config, goal, now),
      neverUrl: neverEmailUrl(config, goal.owner, locale, now),
    },
    { html: { chart: chart.html }, text: { chart: chart.text } },
  );
  return { to: goal.owner, ...rendered, replyTo: replyAddress(config, goal), headers: listHeaders(config, goal, now) };
}

export async function sendMidReport(deps: Deps, goal: Goal, week: number, pacer?: Pacer): Promise<'sent' | 'duplicate' | 'in-flight' | 'skipped'> {
  const now = deps.clock.now();
  if (goal.status !== 'active' || goal.midReport?.week !== week || goal.midReport.dueAt > now.toISOString()) return 'skipped';
  const outcome = goal.midReportOff
    ? 'skipped'
    : await sendOnce(deps, goal.id, { week, kind: 'mid-report' }, async (at) => midReportEmail(deps.config, goal, week, await deps.store.getWeekAnswers(goal.id), at), pacer);
  if (outcome === 'in-flight') return outcome;
  await updateGoal(deps.store, goal.owner, goal.id, (current) => (current.midReport?.week === week ? { midReport: undefined } : undefined));
  return outcome;
}
