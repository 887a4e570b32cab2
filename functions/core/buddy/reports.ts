// When the buddy hears how the week went: an hour after the owner answers (so a quick correction
// reaches the buddy as one email with the latest number), or 48 hours after the check-in without an
// answer. Only a buddy who said yes ever gets one; with several supporters (issue 20), each who said yes
// gets their own, claimed under their own marker, and the goal's pending report goes once all are out.
import type { Buddy, Goal } from '../goal.js';
import { updateGoal, type GoalPatch } from '../update-goal.js';
import type { Deps } from '../ports.js';
import { sendOnce, type SendOnceResult } from '../emails/send-once.js';
import type { Pacer } from '../emails/send-rate.js';
import { buddyFinalEmail, buddyWeeklyEmail } from './buddy-emails.js';
import { asSeenByBuddy } from './invitations.js';
import { hasAccepted, supporterKey, supportersOf } from './supporters.js';

export const REPORT_AFTER_ANSWER_MINUTES = 60;
export const REPORT_WITHOUT_ANSWER_HOURS = 48;

const later = (from: Date, minutes: number) => new Date(from.getTime() + minutes * 60_000).toISOString();

const accepted = (goal: Goal): Buddy[] => supportersOf(goal).filter((s) => s.status === 'accepted');

/** One email per supporter who said yes; the first not settled ('in-flight') stops the round for a retry. */
async function toEachAccepted(goal: Goal, send: (buddy: Buddy) => Promise<SendOnceResult>): Promise<SendOnceResult | 'skipped'> {
  let result: SendOnceResult | 'skipped' = 'skipped';
  for (const buddy of accepted(goal)) {
    const outcome = await send(buddy);
    if (outcome === 'in-flight') return outcome;
    if (result !== 'sent') result = outcome;
  }
  return result;
}

export { buddyReportPending } from '../due.js';

/** After week `week`'s check-in went out: the buddy's report waits for the answer, at most 48 hours. */
export function reportAfterCheckin(goal: Goal, week: number, sentAt: Date): GoalPatch {
  return hasAccepted(goal) ? { buddyReport: { week, dueAt: later(sentAt, REPORT_WITHOUT_ANSWER_HOURS * 60) } } : {};
}

/** After an answer for the week the buddy is waiting on: the report goes an hour from the first answer. */
export function reportAfterAnswer(goal: Goal, week: number, now: Date): GoalPatch | undefined {
  if (!hasAccepted(goal) || goal.buddyReport?.week !== week) return undefined;
  const soon = later(now, REPORT_AFTER_ANSWER_MINUTES);
  return soon < goal.buddyReport.dueAt ? { buddyReport: { week, dueAt: soon } } : undefined;
}

export async function sendBuddyReport(deps: Deps, goal: Goal, week: number, pacer?: Pacer): Promise<SendOnceResult | 'skipped'> {
  const now = deps.clock.now();
  if (!hasAccepted(goal) || goal.buddyReport?.week !== week || goal.buddyReport.dueAt > now.toISOString()) return 'skipped';
  const outcome = await toEachAccepted(goal, (buddy) =>
    sendOnce(
      deps,
      goal.id,
      supporterKey({ week, kind: 'buddy-report' }, buddy),
      async (at) => buddyWeeklyEmail(deps.config, await asSeenByBuddy(deps, goal, buddy.email), buddy, week, await deps.store.getWeekAnswers(goal.id), at),
      pacer,
    ),
  );
  if (outcome === 'in-flight') return outcome;
  await updateGoal(deps.store, goal.owner, goal.id, (current) => (current.buddyReport?.week === week ? { buddyReport: undefined } : undefined));
  return outcome;
}

export async function sendBuddyFinal(deps: Deps, goal: Goal, pacer?: Pacer): Promise<SendOnceResult | 'skipped'> {
  return toEachAccepted(goal, (buddy) =>
    sendOnce(
      deps,
      goal.id,
      supporterKey({ week: goal.weeks, kind: 'buddy-final' }, buddy),
      async (at) => buddyFinalEmail(deps.config, await asSeenByBuddy(deps, goal, buddy.email), buddy, await deps.store.getWeekAnswers(goal.id), at),
      pacer,
    ),
  );
}
